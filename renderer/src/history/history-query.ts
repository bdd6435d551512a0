import { VERIFICATION_FILTERS, type VerificationFilter } from '../../../shared/check-schema.ts';
import type { HistoryQuery, Operator, OutcomeFilter } from '../../../shared/history-schema.ts';
import { RECORD_OUTCOMES } from '../../../shared/send-outcome.ts';

/** What the operator has typed and ticked in the filter bar, as the inputs hold it. */
export interface HistoryFilters {
  phone: string;
  outcomes: OutcomeFilter[];
  verification: VerificationFilter[];
  /** `YYYY-MM-DD` from a date input, or '' for no bound. */
  from: string;
  to: string;
  /** One sender (name, OS account, computer), or null for everyone. */
  operator: Operator | null;
}

export const NO_FILTERS: HistoryFilters = { phone: '', outcomes: [], verification: [], from: '', to: '', operator: null };

/** Every choice of the outcome filter, in the order the operator sees them. */
export const OUTCOME_FILTERS: readonly OutcomeFilter[] = [...RECORD_OUTCOMES, 'pending', 'interrupted'];

export const PHONE_SEARCH_MAX = 40;

// A date input's value names a calendar day; the query needs the local midnight that starts it.
function localDayStart(value: string, addDays = 0): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  // The Date constructor rolls day 32 over into the next month and follows daylight-saving shifts.
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays).getTime();
}

/** The service query for the filters; the `to` day is included, so the bound is the next midnight. */
export function toQuery(filters: HistoryFilters): HistoryQuery {
  const query: HistoryQuery = {};
  const phone = filters.phone.trim().slice(0, PHONE_SEARCH_MAX);
  if (phone !== '') query.phone = phone;
  if (filters.outcomes.length > 0) query.outcomes = OUTCOME_FILTERS.filter((kind) => filters.outcomes.includes(kind));
  if (filters.verification.length > 0) query.verification = VERIFICATION_FILTERS.filter((name) => filters.verification.includes(name));
  const from = localDayStart(filters.from);
  if (from !== null) query.from = from;
  const to = localDayStart(filters.to, 1);
  if (to !== null) query.to = to;
  if (filters.operator !== null) query.operator = filters.operator;
  return query;
}

/** The same query for every sender: what the per-operator summary and the operator choice cover. */
export function withoutOperator(query: HistoryQuery): HistoryQuery {
  const rest = { ...query };
  delete rest.operator;
  return rest;
}

export function hasFilters(filters: HistoryFilters): boolean {
  return filters.phone.trim() !== '' || filters.outcomes.length > 0 || filters.verification.length > 0 || filters.from !== '' || filters.to !== '' || filters.operator !== null;
}

/** True when both dates are set and the range cannot contain anything. */
export function datesReversed(filters: HistoryFilters): boolean {
  return filters.from !== '' && filters.to !== '' && filters.to < filters.from;
}
