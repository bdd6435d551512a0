/**
 * The one place secrets are removed from text that may be logged, stored or shown.
 *
 * A server may echo the token in any form: without its dashes, with `%2D` for them, upper-case, split by
 * a zero-width or other invisible character, inside a URL. So the text is searched in normalised views
 * (percent-escapes decoded, compatibility forms and case folded, invisible characters and separators
 * dropped) and every match is mapped back to the span of the original text it came from, which is what
 * gets replaced: removing characters shifts offsets, so a match in a view cannot be cut out directly.
 */

const REDACTED = '[token]';
/** A known secret is searched for by its letters and digits when it has at least this many of them. */
const MIN_CORE = 8;
/** Enough for a triple-encoded `%25252D`. */
const PERCENT_ROUNDS = 3;

/**
 * Anything shaped like an API token, in the view without invisible characters (upper-cased): a run of 32
 * or more hex digits (a dash-less UUID, or any longer hex id), or a UUID whose groups are joined by
 * dashes, dash-like characters, underscores or spaces. Every token the app accepts is a UUID
 * (shared/token-schema.ts), so a token is found without knowing it and no plaintext has to be fetched
 * from the vault to redact it.
 */
const TOKEN_SHAPE = String.raw`[0-9A-F]{32,}|[0-9A-F]{8}(?:[-_\u2010-\u2015\u2212\s][0-9A-F]{4}){3}[-_\u2010-\u2015\u2212\s][0-9A-F]{12}`;
const TOKEN_SHAPED = new RegExp(TOKEN_SHAPE, 'g');
const HAS_TOKEN_SHAPE = new RegExp(TOKEN_SHAPE);
/** The shortest text TOKEN_SHAPE matches. */
const SHORTEST_SHAPE = 32;
/** Characters a reader cannot see: zero-width ones, soft hyphens, joiners, BOMs, controls, combining marks. */
const INVISIBLE = String.raw`[\p{Default_Ignorable_Code_Point}\p{Cc}\p{M}\u2800]`;
const IS_INVISIBLE = new RegExp(INVISIBLE, 'u');
const ALL_INVISIBLE = new RegExp(INVISIBLE, 'gu');
const IS_LETTER_OR_DIGIT = /^[0-9A-Z]$/;
const ALL_BUT_LETTERS_AND_DIGITS = /[^0-9A-Z]/g;
/** Printable ASCII without `%`: text that needs no decoding, has nothing invisible and folds by upper-casing. */
const PLAIN = /^[\x20-\x24\x26-\x7e]*$/;
/**
 * Plain text and Cyrillic without combining marks, as operator names and service texts are: Cyrillic
 * letters decompose into Cyrillic letters and marks only, so they never add to what the views search.
 */
const SIMPLE = /^[\x20-\x24\x26-\x7e\u0400-\u0482\u048a-\u04ff]*$/;
const HEX_PAIR = /^[0-9a-f]{2}$/i;

/**
 * Folds one character: compatibility forms (fullwidth, mathematical letters) to plain ones with accents
 * split off, then upper case. Per character this gives the same as on a whole string, because upper-casing
 * needs no context and decomposition only reorders combining marks, which no view keeps.
 */
function fold(text: string): string {
  return PLAIN.test(text) ? text.toUpperCase() : text.normalize('NFKD').toUpperCase();
}

/** Characters after percent-decoding, each with the span `[starts[i], ends[i])` of the original text. */
interface Decoded {
  chars: string[];
  starts: number[];
  ends: number[];
}

function decode(text: string): Decoded {
  let decoded: Decoded = { chars: [], starts: [], ends: [] };
  let offset = 0;
  for (const char of text) {
    decoded.chars.push(char);
    decoded.starts.push(offset);
    offset += char.length;
    decoded.ends.push(offset);
  }
  for (let round = 0; round < PERCENT_ROUNDS; round++) {
    const next = decodePercent(decoded);
    if (next === null) break;
    decoded = next;
  }
  return decoded;
}

function escapedByte({ chars }: Decoded, at: number): number | null {
  if (chars[at] !== '%') return null;
  const pair = `${chars[at + 1] ?? ''}${chars[at + 2] ?? ''}`;
  return HEX_PAIR.test(pair) ? Number.parseInt(pair, 16) : null;
}

/** Decodes each `%XX` escape (a whole UTF-8 sequence of them as one character); null if there was none. */
function decodePercent(from: Decoded): Decoded | null {
  const out: Decoded = { chars: [], starts: [], ends: [] };
  let changed = false;
  for (let at = 0; at < from.chars.length; ) {
    const lead = escapedByte(from, at);
    const length = lead === null ? 0 : lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
    const bytes = lead === null ? [] : [lead];
    for (let k = 1; k < length; k++) {
      const next = escapedByte(from, at + 3 * k);
      if (next === null || (next & 0xc0) !== 0x80) break;
      bytes.push(next);
    }
    const whole = length > 0 && bytes.length === length;
    const width = whole ? 3 * length : 1;
    out.chars.push(whole ? Buffer.from(bytes).toString('utf8') : from.chars[at]!);
    out.starts.push(from.starts[at]!);
    out.ends.push(from.ends[at + width - 1]!);
    changed ||= whole;
    at += width;
  }
  return changed ? out : null;
}

/** A normalised view of decoded text: `text[i]` came from the original span `[starts[i], ends[i])`. */
interface View {
  text: string;
  starts: number[];
  ends: number[];
}

function viewOf(decoded: Decoded, keep: (char: string) => boolean): View {
  const view: View = { text: '', starts: [], ends: [] };
  decoded.chars.forEach((original, index) => {
    for (const char of fold(original)) {
      if (!keep(char)) continue;
      view.text += char;
      for (let unit = 0; unit < char.length; unit++) {
        view.starts.push(decoded.starts[index]!);
        view.ends.push(decoded.ends[index]!);
      }
    }
  });
  return view;
}

/** ASCII letters and digits only: what is left of a token however it is separated, escaped or cased. */
const coreView = (decoded: Decoded) => viewOf(decoded, (char) => IS_LETTER_OR_DIGIT.test(char));
/** Everything a reader sees, so visible separators still separate. */
const visibleView = (decoded: Decoded) => viewOf(decoded, (char) => !IS_INVISIBLE.test(char));

type Span = [start: number, end: number];

function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

interface Needle {
  literal: string;
  /** The secret's ASCII letters and digits, folded; empty when too few to be unmistakable. */
  core: string;
  /** The length of the shorter form searched for. */
  shortest: number;
}

// The logger and the API client pass the same one or two secrets again and again.
const cachedNeedles = new Map<string, Needle>();
const MAX_CACHED = 16;

function needleOf(secret: string): Needle {
  let needle = cachedNeedles.get(secret);
  if (needle === undefined) {
    const letters = coreView(decode(secret)).text;
    const core = letters.length < MIN_CORE ? '' : letters;
    needle = { literal: secret, core, shortest: core === '' ? secret.length : Math.min(secret.length, core.length) };
    if (cachedNeedles.size >= MAX_CACHED) cachedNeedles.clear();
    cachedNeedles.set(secret, needle);
  }
  return needle;
}

/**
 * Whether the text may hold a secret, from whole-string operations: most text holds none, and this is
 * far cheaper than building the views with their offsets. It never says no where the views find a match.
 */
function mayHoldSecret(text: string, needles: readonly Needle[]): boolean {
  const simple = SIMPLE.test(text);
  // In simple text each character stands for at most one in a view, so a text shorter than anything
  // searched for holds none of it: most of the service's strings (a phone, "send ok") end here.
  if (simple && text.length < SHORTEST_SHAPE && needles.every((needle) => text.length < needle.shortest)) return false;
  if (!simple && text.includes('%')) return true;
  const folded = simple ? text.toUpperCase() : text.normalize('NFKD').toUpperCase();
  if (HAS_TOKEN_SHAPE.test(simple ? folded : folded.replace(ALL_INVISIBLE, ''))) return true;
  if (needles.length === 0) return false;
  const core = folded.replace(ALL_BUT_LETTERS_AND_DIGITS, '');
  return needles.some((needle) => text.includes(needle.literal) || (needle.core !== '' && core.includes(needle.core)));
}

/**
 * Removes every form of each known secret and every token-shaped string (any letter case, percent-encoded,
 * with invisible characters between its digits). A secret is also matched by its ASCII letters and digits alone
 * (separators, escapes and case ignored) when it has enough of them to be unmistakable. Phone numbers
 * are masked separately (maskPhones).
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const searched: Needle[] = [];
  for (const secret of secrets) if (secret.length >= 4) searched.push(needleOf(secret));
  if (!mayHoldSecret(text, searched)) return text;
  const decoded = decode(text);
  const spans: Span[] = [];
  const visible = visibleView(decoded);
  for (const match of visible.text.matchAll(TOKEN_SHAPED)) spans.push([visible.starts[match.index]!, visible.ends[match.index + match[0].length - 1]!]);
  const core = searched.some((needle) => needle.core !== '') ? coreView(decoded) : null;
  for (const { literal, core: needle } of searched) {
    for (const at of occurrences(text, literal)) spans.push([at, at + literal.length]);
    if (core === null || needle === '') continue;
    for (const at of occurrences(core.text, needle)) spans.push([core.starts[at]!, core.ends[at + needle.length - 1]!]);
  }
  return replaceSpans(text, spans);
}

/** Replaces each span (overlapping ones merged) with the redaction mark. */
function replaceSpans(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let copied = 0;
  for (const [start, end] of spans) {
    if (end <= copied) continue;
    if (start >= copied) out += text.slice(copied, start) + REDACTED;
    copied = end;
  }
  return out + text.slice(copied);
}

/**
 * What may stand between the digits of a phone number as the app accepts it (shared/phone.ts) or as it
 * is printed: spaces of any width (non-breaking too), dots, dashes of any kind, brackets, and invisible
 * characters.
 */
const PHONE_GAP = String.raw`[\s.()\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\p{Default_Ignorable_Code_Point}]{0,4}`;
// A Russian mobile number however it is written (`+7 (924) 355-51-00`, `8 924 3555100`, `924.355.51.00`),
// which the digit-run rule below misses because of the separators.
const FORMATTED_PHONE = new RegExp(String.raw`(?<!\d)(?:\+?[78]${PHONE_GAP})?9(?:${PHONE_GAP}\d){9}(?!\d)`, 'gu');

/**
 * Masks every run of 10 or more digits (a phone, with or without a leading 7/8) and every formatted
 * Russian mobile number to its last 4 digits.
 */
export function maskPhones(text: string): string {
  return text
    .replace(FORMATTED_PHONE, (match) => `*******${match.replace(/\D/g, '').slice(-4)}`)
    .replace(/\d{6,}(\d{4})/g, (_match, last4: string) => `*******${last4}`);
}
