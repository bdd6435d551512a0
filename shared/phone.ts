import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
// The library's "mobile" metadata for calling code 7 only (see test/tools/phone-metadata.ts).
import metadataJson from './phone-metadata.json' with { type: 'json' };

const metadata = metadataJson as unknown as MetadataJson;

/** Why a typed phone was refused; the renderer turns each into a sentence in the operator's language. */
export type PhoneProblem = 'empty' | 'too_long' | 'bad_characters' | 'wrong_length' | 'not_russian' | 'not_mobile';

export type PhoneCheck =
  | { ok: true; canonical: string; display: string }
  | { ok: false; problem: PhoneProblem };

// Long enough for any real formatting of an 11-digit number, short enough to stop pasted essays.
const MAX_INPUT_LENGTH = 32;
// Only ASCII digits and the separators operators actually type; this also rejects Unicode digits,
// which the phone library would otherwise quietly convert.
const ALLOWED = /^[0-9+()\-.\s]+$/;

/**
 * Accepts the ways operators type or paste Russian mobile numbers and returns the canonical
 * 11-digit form `7XXXXXXXXXX` (ASCII digits only, so it can never change a URL's shape).
 */
export function checkPhone(input: string): PhoneCheck {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (trimmed.length > MAX_INPUT_LENGTH) return { ok: false, problem: 'too_long' };
  if (!ALLOWED.test(trimmed)) return { ok: false, problem: 'bad_characters' };
  // A Russian mobile number has 10 digits, 11 with its leading 7 or 8.
  const digits = trimmed.replace(/\D/g, '').length;
  if (digits < 10 || digits > 11) return { ok: false, problem: 'wrong_length' };
  const parsed = parsePhoneNumberFromString(trimmed, 'RU', metadata);
  if (!parsed || parsed.country !== 'RU') return { ok: false, problem: 'not_russian' };
  // The "mobile" metadata makes isValid() true for mobile numbers only.
  if (!parsed.isValid()) return { ok: false, problem: 'not_mobile' };
  const canonical = `7${parsed.nationalNumber}`;
  return { ok: true, canonical, display: formatPhone(canonical) };
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
