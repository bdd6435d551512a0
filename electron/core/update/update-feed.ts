/**
 * The update feed given at build time (TGCODE_UPDATE_URL), or null, which turns updates off: https only,
 * so that the feed that says which file to install cannot be swapped on the way (a plain-http feed is
 * accepted for 127.0.0.1 alone, for trying a feed locally).
 */
export function parseUpdateFeed(raw: string | undefined): { url: string | null; problem: string | null } {
  if (raw === undefined || raw.trim() === '') return { url: null, problem: null };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { url: null, problem: 'not a URL' };
  }
  const loopback = url.protocol === 'http:' && url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !loopback) return { url: null, problem: 'not https' };
  if (url.username || url.password) return { url: null, problem: 'credentials in the URL' };
  return { url: url.href.endsWith('/') ? url.href : `${url.href}/`, problem: null };
}

/** Whether updates run, and when not, why (for the log). */
export function resolveUpdateFeed(raw: string | undefined, packaged: boolean): { url: string | null; offReason: string } {
  if (!packaged) return { url: null, offReason: 'not an installed build' };
  const { url, problem } = parseUpdateFeed(raw);
  if (problem) return { url: null, offReason: `TGCODE_UPDATE_URL ignored: ${problem}` };
  return url ? { url, offReason: '' } : { url: null, offReason: 'no update feed set at build time (TGCODE_UPDATE_URL)' };
}
