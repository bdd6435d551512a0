import { VERIFICATION_FILTERS, type VerificationFilter } from '../../../shared/check-schema.ts';
import type { HistoryQuery, Operator, OutcomeFilter } from '../../../shared/history-schema.ts';
import { parseSearch, SEARCH_MAX_LENGTH } from '../../../shared/history-search.ts';
import { RECORD_OUTCOMES } from '../../../shared/send-outcome.ts';

/** What the operator has typed and ticked in the filter bar, as the inputs hold it. */
export interface HistoryFilters {
  /** A number or part of it, a code, or part of the sender's name. */
  search: string;
  outcomes: OutcomeFilter[];
  verification: VerificationFilter[];
  /** `YYYY-MM-DD` from a date input, or '' for no bound. */
  from: string;
  to: string;
  /** One sender (name, OS account, computer), or null for everyone. */
  operator: Operator | null;
}

export const NO_FILTERS: HistoryFilters = { search: '', outcomes: [], verification: [], from: '', to: '', operator: null };

/** Every choice of the outcome filter, in the order the operator sees them. */
export const OUTCOME_FILTERS: readonly OutcomeFilter[] = [...RECORD_OUTCOMES, 'pending', 'interrupted'];

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
  const search = filters.search.trim().slice(0, SEARCH_MAX_LENGTH);
  if (search !== '') query.search = search;
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
  return filters.search.trim() !== '' || filters.outcomes.length > 0 || filters.verification.length > 0 || filters.from !== '' || filters.to !== '' || filters.operator !== null;
}

/** True when both dates are set and the range cannot contain anything. */
export function datesReversed(filters: HistoryFilters): boolean {
  return filters.from !== '' && filters.to !== '' && filters.to < filters.from;
}

/** True when something is typed in the search box but too little to search by (it then filters nothing). */
export function searchTooShort(filters: HistoryFilters): boolean {
  return parseSearch(filters.search).kind === 'too_short';
}
