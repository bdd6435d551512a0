import type { SentData } from '../../../shared/send-outcome.ts';

export interface AnswerMismatch {
  /** The code the service says it sent, when the operator sent their own and it is another one. */
  reportedCode: string | null;
  /** The number the service says it sent to, when it is not the one sent (as the service wrote it). */
  reportedPhone: string | null;
}

/** A failed or refused send has no answer to disagree with. */
export const NO_MISMATCH: AnswerMismatch = { reportedCode: null, reportedPhone: null };

/**
 * Where a successful answer disagrees with the request. The number is compared by its ten national
 * digits, so the service writing it with 8, with +7 or with spaces is not a mismatch; a missing number
 * is not one either (the field is optional).
 */
export function answerMismatch(sent: { phone: string; code: string | null }, data: SentData): AnswerMismatch {
  const reportedCode = sent.code !== null && data.code !== sent.code ? data.code : null;
  let reportedPhone: string | null = null;
  if (data.phone !== null) {
    const digits = data.phone.replace(/\D/g, '');
    const trunk = digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'));
    const same = (digits.length === 10 || trunk) && digits.slice(-10) === sent.phone.slice(1);
    if (!same) reportedPhone = data.phone;
  }
  return { reportedCode, reportedPhone };
}
