/**
 * Anything shaped like an API token. Every token the app accepts is a UUID (shared/token-schema.ts), so
 * a token is found without knowing it, and no plaintext has to be fetched from the vault to redact it.
 * Hex digits and dashes read the same URL-encoded and JSON-escaped, so this one pattern covers those forms.
 */
const TOKEN_SHAPED = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Removes every token-shaped string: enough on its own wherever the only secret is a validated token. */
export function redactTokens(text: string): string {
  return text.replace(TOKEN_SHAPED, '[token]');
}

/**
 * The one place secrets are removed from text that may be logged, stored or shown. Each explicit secret
 * is replaced in its plain, URL-encoded and case-changed forms, then every token-shaped string is, in
 * any letter case; phone numbers are masked separately (maskPhones).
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), secret.toLowerCase(), secret.toUpperCase()])) {
      out = out.split(form).join('[token]');
    }
  }
  return redactTokens(out);
}

// A Russian mobile number as operators type it (`+7 (924) 355-51-00`, `8 924 3555100`), which the
// digit-run rule below misses because of the separators.
const FORMATTED_PHONE = /(?<!\d)(?:\+?[78][\s-]*)?\(?9\d{2}\)?[\s-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)/g;

/**
 * Masks every run of 10 or more digits (a phone, with or without a leading 7/8) and every formatted
 * Russian mobile number to its last 4 digits.
 */
export function maskPhones(text: string): string {
  return text
    .replace(FORMATTED_PHONE, (match) => `*******${match.replace(/\D/g, '').slice(-4)}`)
    .replace(/\d{6,}(\d{4})/g, (_match, last4: string) => `*******${last4}`);
}
