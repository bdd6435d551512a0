import { app, safeStorage } from 'electron';
import type { Cipher } from '../core/token-vault.ts';

/**
 * The token vault's cipher, backed by the OS keychain through Electron's safeStorage.
 *
 * Must only be called after the app's 'ready' event, and refuses otherwise. Before 'ready' safeStorage
 * is not set up: on Linux it has not chosen its backend (it reports 'unknown', encryption is reported
 * unavailable or throws, and older Electrons crashed, electron/electron#32206), and on macOS it opens a
 * Keychain item named 'Chromium Safe Storage' instead of the app's own (electron/electron#45328), so a
 * token encrypted then could be unreadable, or prompt for another app's password, on the next start.
 *
 * Uses the synchronous encryptString/decryptString, deprecated in Electron 45 in favour of the async
 * forms, because the vault's port (VaultPort) is synchronous.
 */
export function createSafeStorageCipher(): Cipher {
  if (!app.isReady()) throw new Error("createSafeStorageCipher() called before the app's 'ready' event");
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    backend: () => backendName(),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
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
