/**
 * TEST ONLY, NEVER SHIPPED, NOT PROTECTION: the key sits in a file next to the data it encrypts.
 * It stands in for Electron's safeStorage so the test host can run the real token vault in plain Node.
 *
 * `backend` names the keyring to pretend to be (TGCODE_HOST_KEYRING): 'basic_text' lets the tests reach
 * the vault's weak-storage path, 'unavailable' its no-encryption path.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Cipher } from '../../electron/core/vault/token-vault.ts';

const KEY_FILE = 'host-cipher.key';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createHostCipher(dataDir: string, backend = process.env.TGCODE_HOST_KEYRING ?? 'host_test'): Cipher {
  const key = loadOrCreateKey(path.join(dataDir, KEY_FILE));
  return {
    isEncryptionAvailable: async () => backend !== 'unavailable',
    backend: () => backend,
    async encrypt(plain) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(data) {
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      // GCM authenticates: another key or altered bytes reject here, as safeStorage does.
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      // One key that never rotates, so nothing ever needs encrypting anew.
      return { plain, shouldReEncrypt: false };
    },
  };
}

function loadOrCreateKey(file: string): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // 'wx' fails if the file exists, so two hosts starting together never replace each other's key.
    fs.writeFileSync(file, crypto.randomBytes(32), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = fs.readFileSync(file);
  if (key.length !== 32) throw new Error(`${file} is not a 32-byte key`);
  return key;
}
