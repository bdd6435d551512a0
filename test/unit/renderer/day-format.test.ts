import { describe, expect, it } from 'vitest';
import { dayPattern, formatDay, parseDay } from '../../../renderer/src/history/day-format.ts';

describe('days in the UI language', () => {
  it('writes a day as each language does', () => {
    expect(formatDay('2025-03-04', 'ru')).toBe('04.03.2025');
    expect(formatDay('2025-03-04', 'en')).toBe('03/04/2025');
    expect(formatDay('', 'ru')).toBe('');
    expect(dayPattern('ru')).toEqual({ order: ['day', 'month', 'year'], separator: '.' });
    expect(dayPattern('en')).toEqual({ order: ['month', 'day', 'year'], separator: '/' });
  });

  it.each([
    ['04.03.2025', 'ru', '2025-03-04'],
    ['4.3.2025', 'ru', '2025-03-04'],
    ['4/3/25', 'ru', '2025-03-04'],
    [' 04 03 2025 ', 'ru', '2025-03-04'],
    ['03/04/2025', 'en', '2025-03-04'],
    ['3.4.2025', 'en', '2025-03-04'],
    ['29.02.2024', 'ru', '2024-02-29'],
  ])('reads %j in %s as %s', (text, language, iso) => {
    expect(parseDay(text, language)).toBe(iso);
    expect(parseDay(formatDay(iso, language), language)).toBe(iso);
  });

  it.each([['31.02.2025'], ['29.02.2025'], ['13.13.2025'], ['04.03'], ['04.03.202'], ['aa.bb.cccc'], [''], ['04.03.2025.1']])('refuses %j', (text) => {
    expect(parseDay(text, 'ru')).toBeNull();
  });

  it('reads the Russian order day first and the English month first', () => {
    expect(parseDay('12.01.2025', 'ru')).toBe('2025-01-12');
    expect(parseDay('12.01.2025', 'en')).toBe('2025-12-01');
  });
});
