import { describe, expect, it } from 'vitest';
import { foldName, parseSearch } from '../../../shared/history-search.ts';

describe('parseSearch', () => {
  it.each([
    ['', { kind: 'none' }],
    ['   ', { kind: 'none' }],
    ['9', { kind: 'too_short' }],
    ['+7', { kind: 'too_short' }],
    ['8 9', { kind: 'too_short' }],
    ['а', { kind: 'too_short' }],
    ['8 924 355 51 00', { kind: 'phone', canonical: '79243555100' }],
    ['8 916 100', { kind: 'digits', digits: '8916100', start: '7916100', code: null }],
    ['916-100', { kind: 'digits', digits: '916100', start: null, code: null }],
    ['4827', { kind: 'digits', digits: '4827', start: null, code: '4827' }],
    ['  Анна  Ёлкина ', { kind: 'name', text: 'анна елкина' }],
    ['qa2', { kind: 'name', text: 'qa2' }],
  ])('%j → %j', (input, terms) => {
    expect(parseSearch(input)).toEqual(terms);
  });

  it('folds case, ё and spaces in names', () => {
    expect(foldName('  ЁЖИК   Пётр ')).toBe('ежик петр');
  });
});
