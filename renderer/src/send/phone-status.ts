import { checkPhone, isCompletePhone, type PhoneProblem } from '../../../shared/phone.ts';

export type PhoneStatus =
  | { tone: 'hint' }
  | { tone: 'typing' }
  | { tone: 'ok'; display: string; canonical: string }
  | { tone: 'error'; problem: PhoneProblem };

/**
 * What the line under the phone field says. A half-typed number is not scolded: its problem shows once
 * the operator has left the field or tried to send, or as soon as the number is complete and typing on
 * cannot fix it (a whole number is never told to be typed in full).
 */
export function phoneStatus(input: string, settled: boolean): PhoneStatus {
  const check = checkPhone(input);
  if (check.ok) return { tone: 'ok', display: check.display, canonical: check.canonical };
  if (check.problem === 'empty') return settled ? { tone: 'error', problem: 'empty' } : { tone: 'hint' };
  const hopeless = check.problem === 'bad_characters' || check.problem === 'too_long' || isCompletePhone(input);
  return settled || hopeless ? { tone: 'error', problem: check.problem } : { tone: 'typing' };
}
