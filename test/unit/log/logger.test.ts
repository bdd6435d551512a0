import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOKEN_ECHOES, type TokenEcho } from '../../../electron/core/api/simulator.ts';
import { createLogger } from '../../../electron/core/log/logger.ts';
import { ContractError } from '../../../shared/contract-error.ts';
import { tokenLeaks } from '../../support/token-leaks.ts';

const TOKEN = '3f2a9c1e-7b4d-4e8f-a1c2-9d0e5b6a7c8f';
/** A token the logger is never given: redacted for its shape alone, as a stored or session token is. */
const UNSEEN_TOKEN = 'A1B2C3D4-e5f6-4a7b-8c9d-0E1F2A3B4C5D';
/** Not a real token shape, to cover the encoded forms a UUID never needs. */
const ODD_SECRET = 'p@ss/w+rd="x\\y" &ü';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tgcode-log-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

function readLines(name = 'tgcode.log'): string[] {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
}

function allLogText(): string {
  return fs
    .readdirSync(dir)
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .join('\n');
}

const LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) (INFO |WARN |ERROR) (\S+) (\{.*\})$/;

function fieldsOf(line: string | undefined): Record<string, unknown> {
  const match = LINE.exec(line ?? '');
  if (!match) throw new Error(`not a log line: ${line}`);
  return JSON.parse(match[4] ?? '') as Record<string, unknown>;
}

function expectNoSecret(text: string, secret: string): void {
  for (const form of [secret, encodeURIComponent(secret), secret.toUpperCase(), JSON.stringify(secret).slice(1, -1)]) {
    expect(text).not.toContain(form);
  }
}

describe('logger format', () => {
  it('writes one line per event: ISO time, level, event, JSON fields', async () => {
    const log = createLogger({ dir, secrets: () => [] });
    log.info('app.start', { version: '1.0.0', ok: true });
    log.warn('vault.recovered');
    log.error('send.failed', { error: new ContractError('internal', 'socket hang up') });
    await log.flush();
    expect(log.file).toBe(path.join(dir, 'tgcode.log'));
    const lines = readLines();
    expect(lines).toHaveLength(3);
    const parsed = lines.map((line) => LINE.exec(line));
    expect(parsed.map((match) => [match?.[2], match?.[3]])).toEqual([
      ['INFO ', 'app.start'],
      ['WARN ', 'vault.recovered'],
      ['ERROR', 'send.failed'],
    ]);
    expect(JSON.parse(parsed[0]?.[4] ?? '')).toEqual({ version: '1.0.0', ok: true });
    expect(JSON.parse(parsed[1]?.[4] ?? '')).toEqual({});
    expect(JSON.parse(parsed[2]?.[4] ?? '').error).toMatchObject({ name: 'ContractError', message: 'internal: socket hang up', code: 'internal' });
  });

  it('keeps an event name with line breaks on one line', async () => {
    const log = createLogger({ dir, secrets: () => [] });
    log.info('evil\n2099-01-01T00:00:00.000Z INFO forged', { a: 1 });
    await log.flush();
    expect(readLines()).toHaveLength(1);
  });

  it('logs cyclic and exotic fields without throwing', async () => {
    const log = createLogger({ dir, secrets: () => [] });
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(() => log.info('odd', { cyclic, big: 10n, fn: () => 1, sym: Symbol('s'), map: new Map([['k', 1]]), set: new Set([1]), when: new Date(0) })).not.toThrow();
    await log.flush();
    expect(fieldsOf(readLines()[0])).toMatchObject({ cyclic: { name: 'loop', self: '[circular]' }, big: '10', map: { k: 1 }, set: [1], when: '1970-01-01T00:00:00.000Z' });
  });

  it('echoes the redacted line when asked', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const log = createLogger({ dir, secrets: () => [TOKEN], echo: true });
    log.info('echo', { url: `https://x/${TOKEN}/get_tg_code/79243555100/` });
    await log.flush();
    expect(info).toHaveBeenCalledTimes(1);
    const printed = String(info.mock.calls[0]?.[0]);
    expect(printed).toContain('[token]');
    expectNoSecret(printed, TOKEN);
    expect(printed).not.toContain('9243555100');
  });
});

describe('logger redaction', () => {
  const placements: [string, (secret: string) => Record<string, unknown>][] = [
    ['a top-level field', (s) => ({ token: s })],
    ['a URL', (s) => ({ url: `https://api.telefon-ip.ru/api/v1/authcalls/${encodeURIComponent(s)}/get_tg_code/79243555100/` })],
    ['a URL object', (s) => ({ url: new URL(`https://api.telefon-ip.ru/api/v1/authcalls/${encodeURIComponent(s)}/x`) })],
    ['upper case', (s) => ({ header: s.toUpperCase() })],
    ['a deeply nested field', (s) => ({ a: { b: { c: [{ d: { e: `prefix ${s} suffix` } }] } } })],
    ['an Error message', (s) => ({ error: new Error(`request to /${s}/ failed`) })],
    ['an Error cause', (s) => ({ error: new Error('outer', { cause: new TypeError(`inner ${encodeURIComponent(s)}`) }) })],
    ['an Error property', (s) => ({ error: Object.assign(new Error('x'), { config: { url: `/${s}/` } }) })],
    ['a Map', (s) => ({ map: new Map([['auth', s]]) })],
    ['a key name', (s) => ({ [s]: 1 })],
  ];

  it.each(placements)('keeps the token out of %s', async (_label, fieldsOf) => {
    const log = createLogger({ dir, secrets: () => [TOKEN, ODD_SECRET] });
    log.error('leak.attempt', fieldsOf(TOKEN));
    log.error('leak.attempt', fieldsOf(ODD_SECRET));
    await log.flush();
    const text = allLogText();
    expect(readLines()).toHaveLength(2);
    expectNoSecret(text, TOKEN);
    expectNoSecret(text, ODD_SECRET);
    expect(text).toContain('[token]');
  });

  it.each(placements)('keeps a token it was never given out of %s, by its shape', async (_label, fieldsOf) => {
    const log = createLogger({ dir, secrets: () => [] });
    log.error('leak.attempt', fieldsOf(UNSEEN_TOKEN));
    await log.flush();
    const text = allLogText();
    expectNoSecret(text, UNSEEN_TOKEN);
    expectNoSecret(text, UNSEEN_TOKEN.toLowerCase());
    expect(text).toContain('[token]');
  });

  it.each(Object.keys(TOKEN_ECHOES) as TokenEcho[])('keeps the token out when it comes echoed as %s, given (as TGCODE_TOKEN is) or not', async (echo) => {
    const form = TOKEN_ECHOES[echo](TOKEN);
    const log = createLogger({ dir, secrets: () => [TOKEN] });
    log.error('send.failed', { message: `Unauthorized token ${form}`, error: new Error(`GET ${form} failed`), [form]: form });
    log.error(`event.${form}`);
    // A token the logger does not know (a stored one) is found by its shape, which two echoes do not keep.
    const shaped = echo !== 'dotted' && echo !== 'regrouped';
    const unseen = TOKEN_ECHOES[echo](UNSEEN_TOKEN);
    const blind = createLogger({ dir, secrets: () => [] });
    if (shaped) blind.error('send.failed', { message: `Unauthorized token ${unseen}`, nested: [{ error: new TypeError(unseen) }] });
    await Promise.all([log.flush(), blind.flush()]);
    const text = allLogText();
    expect(tokenLeaks('log', text, [TOKEN, UNSEEN_TOKEN])).toEqual([]);
    expect(text.match(/\[token\]/g)?.length).toBeGreaterThanOrEqual(shaped ? 7 : 5);
  });

  it('keeps the token out when control characters split it, which JSON would turn into letters', async () => {
    const log = createLogger({ dir, secrets: () => [TOKEN] });
    log.error('send.failed', { tabs: [...TOKEN].join('\t'), bells: [...UNSEEN_TOKEN].join('\u0007') });
    await log.flush();
    // JSON writes a tab as \t; without the escape the tokens' digits would run together again.
    expect(tokenLeaks('log', allLogText().replaceAll('\\t', ''), [TOKEN, UNSEEN_TOKEN])).toEqual([]);
    expect(fieldsOf(readLines()[0])).toEqual({ tabs: '[token]', bells: '[token]' });
  });

  it('keeps the token out of the event name too', async () => {
    const log = createLogger({ dir, secrets: () => [TOKEN] });
    log.info(`bad.event.${TOKEN}`);
    log.info(`bad.event.${UNSEEN_TOKEN}`);
    await log.flush();
    expectNoSecret(allLogText(), TOKEN);
    expectNoSecret(allLogText(), UNSEEN_TOKEN);
  });

  it('reads the secrets for every line, so a secret set later is covered', async () => {
    let secrets: string[] = [];
    const log = createLogger({ dir, secrets: () => secrets });
    log.info('before', { note: 'no secret yet' });
    // Not UUID-shaped: a UUID would be redacted for its shape, whether the list was re-read or not.
    secrets = [ODD_SECRET];
    log.info('after', { token: ODD_SECRET });
    await log.flush();
    expectNoSecret(allLogText(), ODD_SECRET);
  });

  it('drops the fields when the secrets cannot be read', async () => {
    const log = createLogger({
      dir,
      secrets: () => {
        throw new Error('vault unavailable');
      },
    });
    log.info(`send.${UNSEEN_TOKEN}`, { token: TOKEN, secret: ODD_SECRET });
    await log.flush();
    const text = allLogText();
    expectNoSecret(text, TOKEN);
    expectNoSecret(text, ODD_SECRET);
    expectNoSecret(text, UNSEEN_TOKEN);
    expect(text).toContain('"redaction":"failed"');
  });

  it.each([
    ['canonical', '79243555100'],
    ['with +', '+79243555100'],
    ['formatted', '+7 (924) 355-51-00'],
    ['with 8 and spaces', '8 924 355 51 00'],
    ['national', '(924) 355-51-00'],
  ])('masks a %s phone to its last 4 digits', async (_label, phone) => {
    const log = createLogger({ dir, secrets: () => [] });
    log.info('send', { phone, nested: { error: new Error(`no route to ${phone}`) } });
    await log.flush();
    const text = allLogText();
    expect(text).not.toMatch(/924\D{0,3}355/);
    // The field, the error message and the error's stack all keep only the last 4 digits.
    expect(text.match(/\*{7}5100/g)?.length).toBe(3);
  });
});

describe('logger files', () => {
  // POSIX permission bits; Windows has none to check (the folder inherits the profile's ACL).
  it.skipIf(process.platform === 'win32')('creates its folder readable by this OS user only (0700), its files 0600', async () => {
    const logs = path.join(dir, 'data', 'logs');
    const log = createLogger({ dir: logs, secrets: () => [] });
    log.info('app.start');
    await log.flush();
    expect(fs.statSync(logs).mode & 0o777).toBe(0o700);
    expect(fs.statSync(log.file).mode & 0o777).toBe(0o600);
  });

  it('keeps lines in call order without awaiting each one', async () => {
    const log = createLogger({ dir, secrets: () => [] });
    for (let index = 0; index < 500; index++) log.info('seq', { index });
    await log.flush();
    const indices = readLines().map((line) => fieldsOf(line).index);
    expect(indices).toEqual(Array.from({ length: 500 }, (_, index) => index));
  });

  it('rotates past maxBytes, keeps maxFiles old files, and keeps order across them', async () => {
    const maxBytes = 1_000;
    const log = createLogger({ dir, secrets: () => [], maxBytes, maxFiles: 2 });
    const total = 200;
    for (let index = 0; index < total; index++) log.info('rotate', { index, pad: 'x'.repeat(20) });
    await log.flush();

    expect(fs.readdirSync(dir).sort()).toEqual(['tgcode.1.log', 'tgcode.2.log', 'tgcode.log']);
    for (const name of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, name)).size).toBeLessThanOrEqual(maxBytes);
    const kept = [...readLines('tgcode.2.log'), ...readLines('tgcode.1.log'), ...readLines()].map((line) => fieldsOf(line).index as number);
    expect(kept.at(-1)).toBe(total - 1);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, offset) => (kept[0] ?? 0) + offset));
    expect(kept.length).toBeLessThan(total);
  });

  it('continues an existing log and counts its size', async () => {
    fs.writeFileSync(path.join(dir, 'tgcode.log'), 'old line\n'.repeat(110));
    const log = createLogger({ dir, secrets: () => [], maxBytes: 1_000 });
    log.info('fresh');
    await log.flush();
    expect(readLines('tgcode.1.log')).toHaveLength(110);
    expect(readLines()).toHaveLength(1);
  });

  it('keeps writing when the old files cannot be rotated', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // A directory in the oldest slot cannot be removed by rotation, as a locked file on Windows.
    fs.mkdirSync(path.join(dir, 'tgcode.1.log', 'blocked'), { recursive: true });
    const log = createLogger({ dir, secrets: () => [], maxBytes: 200, maxFiles: 1 });
    for (let index = 0; index < 20; index++) log.info('locked', { index });
    await log.flush();
    expect(readLines().map((line) => fieldsOf(line).index)).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(error).toHaveBeenCalled();
    expect(error.mock.calls.length).toBeLessThan(20);
  });

  it('survives a write failure and writes the next line', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = createLogger({ dir, secrets: () => [] });
    fs.mkdirSync(path.join(dir, 'tgcode.log'));
    log.info('lost');
    await log.flush();
    expect(error).toHaveBeenCalled();
    fs.rmdirSync(path.join(dir, 'tgcode.log'));
    log.info('kept');
    await log.flush();
    expect(readLines()).toHaveLength(1);
  });
});
