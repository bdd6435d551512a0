import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
// The library's "mobile" metadata for calling code 7 only (see test/tools/phone-metadata.ts).
import metadataJson from './phone-metadata.json' with { type: 'json' };

const metadata = metadataJson as unknown as MetadataJson;

/** Why a typed phone was refused; the renderer turns each into a sentence in the operator's language. */
export type PhoneProblem = 'empty' | 'too_long' | 'bad_characters' | 'wrong_length' | 'not_russian' | 'kazakhstan' | 'not_mobile';

export type PhoneCheck =
  | { ok: true; canonical: string; display: string }
  | { ok: false; problem: PhoneProblem };

// Long enough for any real formatting of an 11-digit number, short enough to stop pasted essays.
const MAX_INPUT_LENGTH = 32;
// Dashes and spaces that Word and web pages put between digits: hyphen, non-breaking hyphen, figure,
// en and em dashes, horizontal bar, minus sign; no-break, thin, narrow and other fixed-width spaces.
const PASTED_DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const PASTED_SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;
// Invisible marks a copy from a web page or a phone book carries along.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;
// Only ASCII digits and the separators operators actually type; this also rejects Unicode digits,
// which the phone library would otherwise quietly convert.
const ALLOWED = /^[0-9+()\-. \t\r\n]+$/;

/** The input with pasted typography turned into the ASCII separators it stands for. */
function normalise(input: string): string {
  return input.replace(INVISIBLE, '').replace(PASTED_DASHES, '-').replace(PASTED_SPACES, ' ').trim();
}

/** A number written in international form ("+…", "00…") with a calling code other than Russia's 7. */
function otherCallingCode(text: string, digits: string): boolean {
  if (text.startsWith('+')) return digits !== '' && !digits.startsWith('7');
  return text.startsWith('00') && digits.length > 2 && !digits.startsWith('007');
}

/**
 * Accepts the ways operators type or paste Russian mobile numbers and returns the canonical
 * 11-digit form `7XXXXXXXXXX` (ASCII digits only, so it can never change a URL's shape).
 */
export function checkPhone(input: string): PhoneCheck {
  const text = normalise(input);
  if (text === '') return { ok: false, problem: 'empty' };
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, problem: 'too_long' };
  if (!ALLOWED.test(text)) return { ok: false, problem: 'bad_characters' };
  const digits = text.replace(/\D/g, '');
  if (otherCallingCode(text, digits)) return { ok: false, problem: 'not_russian' };
  // A Russian mobile number has 10 digits, 11 with its leading 7 or 8.
  if (digits.length < 10 || digits.length > 11) return { ok: false, problem: 'wrong_length' };
  if (digits.length === 11 && !/^[78]/.test(digits)) return { ok: false, problem: 'not_russian' };
  // 10 digits after a 7 9… or an 8 are an 11-digit number one digit short, not a complete one.
  if (digits.length === 10 && /^(79|8)/.test(digits)) return { ok: false, problem: 'wrong_length' };
  const parsed = parsePhoneNumberFromString(text, 'RU', metadata);
  if (parsed?.country === 'KZ') return { ok: false, problem: 'kazakhstan' };
  // The "mobile" metadata makes isValid() true for mobile numbers only; anything else under +7 that is
  // not Kazakh is a Russian landline or no number at all, and a Russian mobile starts with 9.
  if (!parsed || parsed.country !== 'RU' || !parsed.isValid()) return { ok: false, problem: 'not_mobile' };
  const canonical = `7${parsed.nationalNumber}`;
  return { ok: true, canonical, display: formatPhone(canonical) };
}

/**
 * Whether a refused input is as long as a whole number, so more typing cannot fix it: 11 digits, or
 * 10 that cannot be the start of an 11-digit 7… or 8… number, or a foreign calling code.
 */
export function isCompletePhone(input: string): boolean {
  const text = normalise(input);
  const digits = text.replace(/\D/g, '');
  return digits.length >= 11 || (digits.length === 10 && !/^[78]/.test(digits)) || otherCallingCode(text, digits);
}

/** `79243555100` → `+7 924 355-51-00`; anything else is returned as it is. */
export function formatPhone(canonical: string): string {
  const m = /^7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(canonical);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : canonical;
}

/** Shows only the last 4 digits, for logs. */
export function maskPhone(canonical: string): string {
  return canonical.length > 4 ? `${'*'.repeat(canonical.length - 4)}${canonical.slice(-4)}` : '****';
}
