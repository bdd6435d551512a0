import { outcomeOf, type HistoryRow, type Operator } from '../../../shared/history-schema.ts';

/** How a badge looks; never the only carrier of meaning, the text always names the outcome. */
export type Tone = 'ok' | 'danger' | 'warn' | 'info';

export function toneOf(row: HistoryRow): Tone {
  const outcome = outcomeOf(row);
  if (outcome === 'sent') return 'ok';
  if (outcome === 'pending') return 'info';
  // An interrupted send, a timeout, a dropped connection: a code may have gone out.
  if (outcome === 'interrupted' || row.delivery === 'unknown') return 'warn';
  return 'danger';
}

/** `irina.k@desk-07`: the OS account and computer, or null on a record from before they were kept. */
export function accountOf(operator: Operator): string | null {
  if (operator.osUser === null && operator.host === null) return null;
  return `${operator.osUser ?? '?'}@${operator.host ?? '?'}`;
}

/** Two senders are the same when name, OS account and computer all match. */
export const sameOperator = (a: Operator, b: Operator) => a.sentBy === b.sentBy && a.osUser === b.osUser && a.host === b.host;

export const TONE_MARK: Record<Tone, string> = { ok: '✓', danger: '✕', warn: '?', info: '…' };

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const secondFormats = new Map<string, Intl.NumberFormat>();
const millisecondFormats = new Map<string, Intl.NumberFormat>();
const countFormats = new Map<string, Intl.NumberFormat>();

function cached<T>(cache: Map<string, T>, language: string, make: () => T): T {
  let value = cache.get(language);
  if (value === undefined) {
    value = make();
    cache.set(language, value);
  }
  return value;
}

export function formatDateTime(ms: number, language: string): string {
  return cached(dateTimeFormats, language, () =>
    new Intl.DateTimeFormat(language, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }),
  ).format(ms);
}

/** `850 ms` under a second, `1.25 s` from there on, in the operator's language. */
export function formatDuration(ms: number, language: string): string {
  if (ms < 1000) {
    return cached(millisecondFormats, language, () =>
      new Intl.NumberFormat(language, { style: 'unit', unit: 'millisecond', unitDisplay: 'short', maximumFractionDigits: 0 }),
    ).format(ms);
  }
  return cached(secondFormats, language, () =>
    new Intl.NumberFormat(language, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 2 }),
  ).format(ms / 1000);
}

export function formatCount(count: number, language: string): string {
  return cached(countFormats, language, () => new Intl.NumberFormat(language)).format(count);
}
