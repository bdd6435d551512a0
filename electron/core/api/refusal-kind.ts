import type { OutcomeKind } from '../../../shared/send-outcome.ts';

// The provider's own words for a number without a Telegram account ("user not found in telegram"),
// matched loosely: any case, any spacing, English or Russian. Both parts must be there ("not found" and
// "Telegram"), so a refusal that only mentions one of them, or anything else the service says, stays
// a generic refusal quoted as it came: sending an operator to another channel for a number that has
// Telegram would be worse than quoting a reason the app cannot name.
const NOT_FOUND = /not[\s_-]*found|не[\s_-]*найден/i;
const TELEGRAM = /telegram|телеграм/i;

/** The outcome of a refusal (`status: false`, or `success: false` with HTTP 200), from its text. */
export function refusalKind(text: string): Extract<OutcomeKind, 'no_telegram' | 'unexpected_response'> {
  return NOT_FOUND.test(text) && TELEGRAM.test(text) ? 'no_telegram' : 'unexpected_response';
}
