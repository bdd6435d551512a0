import { Token, type TokenStatus } from '../../../shared/token-schema.ts';
import type { KeyValueStore } from '../settings/key-value-store.ts';
import type { VaultPort } from '../ports.ts';
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

type Storage = TokenStatus['storage'];

/**
 * Keeps the API token as cipher output only. The plain token exists in memory just for the duration of
 * a `read()` (or a `status()` check), except in session mode, where a token the OS cannot protect is
 * held in memory for this run and never written.
 */
export function createTokenVault(store: KeyValueStore, cipher: Cipher): TokenVault {
  let sessionToken: string | null = null;
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

  /** The stored token, or null when it does not decrypt to a valid token (other user, keychain reset, edits). */
  async function decryptStored(): Promise<string | null> {
    const stored = store.get(CIPHERTEXT_KEY);
    if (typeof stored !== 'string') return null;
    let decrypted: { plain: string; shouldReEncrypt: boolean };
    try {
      decrypted = await cipher.decrypt(Buffer.from(stored, 'base64'));
    } catch {
      return null;
    }
    const parsed = Token.safeParse(decrypted.plain);
    if (!parsed.success) return null;
    // The old ciphertext still decrypts, so a refused re-encryption (or a failed write) leaves it in place
    // and this use of the token goes ahead.
    if (decrypted.shouldReEncrypt) await persist(parsed.data).catch(() => false);
    return parsed.data;
  }

  async function currentStatus(): Promise<TokenStatus> {
    const where = await storage();
    if (sessionToken !== null) return { state: 'session', hint: hintOf(sessionToken), storage: where };
    if (store.get(CIPHERTEXT_KEY) === undefined) return { state: 'none', hint: null, storage: where };
    const token = await decryptStored();
    return token === null ? { state: 'unreadable', hint: null, storage: where } : { state: 'stored', hint: hintOf(token), storage: where };
  }

  /** Writes the ciphertext; false when the OS refuses to encrypt, so the caller keeps it for the session. */
  async function persist(token: string): Promise<boolean> {
    let ciphertext: Buffer;
    try {
      ciphertext = await cipher.encrypt(token);
    } catch {
      return false;
    }
    store.set(CIPHERTEXT_KEY, ciphertext.toString('base64'));
    return true;
  }

  return {
    status: () => exclusive(currentStatus),

    set: (input, acceptWeakStorage) =>
      exclusive(async () => {
        const parsed = Token.safeParse(input);
        // The message names the rule only: the rejected text may be a real token with a typo.
        if (!parsed.success) throw new ContractError('invalid_token', 'token must be a UUID of hex digits and dashes');
        const token = parsed.data;
        const where = await storage();
        const mayPersist = where === 'secure' || (where === 'weak' && acceptWeakStorage);
        if (mayPersist && (await persist(token))) {
          sessionToken = null;
          return currentStatus();
        }
        // A new token replaces the old one everywhere, so a restart cannot bring back the previous one.
        store.delete(CIPHERTEXT_KEY);
        sessionToken = token;
        return currentStatus();
      }),

    remove: () =>
      exclusive(async () => {
        sessionToken = null;
        store.delete(CIPHERTEXT_KEY);
        return currentStatus();
      }),

    read: () => exclusive(async () => sessionToken ?? (await decryptStored())),
  };
}

function hintOf(token: string): string {
  return token.slice(-4);
}
