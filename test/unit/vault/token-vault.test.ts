import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../../electron/core/settings/key-value-store.ts';
import { ContractError } from '../../../shared/contract-error.ts';
import { DEFAULT_API_BASE } from '../../../shared/settings-schema.ts';
import { createTokenVault, type Cipher, type TokenVault } from '../../../electron/core/vault/token-vault.ts';
import { createHostCipher } from '../../host/host-cipher.ts';

const TOKEN = '3f2a9c1e-7b4d-4e8f-a1c2-9d0e5b6a7c8f';
const OTHER_TOKEN = 'aaaabbbb-cccc-dddd-eeee-ffff00001111';
/** The address the tests' tokens are entered for, and another one. */
const BASE = 'https://api.example.test/api/v1/authcalls';
const ELSEWHERE = 'https://collector.example.test/api';

/** The plain token the vault hands out for BASE, or null. */
const tokenOf = async (vault: TokenVault) => (await vault.read(BASE)).token;

function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore {
  const data = new Map(Object.entries(initial));
  return {
    get store() {
      return Object.fromEntries(data);
    },
    get: (key) => data.get(key),
    set: (keyOrValues: string | Record<string, unknown>, value?: unknown) => {
      const entries = typeof keyOrValues === 'string' ? [[keyOrValues, value] as const] : Object.entries(keyOrValues);
      for (const [key, item] of entries) data.set(key, item);
    },
    delete: (key) => void data.delete(key),
    clear: () => data.clear(),
    path: '/memory/vault.json',
  };
}

interface FakeCipherOptions {
  key?: number;
  /** Keys rotated out: still decrypt, but ask for re-encryption with `key`, as safeStorage does after a rotation. */
  oldKeys?: number[];
  backend?: string;
  available?: boolean;
  failEncrypt?: boolean;
}

/** XOR with a key byte, tagged with the key so another key fails to decrypt, as a keychain does. */
function fakeCipher(options: FakeCipherOptions = {}): Cipher & { decrypts: number; encrypts: number } {
  const key = options.key ?? 0x5a;
  const oldKeys = options.oldKeys ?? [];
  const cipher = {
    decrypts: 0,
    encrypts: 0,
    isEncryptionAvailable: async () => options.available ?? true,
    backend: () => options.backend ?? 'gnome_libsecret',
    async encrypt(plain: string) {
      cipher.encrypts += 1;
      if (options.failEncrypt) throw new Error('keyring locked');
      return Buffer.concat([Buffer.from([key]), Buffer.from(plain, 'utf8').map((byte) => byte ^ key)]);
    },
    async decrypt(data: Buffer) {
      cipher.decrypts += 1;
      const used = data[0];
      if (used === undefined || (used !== key && !oldKeys.includes(used))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { plain: Buffer.from(data.subarray(1).map((byte) => byte ^ used)).toString('utf8'), shouldReEncrypt: used !== key };
    },
  };
  return cipher;
}

/** The key byte the stored ciphertext was made with. */
function storedKey(store: KeyValueStore): number | undefined {
  return Buffer.from(store.get('encryptedToken') as string, 'base64')[0];
}

describe('token vault', () => {
  it('starts empty', async () => {
    const vault = createTokenVault(memoryStore(), fakeCipher());
    expect(await vault.status(BASE)).toEqual({ state: 'none', hint: null, storage: 'secure' });
    expect(await tokenOf(vault)).toBeNull();
  });

  it('stores the token as ciphertext only and reads it back', async () => {
    const store = memoryStore();
    const vault = createTokenVault(store, fakeCipher());
    expect(await vault.set(TOKEN, false, BASE)).toEqual({ state: 'stored', hint: '7c8f', storage: 'secure' });
    expect(await tokenOf(vault)).toBe(TOKEN);

    const saved = JSON.stringify(store.store);
    expect(Object.keys(store.store)).toHaveLength(1);
    expect(saved).not.toContain(TOKEN);
    expect(saved.toLowerCase()).not.toContain(TOKEN.slice(0, 8));
    const ciphertext = Object.values(store.store)[0] as string;
    expect(Buffer.from(ciphertext, 'base64').toString('latin1')).not.toContain(TOKEN);

    // A new vault over the same store (an app restart) reads it through the cipher.
    const cipher = fakeCipher();
    const restarted = createTokenVault(store, cipher);
    expect(await restarted.status(BASE)).toEqual({ state: 'stored', hint: '7c8f', storage: 'secure' });
    expect(await tokenOf(restarted)).toBe(TOKEN);
  });

  it('decrypts on every read instead of caching the plain token', async () => {
    const cipher = fakeCipher();
    const vault = createTokenVault(memoryStore(), cipher);
    await vault.set(TOKEN, false, BASE);
    const before = cipher.decrypts;
    await tokenOf(vault);
    await tokenOf(vault);
    expect(cipher.decrypts).toBe(before + 2);
  });

  it('re-encrypts and stores the token when the cipher asks for it after a key rotation', async () => {
    const store = memoryStore();
    await createTokenVault(store, fakeCipher({ key: 0x11 })).set(TOKEN, false, BASE);
    expect(storedKey(store)).toBe(0x11);

    const rotated = fakeCipher({ key: 0x22, oldKeys: [0x11] });
    const vault = createTokenVault(store, rotated);
    expect(await tokenOf(vault)).toBe(TOKEN);
    expect(storedKey(store)).toBe(0x22);
    expect(rotated.encrypts).toBe(1);
    expect(JSON.stringify(store.store)).not.toContain(TOKEN);

    // Once re-encrypted, reads leave the ciphertext alone, and a cipher without the old key reads it.
    expect(await tokenOf(vault)).toBe(TOKEN);
    expect(rotated.encrypts).toBe(1);
    expect(await createTokenVault(store, fakeCipher({ key: 0x22 })).status(BASE)).toEqual({ state: 'stored', hint: '7c8f', storage: 'secure' });
  });

  it('keeps the old ciphertext, and still reads the token, when re-encryption fails', async () => {
    const store = memoryStore();
    await createTokenVault(store, fakeCipher({ key: 0x11 })).set(TOKEN, false, BASE);
    const before = store.get('encryptedToken');
    const vault = createTokenVault(store, fakeCipher({ key: 0x22, oldKeys: [0x11], failEncrypt: true }));
    expect(await tokenOf(vault)).toBe(TOKEN);
    expect(store.get('encryptedToken')).toBe(before);
  });

  it('still reads the token when writing the re-encrypted ciphertext fails (a full disk)', async () => {
    const store = memoryStore();
    await createTokenVault(store, fakeCipher({ key: 0x11 })).set(TOKEN, false, BASE);
    const full: KeyValueStore = Object.assign(Object.create(store) as KeyValueStore, {
      set: () => {
        throw new Error('ENOSPC: no space left on device');
      },
    });
    const vault = createTokenVault(full, fakeCipher({ key: 0x22, oldKeys: [0x11] }));
    expect(await tokenOf(vault)).toBe(TOKEN);
  });

  it('runs operations in call order, so a re-encrypting read cannot bring back a removed token', async () => {
    const store = memoryStore();
    await createTokenVault(store, fakeCipher({ key: 0x11 })).set(TOKEN, false, BASE);
    const vault = createTokenVault(store, fakeCipher({ key: 0x22, oldKeys: [0x11] }));
    const reading = tokenOf(vault);
    const removing = vault.remove();
    expect(await reading).toBe(TOKEN);
    expect(await removing).toEqual({ state: 'none', hint: null, storage: 'secure' });
    expect(store.store).toEqual({});
    expect(await tokenOf(vault)).toBeNull();
  });

  it('trims pasted whitespace and newlines', async () => {
    const vault = createTokenVault(memoryStore(), fakeCipher());
    expect((await vault.set(`  \t${TOKEN}\r\n`, false, BASE)).state).toBe('stored');
    expect(await tokenOf(vault)).toBe(TOKEN);
  });

  it.each([
    ['spaces inside', '3f2a9c1e-7b4d 4e8f-a1c2-9d0e5b6a7c8f'],
    ['letters beyond f', '3f2a9c1e-7b4d-4e8f-a1c2-9d0e5b6a7c8g'],
    ['path traversal', '../3f2a9c1e-7b4d-4e8f-a1c2-9d0e5b6a7c8f'],
    ['a URL part', '3f2a9c1e-7b4d-4e8f-a1c2-9d0e5b6a7c8f/get_tg_code/79243555100'],
    ['too short', '3f2a9c1e-7b4d'],
    ['1000 characters', 'a'.repeat(1000)],
    ['empty', '   '],
  ])('rejects a token with %s without echoing it', async (_label, input) => {
    const store = memoryStore();
    const vault = createTokenVault(store, fakeCipher());
    let caught: unknown;
    try {
      await vault.set(input, true, BASE);
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
    expect((await vault.status(BASE)).state).toBe('none');
  });

  it('reports ciphertext from another key as unreadable and leaves other keys alone', async () => {
    const store = memoryStore();
    await createTokenVault(store, fakeCipher({ key: 0x11 })).set(TOKEN, false, BASE);
    store.set('unrelated', { keep: true });
    const vault = createTokenVault(store, fakeCipher({ key: 0x22 }));
    expect(await vault.status(BASE)).toEqual({ state: 'unreadable', hint: null, storage: 'secure' });
    expect(await tokenOf(vault)).toBeNull();
    expect(store.get('unrelated')).toEqual({ keep: true });
  });

  it.each([
    ['not base64 of anything', '%%%not-base64%%%'],
    ['empty', ''],
    ['a number', 42],
    ['an object', { nested: 'x' }],
    ['decrypts to a non-token', Buffer.concat([Buffer.from([0x5a]), Buffer.from('hello world', 'utf8').map((b) => b ^ 0x5a)]).toString('base64')],
  ])('reports corrupt ciphertext (%s) as unreadable without touching other keys', async (_label, garbage) => {
    const store = memoryStore({ encryptedToken: garbage, settingsLike: { mode: 'sandbox' } });
    const vault = createTokenVault(store, fakeCipher());
    await expect(vault.status(BASE)).resolves.toMatchObject({ state: 'unreadable' });
    expect(await tokenOf(vault)).toBeNull();
    expect(store.store).toEqual({ encryptedToken: garbage, settingsLike: { mode: 'sandbox' } });
  });

  it('replaces an unreadable token on set and clears it on remove', async () => {
    const store = memoryStore({ encryptedToken: 'garbage' });
    const vault = createTokenVault(store, fakeCipher());
    expect((await vault.set(TOKEN, false, BASE)).state).toBe('stored');
    expect(await tokenOf(vault)).toBe(TOKEN);

    const broken = createTokenVault(memoryStore({ encryptedToken: 'garbage' }), fakeCipher());
    expect(await broken.remove()).toEqual({ state: 'none', hint: null, storage: 'secure' });
  });

  it('keeps the token for this session only on basic_text unless weak storage is accepted', async () => {
    const store = memoryStore();
    const vault = createTokenVault(store, fakeCipher({ backend: 'basic_text' }));
    expect(await vault.set(TOKEN, false, BASE)).toEqual({ state: 'session', hint: '7c8f', storage: 'weak' });
    expect(await tokenOf(vault)).toBe(TOKEN);
    expect(store.store).toEqual({});
    // After a restart the session token is gone.
    expect((await createTokenVault(store, fakeCipher({ backend: 'basic_text' })).status(BASE)).state).toBe('none');

    expect(await vault.set(OTHER_TOKEN, true, BASE)).toEqual({ state: 'stored', hint: '1111', storage: 'weak' });
    expect(JSON.stringify(store.store)).not.toContain(OTHER_TOKEN);
    expect(await tokenOf(createTokenVault(store, fakeCipher({ backend: 'basic_text' })))).toBe(OTHER_TOKEN);
  });

  it("treats the 'unknown' backend (safeStorage not ready) as weak", async () => {
    const vault = createTokenVault(memoryStore(), fakeCipher({ backend: 'unknown' }));
    expect(await vault.set(TOKEN, false, BASE)).toMatchObject({ state: 'session', storage: 'weak' });
  });

  it('keeps the token for this session only when encryption is unavailable, even if accepted', async () => {
    const store = memoryStore();
    const vault = createTokenVault(store, fakeCipher({ available: false }));
    expect(await vault.status(BASE)).toEqual({ state: 'none', hint: null, storage: 'unavailable' });
    expect(await vault.set(TOKEN, true, BASE)).toEqual({ state: 'session', hint: '7c8f', storage: 'unavailable' });
    expect(await tokenOf(vault)).toBe(TOKEN);
    expect(store.store).toEqual({});
  });

  it('falls back to the session when the keychain refuses to encrypt', async () => {
    const store = memoryStore();
    const vault = createTokenVault(store, fakeCipher({ failEncrypt: true }));
    expect(await vault.set(TOKEN, false, BASE)).toEqual({ state: 'session', hint: '7c8f', storage: 'secure' });
    expect(store.store).toEqual({});
  });

  it('a session token replaces a stored one, so a restart cannot bring the old one back', async () => {
    const store = memoryStore();
    await createTokenVault(store, fakeCipher()).set(OTHER_TOKEN, false, BASE);
    const weak = createTokenVault(store, fakeCipher({ backend: 'basic_text' }));
    expect((await weak.set(TOKEN, false, BASE)).state).toBe('session');
    expect(await tokenOf(weak)).toBe(TOKEN);
    expect(store.store).toEqual({});
  });

  it('removes a stored and a session token', async () => {
    const store = memoryStore({ other: 1 });
    const vault = createTokenVault(store, fakeCipher());
    await vault.set(TOKEN, false, BASE);
    expect(await vault.remove()).toEqual({ state: 'none', hint: null, storage: 'secure' });
    expect(await tokenOf(vault)).toBeNull();
    expect(store.store).toEqual({ other: 1 });

    const weak = createTokenVault(memoryStore(), fakeCipher({ backend: 'basic_text' }));
    await weak.set(TOKEN, false, BASE);
    expect((await weak.remove()).state).toBe('none');
    expect(await tokenOf(weak)).toBeNull();
  });
});

describe('token vault: the token is bound to the address it was entered for', () => {
  /** The plain text inside the stored ciphertext (the fake cipher's key byte leads it). */
  const plainOf = (store: KeyValueStore) => {
    const data = Buffer.from(store.get('encryptedToken') as string, 'base64');
    return Buffer.from(data.subarray(1).map((byte) => byte ^ (data[0] ?? 0))).toString('utf8');
  };
  const encryptWith = (plain: string, key = 0x5a) => Buffer.concat([Buffer.from([key]), Buffer.from(plain, 'utf8').map((byte) => byte ^ key)]).toString('base64');

  it('hands the token out only for that address, also after a restart', async () => {
    const store = memoryStore();
    const vault = createTokenVault(store, fakeCipher());
    await vault.set(TOKEN, false, BASE);
    expect(await vault.read(ELSEWHERE)).toEqual({ token: null, problem: 'address_changed' });
    expect(await vault.status(ELSEWHERE)).toEqual({ state: 'address_changed', hint: '7c8f', storage: 'secure' });

    const restarted = createTokenVault(store, fakeCipher());
    expect(await restarted.read(BASE)).toEqual({ token: TOKEN, problem: null });
    expect(await restarted.read(ELSEWHERE)).toEqual({ token: null, problem: 'address_changed' });
    // The address is inside the ciphertext, next to the token, not beside it in the file.
    expect(Object.keys(store.store)).toEqual(['encryptedToken']);
    expect(JSON.stringify(store.store)).not.toContain('api.example.test');
  });

  it('binds a session-only token too', async () => {
    const vault = createTokenVault(memoryStore(), fakeCipher({ backend: 'basic_text' }));
    expect((await vault.set(TOKEN, false, BASE)).state).toBe('session');
    expect(await vault.read(ELSEWHERE)).toEqual({ token: null, problem: 'address_changed' });
    expect(await vault.status(ELSEWHERE)).toMatchObject({ state: 'address_changed' });
  });

  it('rejects a record whose address was altered inside the ciphertext (safeStorage is unauthenticated CBC on macOS and Linux)', async () => {
    const store = memoryStore();
    await createTokenVault(store, fakeCipher()).set(TOKEN, false, BASE);
    // Bit-flipping a known plain address into another one leaves the token and its tag as they were.
    const forgedAddress = BASE.replace('api.example.test', 'api.evil-ex.test');
    store.set('encryptedToken', encryptWith(plainOf(store).replace(BASE, forgedAddress)));
    const vault = createTokenVault(store, fakeCipher());
    expect(await vault.read(forgedAddress)).toEqual({ token: null, problem: 'unreadable' });
    expect(await vault.status(forgedAddress)).toMatchObject({ state: 'unreadable' });
  });

  it('reads a token stored before the binding as entered for the official API only', async () => {
    // Versions before the binding encrypted the bare token.
    const store = memoryStore({ encryptedToken: encryptWith(TOKEN) });
    const vault = createTokenVault(store, fakeCipher());
    expect(await vault.read(DEFAULT_API_BASE)).toEqual({ token: TOKEN, problem: null });
    expect(await vault.status(DEFAULT_API_BASE)).toEqual({ state: 'stored', hint: '7c8f', storage: 'secure' });
    expect(await vault.read(BASE)).toEqual({ token: null, problem: 'address_changed' });
    expect(await vault.status(BASE)).toMatchObject({ state: 'address_changed' });
  });

  it('re-encrypts a rotated record with its binding', async () => {
    const store = memoryStore();
    await createTokenVault(store, fakeCipher({ key: 0x11 })).set(TOKEN, false, BASE);
    const rotated = createTokenVault(store, fakeCipher({ key: 0x22, oldKeys: [0x11] }));
    expect((await rotated.read(BASE)).token).toBe(TOKEN);
    expect(storedKey(store)).toBe(0x22);
    expect(await createTokenVault(store, fakeCipher({ key: 0x22 })).read(ELSEWHERE)).toEqual({ token: null, problem: 'address_changed' });
  });

  it('changes nothing when the vault file cannot be written on remove (a locked vault.json)', async () => {
    const store = memoryStore();
    const vault = createTokenVault(
      Object.assign(Object.create(store) as KeyValueStore, {
        delete: () => {
          throw new Error('EBUSY: resource busy or locked');
        },
      }),
      fakeCipher(),
    );
    await vault.set(TOKEN, false, BASE);
    await expect(vault.remove()).rejects.toThrow(/EBUSY/);
    expect(await vault.read(BASE)).toEqual({ token: TOKEN, problem: null });
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

  it('round-trips with the key kept in the data folder, and another folder cannot read it', async () => {
    const store = memoryStore();
    const vault = createTokenVault(store, createHostCipher(path.join(dir, 'a'), 'host_test'));
    expect(await vault.set(TOKEN, false, BASE)).toEqual({ state: 'stored', hint: '7c8f', storage: 'secure' });
    expect(JSON.stringify(store.store)).not.toContain(TOKEN);
    expect(await tokenOf(createTokenVault(store, createHostCipher(path.join(dir, 'a'), 'host_test')))).toBe(TOKEN);
    expect((await createTokenVault(store, createHostCipher(path.join(dir, 'b'), 'host_test')).status(BASE)).state).toBe('unreadable');
  });

  it('pretends to be a weak or missing keyring on request', async () => {
    expect(await createTokenVault(memoryStore(), createHostCipher(dir, 'basic_text')).set(TOKEN, false, BASE)).toMatchObject({ state: 'session', storage: 'weak' });
    expect((await createTokenVault(memoryStore(), createHostCipher(dir, 'unavailable')).status(BASE)).storage).toBe('unavailable');
  });
});
