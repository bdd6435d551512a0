import { Token, type TokenStatus } from '../../shared/token-schema.ts';
import type { KeyValueStore } from './key-value-store.ts';
import type { VaultPort } from './ports.ts';
import { ContractError } from '../../shared/contract-error.ts';

/** OS-backed string encryption (Electron's safeStorage in the app, a test cipher in the test host). */
export interface Cipher {
  isEncryptionAvailable(): boolean;
  /** e.g. 'basic_text', 'gnome_libsecret', 'kwallet5', 'keychain', 'dpapi' */
  backend(): string;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
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

  function storage(): Storage {
    if (!cipher.isEncryptionAvailable()) return 'unavailable';
    return WEAK_BACKENDS.has(cipher.backend()) ? 'weak' : 'secure';
  }

  /** The stored token, or null when it does not decrypt to a valid token (other user, keychain reset, edits). */
  function decryptStored(): string | null {
    const stored = store.get(CIPHERTEXT_KEY);
    if (typeof stored !== 'string') return null;
    try {
      const parsed = Token.safeParse(cipher.decrypt(Buffer.from(stored, 'base64')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  function status(): TokenStatus {
    const where = storage();
    if (sessionToken !== null) return { state: 'session', hint: hintOf(sessionToken), storage: where };
    if (store.get(CIPHERTEXT_KEY) === undefined) return { state: 'none', hint: null, storage: where };
    const token = decryptStored();
    return token === null ? { state: 'unreadable', hint: null, storage: where } : { state: 'stored', hint: hintOf(token), storage: where };
  }

  /** Writes the ciphertext; false when the OS refuses to encrypt, so the caller keeps it for the session. */
  function persist(token: string): boolean {
    let ciphertext: Buffer;
    try {
      ciphertext = cipher.encrypt(token);
    } catch {
      return false;
    }
    store.set(CIPHERTEXT_KEY, ciphertext.toString('base64'));
    return true;
  }

  return {
    status,

    set(input, acceptWeakStorage) {
      const parsed = Token.safeParse(input);
      // The message names the rule only: the rejected text may be a real token with a typo.
      if (!parsed.success) throw new ContractError('invalid_token', 'token must be a UUID of hex digits and dashes');
      const token = parsed.data;
      const where = storage();
      const mayPersist = where === 'secure' || (where === 'weak' && acceptWeakStorage);
      if (mayPersist && persist(token)) {
        sessionToken = null;
        return status();
      }
      // A new token replaces the old one everywhere, so a restart cannot bring back the previous one.
      store.delete(CIPHERTEXT_KEY);
      sessionToken = token;
      return status();
    },

    remove() {
      sessionToken = null;
      store.delete(CIPHERTEXT_KEY);
      return status();
    },

    read() {
      return sessionToken ?? decryptStored();
    },
  };
}

function hintOf(token: string): string {
  return token.slice(-4);
}
