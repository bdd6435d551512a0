import { describe, expect, it } from 'vitest';
import { TOKEN_ECHOES, type TokenEcho } from '../../../electron/core/api/simulator.ts';
import { maskPhones, redactSecrets } from '../../../electron/core/log/redact.ts';
import { checkPhone } from '../../../shared/phone.ts';
import { ACCEPTED_PHONES } from '../shared/fixtures/accepted-phones.ts';

const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';
const ECHOES = Object.keys(TOKEN_ECHOES) as TokenEcho[];
/** The echoes that keep a token's shape; the others are found only by the known token. */
const SHAPED = ECHOES.filter((echo) => echo !== 'dotted' && echo !== 'regrouped');
/** Characters a reader cannot see, each of which a server could leave between the token's digits. */
const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', '\u034f', '\u2062', '\u202e', '\ufe0f', '\u0007'];

describe('redactSecrets', () => {
  it.each(ECHOES)('removes the known token echoed as %s, and nothing around it', (echo) => {
    const text = `Ключ «${TOKEN_ECHOES[echo](TOKEN)}» отклонён`;
    expect(redactSecrets(text, [TOKEN])).toBe(echo === 'url' ? 'Ключ «https://api.telefon-ip.ru/api/v1/authcalls/[token]/get_tg_code/79243555100/» отклонён' : 'Ключ «[token]» отклонён');
  });

  it.each(SHAPED)('removes a token it was not given, echoed as %s, by its shape', (echo) => {
    expect(redactSecrets(`key ${TOKEN_ECHOES[echo](TOKEN)} refused`, [])).toMatch(/^key (https:\/\/\S+\/)?\[token\](\/\S+)? refused$/);
  });

  it.each(INVISIBLES.map((char) => [`U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, char]))(
    'removes the token with %s between every two characters, known or not',
    (_name, char) => {
      const split = [...TOKEN].join(char);
      expect(redactSecrets(`a ${split} b`, [TOKEN])).toBe('a [token] b');
      expect(redactSecrets(`a ${split} b`, [])).toBe('a [token] b');
      expect(redactSecrets(`a ${[...TOKEN.replaceAll('-', '')].join(char)} b`, [])).toBe('a [token] b');
    },
  );

  it('maps a match in the normalised text back to its own span, however much was removed before it', () => {
    const text = `О\u0301шибка\u200b\u200b: 100%25 ${[...TOKEN].join('\u200b')}, ещё ${TOKEN.replaceAll('-', '%2D')}; id=11084059`;
    expect(redactSecrets(text, [TOKEN])).toBe('О\u0301шибка\u200b\u200b: 100%25 [token], ещё [token]; id=11084059');
    expect(redactSecrets(text, [])).toBe('О\u0301шибка\u200b\u200b: 100%25 [token], ещё [token]; id=11084059');
  });

  it('removes the token with its dashes, or every character, percent-encoded as a UTF-8 sequence of an invisible one', () => {
    expect(redactSecrets(`x ${[...TOKEN].join('%E2%80%8B')} y`, [])).toBe('x [token] y');
    expect(redactSecrets(`x ${encodeURIComponent(encodeURIComponent(TOKEN.toUpperCase()))} y`, [TOKEN])).toBe('x [token] y');
  });

  it('finds a known secret by its letters and digits however they are separated or cased', () => {
    const secret = 'Sup3r-Secret_Passw0rd';
    expect(redactSecrets('is SUP3R SECRET PASSW0RD!', [secret])).toBe('is [token]!');
    expect(redactSecrets('is s.u.p.3.r.s.e.c.r.e.t.p.a.s.s.w.0.r.d', [secret])).toBe('is [token]');
    // Too short to search for by its letters alone: only its literal form goes.
    expect(redactSecrets('a-b-c-1 and abc1', ['a-b-c-1'])).toBe('[token] and abc1');
  });

  it('removes any run of 32 or more hex digits: other hex ids go too, short ones and numbers stay', () => {
    const md5 = '9e107d9d372bb6826bd81d3542a419d6';
    const sha1 = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12';
    expect(redactSecrets(`md5 ${md5} sha1 ${sha1}`, [])).toBe('md5 [token] sha1 [token]');
    // Exactly as long as the shortest shape: not skipped as too short to hold one.
    expect(redactSecrets(md5, [])).toBe('[token]');
    expect(redactSecrets(TOKEN.replaceAll('-', ''), [TOKEN])).toBe('[token]');
    expect(redactSecrets('id 11084059, commit deadbeef, 2026-11-28T10:00:00Z, +7 924 355-51-00', [])).toBe('id 11084059, commit deadbeef, 2026-11-28T10:00:00Z, +7 924 355-51-00');
  });

  it('removes a UUID whose groups are joined by en dashes or spaces', () => {
    expect(redactSecrets(`a ${TOKEN.replaceAll('-', '\u2013')} b ${TOKEN.replaceAll('-', ' ')} c`, [])).toBe('a [token] b [token] c');
  });

  it('returns text without secrets as it was', () => {
    for (const text of ['', 'send ok', 'ООО "Мегафон"', 'Ёлка й', 'ﬁ ½ ＡＢＣ', '50% off', '%zz %2', 'a\u200bb']) expect(redactSecrets(text, [TOKEN])).toBe(text);
  });
});

describe('maskPhones', () => {
  // Every format shared/phone.ts accepts, and more mixes of its separators.
  const accepted = [
    ...ACCEPTED_PHONES,
    '8 (924) 355.51.00',
    '+7 (924)355 5100',
    '8-924-355-51-00',
    '7.924.355.51.00',
    '+7\u00a0924\u00a0355-51-00',
  ];

  it.each(accepted)('masks %j, a format the app accepts, to its last 4 digits', (phone) => {
    expect(checkPhone(phone)).toMatchObject({ ok: true, canonical: '79243555100' });
    const masked = maskPhones(`to ${phone} ok`);
    expect(masked).toContain('*******5100');
    expect(masked.replace('*******5100', '')).not.toMatch(/\d/);
  });

  it.each(['+7 924 355\u201351\u201300', '+7\u202f924\u202f355\u202f51\u202f00', '8\u2013924\u2013355\u201351\u201300', '+7 (924) 355\u2014 51\u2014 00', '+7 9\u200b2\u200b4 355 51 00'])(
    'masks %j, with dashes or invisible characters a server may print',
    (phone) => {
      const masked = maskPhones(`to ${phone} ok`);
      expect(masked.replace('*******5100', '')).not.toMatch(/\d/);
    },
  );

  it('masks every number in a text', () => {
    expect(maskPhones('to 79243555100 and 8 (924) 355.51.01, then 924 355 51 02')).toBe('to *******5100 and *******5101, then *******5102');
  });

  it('leaves ids, times and durations alone', () => {
    const text = 'id 11084059 took 120 ms at 2026-11-28 10:00:00, code 1234';
    expect(maskPhones(text)).toBe(text);
  });
});
