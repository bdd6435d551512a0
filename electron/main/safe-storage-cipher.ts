import { app, safeStorage } from 'electron';
import type { Cipher } from '../core/vault/token-vault.ts';

/**
 * The token vault's cipher, backed by the OS keychain through Electron's safeStorage.
 *
 * Must only be called after the app's 'ready' event, and refuses otherwise. Before 'ready' safeStorage
 * is not set up: on Linux it has not chosen its backend (it reports 'unknown', encryption is reported
 * unavailable or throws, and older Electrons crashed, electron/electron#32206), and on macOS it opens a
 * Keychain item named 'Chromium Safe Storage' instead of the app's own (electron/electron#45328), so a
 * token encrypted then could be unreadable, or prompt for another app's password, on the next start.
 *
 * Only the asynchronous API is used (the synchronous one is deprecated in Electron 45): it does not block
 * the main process on a Keychain prompt, and it reports when a key rotation calls for re-encryption.
 * Its encryptor initialises lazily on the first call, which is never before 'ready' either.
 */
export function createSafeStorageCipher(): Cipher {
  if (!app.isReady()) throw new Error("createSafeStorageCipher() called before the app's 'ready' event");
  return {
    isEncryptionAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    backend: () => backendName(),
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    async decrypt(data) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(data);
      return { plain: result, shouldReEncrypt };
    },
  };
}

function backendName(): string {
  switch (process.platform) {
    case 'linux':
      return safeStorage.getSelectedStorageBackend();
    case 'darwin':
      return 'keychain';
    case 'win32':
      return 'dpapi';
    default:
      return 'unknown';
  }
}
