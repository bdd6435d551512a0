/**
 * Finds a token in text however it was disguised, for the leak tests. Written independently of the app's
 * redaction (electron/core/log/redact.ts), so a gap there is not hidden by the same gap here: JSON and
 * percent escapes are undone, compatibility forms and case folded, and everything but letters and digits
 * dropped before the token's pieces are looked for.
 */
function reveal(text: string): string {
  let out = text.replace(/\\u([0-9a-f]{4})/gi, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  // %XX of ASCII bytes, again and again for double encoding (%252D → %2D → -).
  for (let previous = ''; previous !== out; ) {
    previous = out;
    out = out.replace(/%([0-7][0-9a-f])/gi, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  return out.normalize('NFKC').toLowerCase().replace(/[^0-9a-z]/g, '');
}

/** The token's distinctive pieces, each long enough that a chance match is out of the question. */
function piecesOf(token: string): string[] {
  const hex = token.toLowerCase().replace(/-/g, '');
  return [hex, hex.slice(0, 8), hex.slice(8, 20), hex.slice(20)];
}

/** `where: piece` for every piece of every token found in the text. */
export function tokenLeaks(where: string, text: string, tokens: readonly string[]): string[] {
  const revealed = reveal(text);
  return tokens.flatMap((token) => piecesOf(token).filter((piece) => revealed.includes(piece)).map((piece) => `${where}: ${piece}`));
}
