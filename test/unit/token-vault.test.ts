import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../electron/core/key-value-store.ts';
import { ContractError } from '../../shared/contract-error.ts';
import { createTokenVault, type Cipher } from '../../electron/core/token-vault.ts';
import { createHostCipher } from '../host/host-cipher.ts';

const TOKEN = '3f2a9c1e-7b4d-4e8f-a1c2-9d0e5b6a7c8f';
const OTHER_TOKEN = 'aaaabbbb-cccc-dddd-eeee-ffff00001111';

function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore {
  const data = new Map(Object.entries(initial));
  return {
    get store() {
      return Object.fromEntries(data);
    },
    get: (key) => data.get(key),
    set: (key, value) => void data.set(key, value),
    delete: (key) => void data.delete(key),
    clear: () => data.clear(),
    path: '/memory/vault.json',
  };
}

/** XOR with a key byte, tagged with the key so another key fails to decrypt, as a keychain does. */
function fakeCipher(options: { key?: number; backend?: string; available?: boolean; failEncrypt?: boolean } = {}): Cipher & { decrypts: number } {
  const key = options.key ?? 0x5a;
  const cipher = {
    decrypts: 0,
    isEncryptionAvailable: () => options.available ?? true,
    backend: () => options.backend ?? 'gnome_libsecret',
    encrypt(plain: string) {
      if (options.failEncrypt) throw new Error('keyring locked');
      return Buffer.concat([Buffer.from([key]), Buffer.from(plain, 'utf8').map((byte) => byte ^ key)]);
    },
    decrypt(data: Buffer) {
      cipher.decrypts += 1;
      if (data[0] !== key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(data.subarray(1).map((byte) => byte ^ key)).toString('utf8');
    },
  };
  return cipher;
}

describe('token vault', () => {
  it('starts empty', () => {
    const vault = createTokenVault(memoryStore(), fakeCipher());
    expect(vault.status()).toEqual({ state: 'none', hint: null, storage: 'secure' });
    expect(vault.read()).toBeNull();
  });

  it('stores the token as ciphertext only and reads it back', () => {
    const store = memoryStore();
    const vault = createTokenVault(store, fakeCipher());
    expect(vault.set(TOKEN, false)).toEqual({ state: 'stored', hint: '7c8f', storage: 'secure' });
    expect(vault.read()).toBe(TOKEN);

    const saved = JSON.stringify(store.store);
    expect(Object.keys(store.store)).toHaveLength(1);
    expect(saved).not.toContain(TOKEN);
    expect(saved.toLowerCase()).not.toContain(TOKEN.slice(0, 8));
    const ciphertext = Object.values(store.store)[0] as string;
    expect(Buffer.from(ciphertext, 'base64').toString('latin1')).not.toContain(TOKEN);

    // A new vault over the same store (an app restart) reads it through the cipher.
    const cipher = fakeCipher();
    const restarted = createTokenVault(store, cipher);
    expect(restarted.status()).toEqual({ state: 'stored', hint: '7c8f', storage: 'secure' });
    expect(restarted.read()).toBe(TOKEN);
  });

  it('decrypts on every read instead of caching the plain token', () => {
    const cipher = fakeCipher();
    const vault = createTokenVault(memoryStore(), cipher);
    vault.set(TOKEN, false);
    const before = cipher.decrypts;
    vault.read();
    vault.read();
    expect(cipher.decrypts).toBe(before + 2);
  });

  it('trims pasted whitespace and newlines', () => {
    const vault = createTokenVault(memoryStore(), fakeCipher());
    expect(vault.set(`  \t${TOKEN}\r\n`, false).state).toBe('stored');
    expect(vault.read()).toBe(TOKEN);
  });

  it.each([
    ['spaces inside', '3f2a9c1e-7b4d 4e8f-a1c2-9d0e5b6a7c8f'],
    ['letters beyond f', '3f2a9c1e-7b4d-4e8f-a1c2-9d0e5b6a7c8g'],
    ['path traversal', '../3f2a9c1e-7b4d-4e8f-a1c2-9d0e5b6a7c8f'],
    ['a URL part', '3f2a9c1e-7b4d-4e8f-a1c2-9d0e5b6a7c8f/get_tg_code/79243555100'],
    ['too short', '3f2a9c1e-7b4d'],
    ['1000 characters', 'a'.repeat(1000)],
    ['empty', '   '],
  ])('rejects a token with %s without echoing it', (_label, input) => {
    const store = memoryStore();
    const vault = createTokenVault(store, fakeCipher());
    let caught: unknown;
    try {
      vault.set(input, true);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContractError);
    const error = caught as ContractError;
    expect(error.code).toBe('invalid_token');
    // Neither the input nor a recognisable piece of it (a token with a typo is still nearly a token).
    for (const piece of [input, input.trim(), input.trim().slice(0, 8)].filter((text) => text.trim() !== '')) {
      expect(error.message).not.toContain(piece);
    }
    expect(store.store).toEqual({});
    expect(vault.status().state).toBe('none');
  });

  it('reports ciphertext from another key as unreadable and leaves other keys alone', () => {
    const store = memoryStore();
    createTokenVault(store, fakeCipher({ key: 0x11 })).set(TOKEN, false);
    store.set('unrelated', { keep: true });
    const vault = createTokenVault(store, fakeCipher({ key: 0x22 }));
    expect(vault.status()).toEqual({ state: 'unreadable', hint: null, storage: 'secure' });
    expect(vault.read()).toBeNull();
    expect(store.get('unrelated')).toEqual({ keep: true });
  });

  it.each([
    ['not base64 of anything', '%%%not-base64%%%'],
    ['empty', ''],
    ['a number', 42],
    ['an object', { nested: 'x' }],
    ['decrypts to a non-token', Buffer.concat([Buffer.from([0x5a]), Buffer.from('hello world', 'utf8').map((b) => b ^ 0x5a)]).toString('base64')],
  ])('reports corrupt ciphertext (%s) as unreadable without touching other keys', (_label, garbage) => {
    const store = memoryStore({ encryptedToken: garbage, settingsLike: { mode: 'sandbox' } });
    const vault = createTokenVault(store, fakeCipher());
    expect(() => vault.status()).not.toThrow();
    expect(vault.status().state).toBe('unreadable');
    expect(vault.read()).toBeNull();
    expect(store.store).toEqual({ encryptedToken: garbage, settingsLike: { mode: 'sandbox' } });
  });

  it('replaces an unreadable token on set and clears it on remove', () => {
    const store = memoryStore({ encryptedToken: 'garbage' });
    const vault = createTokenVault(store, fakeCipher());
    expect(vault.set(TOKEN, false).state).toBe('stored');
    expect(vault.read()).toBe(TOKEN);

    const broken = createTokenVault(memoryStore({ encryptedToken: 'garbage' }), fakeCipher());
    expect(broken.remove()).toEqual({ state: 'none', hint: null, storage: 'secure' });
  });

  it('keeps the token for this session only on basic_text unless weak storage is accepted', () => {
    const store = memoryStore();
    const vault = createTokenVault(store, fakeCipher({ backend: 'basic_text' }));
    expect(vault.set(TOKEN, false)).toEqual({ state: 'session', hint: '7c8f', storage: 'weak' });
    expect(vault.read()).toBe(TOKEN);
    expect(store.store).toEqual({});
    // After a restart the session token is gone.
    expect(createTokenVault(store, fakeCipher({ backend: 'basic_text' })).status().state).toBe('none');

    expect(vault.set(OTHER_TOKEN, true)).toEqual({ state: 'stored', hint: '1111', storage: 'weak' });
    expect(JSON.stringify(store.store)).not.toContain(OTHER_TOKEN);
    expect(createTokenVault(store, fakeCipher({ backend: 'basic_text' })).read()).toBe(OTHER_TOKEN);
  });

  it("treats the 'unknown' backend (safeStorage not ready) as weak", () => {
    const vault = createTokenVault(memoryStore(), fakeCipher({ backend: 'unknown' }));
    expect(vault.set(TOKEN, false)).toMatchObject({ state: 'session', storage: 'weak' });
  });

  it('keeps the token for this session only when encryption is unavailable, even if accepted', () => {
    const store = memoryStore();
    const vault = createTokenVault(store, fakeCipher({ available: false }));
    expect(vault.status()).toEqual({ state: 'none', hint: null, storage: 'unavailable' });
    expect(vault.set(TOKEN, true)).toEqual({ state: 'session', hint: '7c8f', storage: 'unavailable' });
    expect(vault.read()).toBe(TOKEN);
    expect(store.store).toEqual({});
  });

  it('falls back to the session when the keychain refuses to encrypt', () => {
    const store = memoryStore();
    const vault = createTokenVault(store, fakeCipher({ failEncrypt: true }));
    expect(vault.set(TOKEN, false)).toEqual({ state: 'session', hint: '7c8f', storage: 'secure' });
    expect(store.store).toEqual({});
  });

  it('a session token replaces a stored one, so a restart cannot bring the old one back', () => {
    const store = memoryStore();
    createTokenVault(store, fakeCipher()).set(OTHER_TOKEN, false);
    const weak = createTokenVault(store, fakeCipher({ backend: 'basic_text' }));
    expect(weak.set(TOKEN, false).state).toBe('session');
    expect(weak.read()).toBe(TOKEN);
    expect(store.store).toEqual({});
  });

  it('removes a stored and a session token', () => {
    const store = memoryStore({ other: 1 });
    const vault = createTokenVault(store, fakeCipher());
    vault.set(TOKEN, false);
    expect(vault.remove()).toEqual({ state: 'none', hint: null, storage: 'secure' });
    expect(vault.read()).toBeNull();
    expect(store.store).toEqual({ other: 1 });

    const weak = createTokenVault(memoryStore(), fakeCipher({ backend: 'basic_text' }));
    weak.set(TOKEN, false);
    expect(weak.remove().state).toBe('none');
    expect(weak.read()).toBeNull();
  });
});

describe('token vault with the test host cipher', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tgcode-host-cipher-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips with the key kept in the data folder, and another folder cannot read it', () => {
    const store = memoryStore();
    const vault = createTokenVault(store, createHostCipher(path.join(dir, 'a'), 'host_test'));
    expect(vault.set(TOKEN, false)).toEqual({ state: 'stored', hint: '7c8f', storage: 'secure' });
    expect(JSON.stringify(store.store)).not.toContain(TOKEN);
    expect(createTokenVault(store, createHostCipher(path.join(dir, 'a'), 'host_test')).read()).toBe(TOKEN);
    expect(createTokenVault(store, createHostCipher(path.join(dir, 'b'), 'host_test')).status().state).toBe('unreadable');
  });

  it('pretends to be a weak or missing keyring on request', () => {
    expect(createTokenVault(memoryStore(), createHostCipher(dir, 'basic_text')).set(TOKEN, false)).toMatchObject({ state: 'session', storage: 'weak' });
    expect(createTokenVault(memoryStore(), createHostCipher(dir, 'unavailable')).status().storage).toBe('unavailable');
  });
});
