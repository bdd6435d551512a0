import { describe, expect, it } from 'vitest';
import { isValidCode } from '../../../shared/code.ts';
import { checkPhone, formatPhone, maskPhone } from '../../../shared/phone.ts';
import { ACCEPTED_PHONES } from './fixtures/accepted-phones.ts';

describe('checkPhone', () => {
  it.each(ACCEPTED_PHONES)('accepts %j as 79243555100', (input) => {
    expect(checkPhone(input)).toEqual({ ok: true, canonical: '79243555100', display: '+7 924 355-51-00' });
  });

  it.each([
    ['', 'empty'],
    ['   \n', 'empty'],
    ['+7 495 123-45-67', 'not_mobile'],
    ['7 (812) 000-00-00', 'not_mobile'],
    ['+7 727 123 4567', 'not_russian'],
    ['+1 202 555 0100', 'not_russian'],
    ['+380 67 123 456', 'not_russian'],
    ['924355510', 'wrong_length'],
    ['792435551001', 'wrong_length'],
    ['+380 67 123 45 67', 'wrong_length'],
    ['9'.repeat(33), 'too_long'],
    ['+7 924 355 51 OO', 'bad_characters'],
    ['٧٩٢٤٣٥٥٥١٠٠', 'bad_characters'],
    ['７９２４３５５５１００', 'bad_characters'],
    ['79243555100/../', 'bad_characters'],
    ['79243555100?code=1', 'bad_characters'],
    ['79243555100#x', 'bad_characters'],
    ['7924%2F3555100', 'bad_characters'],
    ['+7 924 355 51 00 доб. 12', 'bad_characters'],
  ])('rejects %j (%s)', (input, problem) => {
    expect(checkPhone(input)).toEqual({ ok: false, problem });
  });

  it('formats and masks canonical numbers', () => {
    expect(formatPhone('79243555100')).toBe('+7 924 355-51-00');
    expect(formatPhone('123')).toBe('123');
    expect(maskPhone('79243555100')).toBe('*******5100');
  });
});

describe('isValidCode', () => {
  it.each(['0000', '1234', '9999'])('accepts %s', (code) => expect(isValidCode(code)).toBe(true));
  it.each(['', '123', '12345', '12a4', '١٢٣٤', '12 4', '../1', '1234\n'])('rejects %j', (code) => expect(isValidCode(code)).toBe(false));
});

describe('shipped phone metadata', () => {
  it('matches what the installed phone library derives (run `npm run phone-metadata` after an upgrade)', async () => {
    const { readFile } = await import('node:fs/promises');
    const { deriveMetadata, METADATA_FILE } = await import('../../tools/phone-metadata.ts');
    expect(JSON.parse(await readFile(METADATA_FILE, 'utf8'))).toEqual(deriveMetadata());
  });
});
