import { describe, expect, it } from 'vitest';
import { localDayStart } from '../../../electron/core/local-day.ts';

describe('localDayStart', () => {
  it('finds the midnight of the given zone, whatever UTC says', () => {
    // 09:30 on 28 November in Vladivostok (UTC+10) is 23:30 on the 27th in UTC.
    expect(localDayStart(Date.parse('2026-11-27T23:30:00Z'), 'Asia/Vladivostok')).toBe(Date.parse('2026-11-27T14:00:00Z'));
    expect(localDayStart(Date.parse('2026-11-28T13:59:59.999Z'), 'Asia/Vladivostok')).toBe(Date.parse('2026-11-27T14:00:00Z'));
    expect(localDayStart(Date.parse('2026-11-28T14:00:00Z'), 'Asia/Vladivostok')).toBe(Date.parse('2026-11-28T14:00:00Z'));
    expect(localDayStart(Date.parse('2026-11-28T05:00:00Z'), 'America/New_York')).toBe(Date.parse('2026-11-28T05:00:00Z'));
    expect(localDayStart(Date.parse('2026-11-28T04:59:59Z'), 'America/New_York')).toBe(Date.parse('2026-11-27T05:00:00Z'));
  });

  it('follows a daylight-saving change between midnight and the instant', () => {
    // Berlin moves from UTC+1 to UTC+2 at 02:00 on 29 March 2026; its midnight was still at UTC+1.
    expect(localDayStart(Date.parse('2026-03-29T12:00:00Z'), 'Europe/Berlin')).toBe(Date.parse('2026-03-28T23:00:00Z'));
    // And back on 25 October: midnight was at UTC+2.
    expect(localDayStart(Date.parse('2026-10-25T20:00:00Z'), 'Europe/Berlin')).toBe(Date.parse('2026-10-24T22:00:00Z'));
  });

  it('uses the process zone when none is given', () => {
    const at = Date.parse('2026-11-28T12:34:56Z');
    const expected = new Date(at);
    expected.setHours(0, 0, 0, 0);
    expect(localDayStart(at)).toBe(expected.getTime());
  });
});
