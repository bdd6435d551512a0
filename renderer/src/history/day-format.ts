/**
 * Calendar days as the UI language writes them (dd.mm.yyyy in Russian, mm/dd/yyyy in English), read back
 * without a calendar widget. A native date input would follow the browser's locale, not the app's.
 * Values are ISO `YYYY-MM-DD`, as the filters keep them.
 */

type Part = 'day' | 'month' | 'year';

export interface DayPattern {
  /** The order the language writes the parts in. */
  order: Part[];
  separator: string;
}

const patterns = new Map<string, DayPattern>();

export function dayPattern(language: string): DayPattern {
  let pattern = patterns.get(language);
  if (!pattern) {
    const parts = new Intl.DateTimeFormat(language, { day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(2000, 10, 22));
    const order = parts.map((part) => part.type).filter((type): type is Part => type === 'day' || type === 'month' || type === 'year');
    pattern = { order, separator: parts.find((part) => part.type === 'literal')?.value ?? '.' };
    patterns.set(language, pattern);
  }
  return pattern;
}

/** `2025-03-14` → `14.03.2025` (ru) or `03/14/2025` (en); '' for anything that is not an ISO day. */
export function formatDay(iso: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return '';
  const values: Record<Part, string> = { year: match[1] ?? '', month: match[2] ?? '', day: match[3] ?? '' };
  const { order, separator } = dayPattern(language);
  return order.map((part) => values[part]).join(separator);
}

/**
 * A day typed in the language's order with any of `. / - ,` or spaces between the parts, leading zeros
 * optional, a two-digit year meaning 20xx. Null when it is not a real day (31.02 is not).
 */
export function parseDay(text: string, language: string): string | null {
  const pieces = text.trim().split(/[./\-,\s]+/);
  const { order } = dayPattern(language);
  if (pieces.length !== 3 || !pieces.every((piece) => /^\d{1,4}$/.test(piece))) return null;
  const value = (part: Part) => Number(pieces[order.indexOf(part)]);
  const yearText = pieces[order.indexOf('year')] ?? '';
  if (yearText.length !== 2 && yearText.length !== 4) return null;
  const year = yearText.length === 2 ? 2000 + value('year') : value('year');
  const month = value('month');
  const day = value('day');
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
