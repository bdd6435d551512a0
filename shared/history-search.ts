import { checkPhone } from './phone.ts';

/** Fewer digits than this would match most of the history. */
export const SEARCH_MIN_DIGITS = 3;
/** Fewer letters than this would match most operators' names. */
export const SEARCH_MIN_LETTERS = 2;
export const SEARCH_MAX_LENGTH = 64;

/**
 * What a history search looks for. A number (whole, or any part, in any of the forms it is written in)
 * and a code are digits; an operator's name has letters.
 */
export type SearchTerms =
  | { kind: 'none' }
  | { kind: 'too_short' }
  /** A whole Russian mobile number, canonical (`7XXXXXXXXXX`). */
  | { kind: 'phone'; canonical: string }
  /**
   * Part of a number: `digits` anywhere in it, or `start` at its beginning (a number typed with the
   * trunk prefix 8 is stored from its 7). `code` when the digits could be a 4-digit code.
   */
  | { kind: 'digits'; digits: string; start: string | null; code: string | null }
  | { kind: 'name'; text: string };

const LETTER = /\p{L}/u;
const CODE = /^[0-9]{4}$/;

/** Case, ё/е and runs of spaces do not matter when names are compared. */
export function foldName(name: string): string {
  return name.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

export function parseSearch(input: string): SearchTerms {
  const text = input.trim().slice(0, SEARCH_MAX_LENGTH);
  if (text === '') return { kind: 'none' };
  if (LETTER.test(text)) {
    const folded = foldName(text);
    return [...folded.replace(/\s/g, '')].length < SEARCH_MIN_LETTERS ? { kind: 'too_short' } : { kind: 'name', text: folded };
  }
  const checked = checkPhone(text);
  if (checked.ok) return { kind: 'phone', canonical: checked.canonical };
  const digits = text.replace(/\D/g, '');
  if (digits.length < SEARCH_MIN_DIGITS) return { kind: 'too_short' };
  const start = /^8/.test(text) ? `7${digits.slice(1)}` : null;
  return { kind: 'digits', digits, start, code: CODE.test(digits) ? digits : null };
}
