import type { ErrorCode } from '../../../shared/contract.ts';
import type { PhoneProblem } from '../../../shared/phone.ts';
import type { Delivery, OutcomeKind, RecordOutcome } from '../../../shared/send-outcome.ts';

// Each list is a Record over the shared type, so a new problem, outcome or error code fails the
// typecheck here until it has its sentence (and the locale test checks both languages have it).

export const PHONE_PROBLEM_TEXT: Record<PhoneProblem, string> = {
  empty: 'phone.problem.empty',
  too_long: 'phone.problem.too_long',
  bad_characters: 'phone.problem.bad_characters',
  wrong_length: 'phone.problem.wrong_length',
  not_russian: 'phone.problem.not_russian',
  kazakhstan: 'phone.problem.kazakhstan',
  not_mobile: 'phone.problem.not_mobile',
};

export const OUTCOME_TITLE: Record<RecordOutcome, string> = {
  sent: 'outcome.sent.title',
  invalid_phone: 'outcome.invalid_phone.title',
  unauthorized: 'outcome.unauthorized.title',
  rate_limited: 'outcome.rate_limited.title',
  no_telegram: 'outcome.no_telegram.title',
  server_error: 'outcome.server_error.title',
  unexpected_response: 'outcome.unexpected_response.title',
  network_error: 'outcome.network_error.title',
  timeout: 'outcome.timeout.title',
  no_token: 'outcome.no_token.title',
  policy_invalid: 'outcome.policy_invalid.title',
  blocked: 'outcome.blocked.title',
};

/** What to do after each failure. */
export const OUTCOME_ADVICE: Record<Exclude<OutcomeKind, 'sent'>, string> = {
  invalid_phone: 'outcome.invalid_phone.advice',
  unauthorized: 'outcome.unauthorized.advice',
  rate_limited: 'outcome.rate_limited.advice',
  no_telegram: 'outcome.no_telegram.advice',
  server_error: 'outcome.server_error.advice',
  unexpected_response: 'outcome.unexpected_response.advice',
  network_error: 'outcome.network_error.advice',
  timeout: 'outcome.timeout.advice',
  no_token: 'outcome.no_token.advice',
  policy_invalid: 'outcome.policy_invalid.advice',
};

export const DELIVERY_TEXT: Record<Delivery, string> = {
  sent: 'delivery.sent',
  not_sent: 'delivery.not_sent',
  unknown: 'delivery.unknown',
};

/**
 * Failures the same request would meet again: their advice says what to fix or how long to wait, so the
 * delivery line says only that nothing was sent, never "you can send again".
 */
const SAME_AGAIN: ReadonlySet<OutcomeKind> = new Set<OutcomeKind>(['invalid_phone', 'unauthorized', 'rate_limited', 'no_telegram', 'no_token', 'policy_invalid', 'unexpected_response']);

/** The delivery line of a result, agreeing with its advice. */
export function deliveryText(outcome: OutcomeKind, delivery: Delivery): string {
  return delivery === 'not_sent' && SAME_AGAIN.has(outcome) ? 'delivery.refused' : DELIVERY_TEXT[delivery];
}

export const REFUSAL_TEXT: Record<ErrorCode, string> = {
  invalid_request: 'contractError.invalid_request',
  forbidden: 'contractError.forbidden',
  invalid_phone: 'contractError.invalid_phone',
  invalid_token: 'contractError.invalid_token',
  token_unreadable: 'contractError.token_unreadable',
  token_missing: 'contractError.token_missing',
  token_address_changed: 'contractError.token_address_changed',
  invalid_settings: 'contractError.invalid_settings',
  setting_locked: 'contractError.setting_locked',
  policy_invalid: 'contractError.policy_invalid',
  not_found: 'contractError.not_found',
  confirm_repeat: 'contractError.confirm_repeat',
  internal: 'contractError.internal',
};
