import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  let ready = false;
  let resolveReady: () => void = () => undefined;
  let whenReady = Promise.resolve();
  return {
    app: {
      isReady: vi.fn(() => ready),
      whenReady: vi.fn(() => whenReady),
      /** Back to a process that has not reached 'ready' yet. */
      restart() {
        ready = false;
        whenReady = new Promise<void>((resolve) => {
          resolveReady = resolve;
        });
      },
      becomeReady() {
        ready = true;
        resolveReady();
      },
    },
    // Only the asynchronous API: the deprecated synchronous methods are absent, so a call to one fails.
    safeStorage: {
      isAsyncEncryptionAvailable: vi.fn(async () => true),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptStringAsync: vi.fn(async (plain: string) => Buffer.from(`enc:${plain}`)),
      decryptStringAsync: vi.fn(async (data: Buffer) => ({ result: data.toString().replace(/^enc:/, ''), shouldReEncrypt: false })),
    },
  };
});

vi.mock('electron', () => ({ app: electron.app, safeStorage: electron.safeStorage, default: electron }));

const { createSafeStorageCipher } = await import('../../../electron/main/safe-storage-cipher.ts');

const realPlatform = process.platform;
function setPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

function safeStorageCalls(): number {
  return Object.values(electron.safeStorage).reduce((sum, fn) => sum + fn.mock.calls.length, 0);
}

describe('safeStorage cipher', () => {
  beforeEach(() => {
    for (const fn of Object.values(electron.safeStorage)) fn.mockClear();
    electron.app.restart();
  });
  afterEach(() => {
    setPlatform(realPlatform);
  });

  it("refuses before the app's 'ready' event without touching safeStorage, and works after it", async () => {
    expect(electron.app.isReady()).toBe(false);
    expect(() => createSafeStorageCipher()).toThrow(/ready/);
    expect(safeStorageCalls()).toBe(0);

    electron.app.becomeReady();
    await electron.app.whenReady();
    const cipher = createSafeStorageCipher();
    // Creating it reads nothing yet; each call goes to safeStorage when the vault asks.
    expect(safeStorageCalls()).toBe(0);
    expect(await cipher.isEncryptionAvailable()).toBe(true);
    expect(await cipher.decrypt(await cipher.encrypt('secret'))).toEqual({ plain: 'secret', shouldReEncrypt: false });
    expect(electron.safeStorage.encryptStringAsync).toHaveBeenCalledWith('secret');
  });

  it('reports the Linux backend that safeStorage selected', () => {
    electron.app.becomeReady();
    setPlatform('linux');
    electron.safeStorage.getSelectedStorageBackend.mockReturnValueOnce('basic_text');
    expect(createSafeStorageCipher().backend()).toBe('basic_text');
    expect(electron.safeStorage.getSelectedStorageBackend).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['darwin', 'keychain'],
    ['win32', 'dpapi'],
  ] as const)('reports %s as %s without asking for a Linux backend', (platform, backend) => {
    electron.app.becomeReady();
    setPlatform(platform);
    expect(createSafeStorageCipher().backend()).toBe(backend);
    expect(electron.safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it("reports an unsupported platform as 'unknown', which the vault treats as weak", () => {
    electron.app.becomeReady();
    setPlatform('freebsd');
    expect(createSafeStorageCipher().backend()).toBe('unknown');
  });

  it('passes unavailability, decryption errors and re-encryption requests through for the vault to handle', async () => {
    electron.app.becomeReady();
    const cipher = createSafeStorageCipher();
    electron.safeStorage.isAsyncEncryptionAvailable.mockResolvedValueOnce(false);
    expect(await cipher.isEncryptionAvailable()).toBe(false);
    electron.safeStorage.decryptStringAsync.mockRejectedValueOnce(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
    await expect(cipher.decrypt(Buffer.from('x'))).rejects.toThrow(/decrypting/);
    electron.safeStorage.decryptStringAsync.mockResolvedValueOnce({ result: 'rotated', shouldReEncrypt: true });
    expect(await cipher.decrypt(Buffer.from('enc:rotated'))).toEqual({ plain: 'rotated', shouldReEncrypt: true });
  });
});
