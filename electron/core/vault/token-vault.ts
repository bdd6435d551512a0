import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_API_BASE } from '../../../shared/settings-schema.ts';
import { Token, type TokenStatus } from '../../../shared/token-schema.ts';
import type { KeyValueStore } from '../settings/key-value-store.ts';
import type { TokenRead, VaultPort } from '../ports.ts';
import { ContractError } from '../../../shared/contract-error.ts';

/** OS-backed string encryption (Electron's safeStorage in the app, a test cipher in the test host). */
export interface Cipher {
  isEncryptionAvailable(): Promise<boolean>;
  /** e.g. 'basic_text', 'gnome_libsecret', 'kwallet5', 'keychain', 'dpapi'; asked after isEncryptionAvailable. */
  backend(): string;
  encrypt(plain: string): Promise<Buffer>;
  /** `shouldReEncrypt`: the key was rotated or a stronger one is available, so the data should be encrypted anew. */
  decrypt(data: Buffer): Promise<{ plain: string; shouldReEncrypt: boolean }>;
}

export type TokenVault = VaultPort;

/** The only key the vault writes: the cipher's output, base64. */
const CIPHERTEXT_KEY = 'encryptedToken';

/**
 * Backends that encrypt with a key anyone can read: Linux `basic_text` uses a fixed password, and
 * `unknown` is what Electron reports before it has chosen one, so neither is treated as a keychain.
 */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

/** A token and the API address it was entered for: the one address it may ever be sent to. */
interface Bound {
  token: string;
  apiBase: string;
}

/**
 * What is encrypted: the token, its address, and an HMAC of the address keyed with the token.
 * safeStorage is AES-CBC without authentication on macOS and Linux, so whoever can write vault.json
 * could flip bits of a known plain address into their own; without the token they cannot forge the tag.
 */
const Sealed = z.object({ v: z.literal(2), token: Token, apiBase: z.string().min(1), tag: z.string() });

function tagOf({ token, apiBase }: Bound): string {
  return createHmac('sha256', token).update(apiBase).digest('hex');
}

function seal(bound: Bound): string {
  return JSON.stringify({ v: 2, token: bound.token, apiBase: bound.apiBase, tag: tagOf(bound) });
}

/**
 * The record inside the ciphertext, or null when it is not one. A bare token is what versions before
 * the binding stored; it counts as entered for the official API. That address is fixed in the code,
 * so no edit of settings.json or TGCODE_API_BASE can make it somebody else's; for any other address
 * the operator enters the token again.
 */
function unseal(plain: string): Bound | null {
  const legacy = Token.safeParse(plain);
  if (legacy.success) return { token: legacy.data, apiBase: DEFAULT_API_BASE };
  let json: unknown;
  try {
    json = JSON.parse(plain);
  } catch {
    return null;
  }
  const parsed = Sealed.safeParse(json);
  if (!parsed.success) return null;
  const expected = Buffer.from(tagOf(parsed.data), 'hex');
  const given = Buffer.from(parsed.data.tag, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { token: parsed.data.token, apiBase: parsed.data.apiBase };
}

type Storage = TokenStatus['storage'];

/**
 * Keeps the API token as cipher output only, bound to the API address it was entered for. The plain
 * token exists in memory just for the duration of a `read()` (or a `status()` check), except in
 * session mode, where a token the OS cannot protect is held in memory for this run and never written.
 */
export function createTokenVault(store: KeyValueStore, cipher: Cipher): TokenVault {
  let sessionToken: Bound | null = null;
  let tail: Promise<unknown> = Promise.resolve();

  /**
   * Runs operations one at a time, in call order. The cipher is asynchronous, so without this a
   * `remove()` could land while a `set()` or a re-encrypting `read()` waits for the keychain, and the
   * later write would bring back the token the operator had just removed.
   */
  function exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = tail.then(operation);
    tail = result.catch(() => undefined);
    return result;
  }

  async function storage(): Promise<Storage> {
    // Availability first: the async encryptor picks its backend when it initialises.
    if (!(await cipher.isEncryptionAvailable())) return 'unavailable';
    return WEAK_BACKENDS.has(cipher.backend()) ? 'weak' : 'secure';
  }

  /** The stored record, or null when it does not decrypt to one (other user, keychain reset, edits). */
  async function decryptStored(): Promise<Bound | null> {
    const stored = store.get(CIPHERTEXT_KEY);
    if (typeof stored !== 'string') return null;
    let decrypted: { plain: string; shouldReEncrypt: boolean };
    try {
      decrypted = await cipher.decrypt(Buffer.from(stored, 'base64'));
    } catch {
      return null;
    }
    const bound = unseal(decrypted.plain);
    if (bound === null) return null;
    // The old ciphertext still decrypts, so a refused re-encryption (or a failed write) leaves it in place
    // and this use of the token goes ahead.
    if (decrypted.shouldReEncrypt) await persist(bound).catch(() => false);
    return bound;
  }

  /** The token in force (session first, then stored), or why there is none. */
  async function current(): Promise<Bound | 'none' | 'unreadable'> {
    if (sessionToken !== null) return sessionToken;
    if (store.get(CIPHERTEXT_KEY) === undefined) return 'none';
    return (await decryptStored()) ?? 'unreadable';
  }

  async function currentStatus(apiBase: string): Promise<TokenStatus> {
    const where = await storage();
    const found = await current();
    if (typeof found === 'string') return { state: found, hint: null, storage: where };
    const hint = hintOf(found.token);
    if (found.apiBase !== apiBase) return { state: 'address_changed', hint, storage: where };
    return { state: sessionToken === null ? 'stored' : 'session', hint, storage: where };
  }

  /** Writes the ciphertext; false when the OS refuses to encrypt, so the caller keeps it for the session. */
  async function persist(bound: Bound): Promise<boolean> {
    let ciphertext: Buffer;
    try {
      ciphertext = await cipher.encrypt(seal(bound));
    } catch {
      return false;
    }
    store.set(CIPHERTEXT_KEY, ciphertext.toString('base64'));
    return true;
  }

  return {
    status: (apiBase) => exclusive(() => currentStatus(apiBase)),

    set: (input, acceptWeakStorage, apiBase) =>
      exclusive(async () => {
        const parsed = Token.safeParse(input);
        // The message names the rule only: the rejected text may be a real token with a typo.
        if (!parsed.success) throw new ContractError('invalid_token', 'token must be a UUID of hex digits and dashes');
        const bound = { token: parsed.data, apiBase };
        const where = await storage();
        const mayPersist = where === 'secure' || (where === 'weak' && acceptWeakStorage);
        if (mayPersist && (await persist(bound))) {
          sessionToken = null;
          return currentStatus(apiBase);
        }
        // A new token replaces the old one everywhere, so a restart cannot bring back the previous one.
        store.delete(CIPHERTEXT_KEY);
        sessionToken = bound;
        return currentStatus(apiBase);
      }),

    remove: () =>
      exclusive(async () => {
        // Deleted before the session copy goes: if the file cannot be written, nothing has changed.
        store.delete(CIPHERTEXT_KEY);
        sessionToken = null;
        return { state: 'none', hint: null, storage: await storage() };
      }),

    read: (apiBase) =>
      exclusive(async (): Promise<TokenRead> => {
        const found = await current();
        if (typeof found === 'string') return { token: null, problem: found };
        // Checked here, after the decryption it waited for: the address the caller is about to use.
        if (found.apiBase !== apiBase) return { token: null, problem: 'address_changed' };
        return { token: found.token, problem: null };
      }),
  };
}

function hintOf(token: string): string {
  return token.slice(-4);
}
