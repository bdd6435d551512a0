import { describe, expect, it } from 'vitest';
import { buildRequestUrl, UnsafeRequestError } from '../../../electron/core/api/api-client.ts';
import { checkPhone } from '../../../shared/phone.ts';
import { isValidCode } from '../../../shared/code.ts';

const BASE = 'https://api.telefon-ip.ru/api/v1/authcalls';
const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';
const ACTION_PATH = /^\/api\/v1\/authcalls\/[0-9a-f-]{36}\/get_tg_code\/[78][0-9]{10}\/$/;

/** A small deterministic PRNG so a failure can be reproduced from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['0', '7', '8', '9', ' ', '+', '-', '(', ')', '.', '/', '\\', '?', '#', '%', '2', 'F', '&', '=', '\n', '\t', '٣', '５', 'é', '\u0000', '..', '%2F', '%2e', '@', ':'];

describe('buildRequestUrl', () => {
  it('builds the documented URL, with and without a code, with either prefix', () => {
    expect(buildRequestUrl(BASE, { token: TOKEN, phone: '79243555100' }).toString()).toBe(`${BASE}/${TOKEN}/get_tg_code/79243555100/`);
    expect(buildRequestUrl(`${BASE}/`, { token: TOKEN, phone: '79243555100', code: '0000', prefix: '8' }).toString()).toBe(
      `${BASE}/${TOKEN}/get_tg_code/89243555100/?code=0000`,
    );
  });

  it.each([
    ['token with a path segment', '../4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4', '79243555100', undefined],
    ['token with a query', `${TOKEN}?x=1`, '79243555100', undefined],
    ['phone with ../', TOKEN, '7924/../3555100', undefined],
    ['phone with %2F', TOKEN, '7924%2F355510', undefined],
    ['phone with #', TOKEN, '79243555100#', undefined],
    ['Unicode digits', TOKEN, '٧٩٢٤٣٥٥٥١٠٠', undefined],
    ['code with &', TOKEN, '79243555100', '12&x'],
    ['code too long', TOKEN, '79243555100', '12345'],
    ['code with ?', TOKEN, '79243555100', '1?23'],
  ])('refuses %s', (_name, token, phone, code) => {
    expect(() => buildRequestUrl(BASE, { token, phone, ...(code === undefined ? {} : { code }) })).toThrow(UnsafeRequestError);
  });

  it('never puts the token in an error message', () => {
    try {
      buildRequestUrl(BASE, { token: `${TOKEN}/x`, phone: '79243555100' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(TOKEN);
    }
  });

  it('never yields a URL that leaves the action path, for thousands of random inputs', () => {
    const random = mulberry32(20261128);
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const length = 1 + Math.floor(random() * 20);
      let input = '';
      for (let j = 0; j < length; j++) input += ALPHABET[Math.floor(random() * ALPHABET.length)];
      // Half the inputs are a valid number with hostile characters spliced in, so both paths are hit.
      if (random() < 0.5) {
        const valid = '+7 (924) 355-51-00';
        const at = Math.floor(random() * valid.length);
        input = random() < 0.5 ? valid : `${valid.slice(0, at)}${input}${valid.slice(at)}`;
      }
      const checked = checkPhone(input);
      const code = random() < 0.5 ? undefined : random() < 0.5 ? String(Math.floor(random() * 10_000)).padStart(4, '0') : input.slice(-4);
      if (!checked.ok) continue;
      if (code !== undefined && !isValidCode(code)) {
        expect(() => buildRequestUrl(BASE, { token: TOKEN, phone: checked.canonical, code })).toThrow(UnsafeRequestError);
        continue;
      }
      const url = buildRequestUrl(BASE, { token: TOKEN, phone: checked.canonical, ...(code === undefined ? {} : { code }) });
      accepted++;
      expect(url.origin).toBe('https://api.telefon-ip.ru');
      expect(url.pathname).toMatch(ACTION_PATH);
      expect(url.hash).toBe('');
      expect([...url.searchParams.keys()].every((key) => key === 'code')).toBe(true);
    }
    // The generator must also exercise the accepted path, or the loop proves nothing.
    expect(accepted).toBeGreaterThan(0);
  });

  it('passes canonical phones of every accepted input format straight through', () => {
    for (const input of ['+7 (924) 355-51-00', '8 924 355 51 00', '9243555100']) {
      const checked = checkPhone(input);
      expect(checked.ok).toBe(true);
      if (checked.ok) expect(buildRequestUrl(BASE, { token: TOKEN, phone: checked.canonical }).pathname).toMatch(ACTION_PATH);
    }
  });
});
