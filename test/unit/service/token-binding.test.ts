import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../../electron/core/settings/key-value-store.ts';
import type { Cipher } from '../../../electron/core/vault/token-vault.ts';
import { createHostCipher } from '../../host/host-cipher.ts';
import { TOKEN, useServiceHarness, type StartOptions } from './fixtures/service-harness.ts';

const h = useServiceHarness();
const start = (options?: StartOptions) => h.start(options);

/** The token entered for `api` in production mode, as an operator sets it up in Settings. */
async function setUp(options: StartOptions = {}) {
  const handlers = start(options);
  await handlers['settings:update']({ mode: 'production', apiBaseUrl: h.api.baseUrl });
  await handlers['token:set']({ token: TOKEN });
  return handlers;
}

const send = (handlers: ReturnType<typeof start>) => handlers['send:code']({ phone: '79243555100' });

async function newestRecord() {
  const [row] = (await h.history.page({}, 0, 1)).records;
  return row;
}

describe('the stored token goes only to the address it was entered for', () => {
  it('is refused, not sent, after settings.json was edited to another address while the app was closed', async () => {
    await setUp();
        const file = path.join(h.dir, 'settings.json');
    const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...stored, apiBaseUrl: h.collector.baseUrl }));

    const handlers = start();
    expect(await handlers['token:status'](undefined)).toMatchObject({ state: 'address_changed', hint: 'd4b4' });
    expect(await handlers['app:info'](undefined)).toMatchObject({ mode: 'production', sandboxReason: null });
    await expect(send(handlers)).rejects.toMatchObject({ code: 'token_address_changed' });
    expect(h.collector.requests).toEqual([]);
    expect(h.sandbox.requests).toEqual([]);
    // On record, as every attempt is: refused before anything left.
    expect(await newestRecord()).toMatchObject({ state: 'done', outcome: 'no_token', delivery: 'not_sent', mode: 'production', error: 'the token was entered for another API address' });
  });

  it('is refused when the app is started with TGCODE_API_BASE pointing elsewhere', async () => {
    await setUp();
    const handlers = start({ env: { apiBase: h.collector.baseUrl } });
    expect(await handlers['token:status'](undefined)).toMatchObject({ state: 'address_changed' });
    await expect(send(handlers)).rejects.toMatchObject({ code: 'token_address_changed' });
    expect(h.collector.requests).toEqual([]);
  });

  it('binds a token entered under TGCODE_API_BASE to that address, so a start without it refuses', async () => {
    const qa = start({ env: { apiBase: h.api.baseUrl } });
    await qa['settings:update']({ mode: 'production', apiBaseUrl: h.collector.baseUrl });
    await qa['token:set']({ token: TOKEN });
    expect(await send(qa)).toMatchObject({ outcome: 'sent', mode: 'production' });
    expect(h.api.requests).toHaveLength(1);

    await expect(send(start())).rejects.toMatchObject({ code: 'token_address_changed' });
    expect(h.collector.requests).toEqual([]);
  });

  it('still goes where it was entered for, across restarts', async () => {
    await setUp();
    expect(await send(start())).toMatchObject({ outcome: 'sent', mode: 'production' });
    expect(h.api.requests).toHaveLength(1);
  });
});

/** A cipher that takes `latency` to decrypt, as a keychain prompt or a busy OS does. */
function slowCipher(latency: () => Promise<void>): Cipher {
  const inner = createHostCipher(h.dir);
  return {
    ...inner,
    decrypt: async (data) => {
      await latency();
      return inner.decrypt(data);
    },
  };
}

const LATENCIES: [string, () => Promise<void>][] = [
  ['1 tick', () => new Promise((resolve) => setImmediate(resolve))],
  ['5 ms', () => new Promise((resolve) => setTimeout(resolve, 5))],
  ['50 ms', () => new Promise((resolve) => setTimeout(resolve, 50))],
];

describe('a send waiting on the decryption does not pick up an address changed meanwhile', () => {
  it.each(LATENCIES)('with %s of decrypt latency, the token goes to the address of the send, never the new one', async (_label, latency) => {
    await setUp();
    const handlers = start({ cipher: slowCipher(latency) });
    const sending = send(handlers);
    const changing = handlers['settings:update']({ apiBaseUrl: h.collector.baseUrl });
    const [sent] = await Promise.all([sending, changing]);
    expect(sent).toMatchObject({ outcome: 'sent', mode: 'production' });
    expect(h.api.requests).toHaveLength(1);
    expect(h.collector.requests).toEqual([]);
    // The change went through after the send: the token is gone with it.
    expect(await handlers['token:status'](undefined)).toMatchObject({ state: 'none' });
    await expect(send(handlers)).rejects.toMatchObject({ code: 'token_missing' });
    expect(h.collector.requests).toEqual([]);
  });

  it('checks the binding again once the token is back, and refuses if the address changed meanwhile', async () => {
    await setUp();
    // A vault that holds the decrypted token until the address has changed (any vault may be slow).
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const handlers = start({
      vault: (vault) => ({
        ...vault,
        read: async (apiBase) => {
          const read = await vault.read(apiBase);
          await held;
          return read;
        },
      }),
    });
    const sending = send(handlers);
    await handlers['settings:update']({ apiBaseUrl: h.collector.baseUrl });
    release();
    await expect(sending).rejects.toMatchObject({ code: 'token_address_changed' });
    expect(h.api.requests).toEqual([]);
    expect(h.collector.requests).toEqual([]);
  });
});

describe('an address change removes the token first, then saves', () => {
  /** The vault file cannot be written (a locked vault.json on Windows). */
  const locked = (store: KeyValueStore): KeyValueStore => ({
    get store() {
      return store.store;
    },
    get: (key) => store.get(key),
    set: (keyOrValues: string | Record<string, unknown>, value?: unknown) => (typeof keyOrValues === 'string' ? store.set(keyOrValues, value) : store.set(keyOrValues)),
    delete: () => {
      throw new Error('EBUSY: resource busy or locked, open vault.json');
    },
    clear: () => store.clear(),
    path: store.path,
  });

  it('leaves the old address and its token as they were when the token cannot be removed', async () => {
    await setUp();
    const handlers = start({ vaultStore: locked });
    await expect(handlers['settings:update']({ apiBaseUrl: h.collector.baseUrl, timeoutMs: 5000 })).rejects.toThrow(/EBUSY/);
    expect((await handlers['settings:get'](undefined)).settings).toMatchObject({ apiBaseUrl: h.api.baseUrl, timeoutMs: 15_000 });
    // Nothing reached the disk either: a restart finds the old address.
    expect(await handlers['token:status'](undefined)).toMatchObject({ state: 'stored' });
    expect(await send(start())).toMatchObject({ outcome: 'sent' });
    expect(h.api.requests).toHaveLength(1);
    expect(h.collector.requests).toEqual([]);
  });

  it('keeps the token when the new address is refused by the check', async () => {
    const handlers = await setUp();
    await expect(handlers['settings:update']({ apiBaseUrl: 'http://collector.example/api' })).rejects.toMatchObject({ code: 'invalid_settings' });
    expect(await handlers['token:status'](undefined)).toMatchObject({ state: 'stored' });
  });
});
