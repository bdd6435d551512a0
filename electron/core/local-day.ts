/**
 * The start of the local calendar day that contains an instant. The daily cap counts from the operator's
 * midnight, not UTC's. `timeZone` (an IANA name) is for tests and for a desk whose OS clock zone is not
 * its own; without it the process's zone applies, daylight-saving shifts included.
 */
export function localDayStart(epochMs: number, timeZone?: string): number {
  if (timeZone === undefined) {
    const day = new Date(epochMs);
    day.setHours(0, 0, 0, 0);
    return day.getTime();
  }
  const { year, month, day } = wallClock(epochMs, timeZone);
  const midnightAsUtc = Date.UTC(year, month - 1, day);
  // The zone's offset at the instant itself, then at the midnight found with it (the two differ when a
  // daylight-saving change falls between them).
  const first = midnightAsUtc - offsetAt(epochMs, timeZone);
  return midnightAsUtc - offsetAt(first, timeZone);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function wallClock(epochMs: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(epochMs).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(epochMs: number, timeZone: string): number {
  const c = wallClock(epochMs, timeZone);
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - wholeSeconds;
}
