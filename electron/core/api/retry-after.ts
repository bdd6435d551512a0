/** Longest wait taken from a Retry-After header: beyond a day it is the daily limit, not a wait. */
const MAX_WAIT_S = 86_400;

/**
 * The seconds a Retry-After header asks for (a number of seconds or an HTTP date), or null when there
 * is none or it cannot be read.
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^[0-9]+$/.test(value)) return Math.min(Number(value), MAX_WAIT_S);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, Math.ceil((at - nowMs) / 1000)), MAX_WAIT_S);
}
