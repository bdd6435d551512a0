import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../shared/contract.ts';
import { createElectronMock, MockBrowserWindow, MockWebContents } from './mocks/electron.ts';

// electron-store needs Electron's app paths; conf is the same engine without them.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  return {
    default: class extends Conf {
      constructor(options: { name: string; clearInvalidConfig: boolean }) {
        super({ cwd: process.env.TGCODE_DATA_DIR!, configName: options.name, clearInvalidConfig: options.clearInvalidConfig });
      }
    },
  };
});

let dataDir: string;
let mock: ReturnType<typeof createElectronMock>;

beforeEach(async () => {
  vi.resetModules();
  MockBrowserWindow.instances.length = 0;
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-shell-'));
  vi.stubEnv('TGCODE_DATA_DIR', dataDir);
  vi.stubEnv('TGCODE_TEST_USERDATA', dataDir);
  vi.stubEnv('TGCODE_TOKEN', '');
  vi.stubEnv('TGCODE_API_BASE', '');
  mock = createElectronMock();
  // Registered per test (not hoisted) so each fresh import of the shell sees a fresh Electron.
  vi.doMock('electron', () => mock);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dataDir, { recursive: true, force: true });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

describe('main process shell', () => {
  it('never touches safeStorage before ready, then wires the window and every channel', async () => {
    const earlyCalls: string[] = [];
    const storage = mock.safeStorage as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const [name, original] of Object.entries(storage)) {
      storage[name] = vi.fn((...args: unknown[]) => {
        if (!mock.app.isReady()) earlyCalls.push(name);
        return original(...args);
      });
    }
    await import('../../../electron/main/index.ts');

    expect(mock.app.setPath).toHaveBeenCalledWith('userData', path.resolve(dataDir));
    expect(mock.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(mock.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app' })]);
    expect(mock.ipcMain.handle).not.toHaveBeenCalled();
    expect(MockBrowserWindow.instances).toHaveLength(0);
    for (const fn of Object.values(mock.safeStorage)) expect(fn).not.toHaveBeenCalled();

    mock.app.fireReady();
    await until(() => MockBrowserWindow.instances.length === 1);

    expect(earlyCalls).toEqual([]);
    expect([...mock.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(mock.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(mock.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    const deny = vi.fn();
    mock.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0](null, 'media', deny);
    expect(deny).toHaveBeenCalledWith(false);

    const window = MockBrowserWindow.instances[0]!;
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('app://renderer/index.html');

    const info = await mock.ipcMain.handlers.get('app:info')!({ sender: window.webContents, senderFrame: { parent: null, url: 'app://renderer/index.html' } }, undefined);
    expect(info).toMatchObject({ ok: true, value: { mode: 'sandbox', sandboxReason: 'first_run', overrides: ['dataDir'] } });
    const foreign = await mock.ipcMain.handlers.get('app:info')!({ sender: window.webContents, senderFrame: { parent: null, url: 'https://evil.example/' } }, undefined);
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(mock.Menu.setApplicationMenu).not.toHaveBeenCalled();
    expect(window.options.webPreferences).toMatchObject({ devTools: true });

    // Quitting waits for the core to close (log flushed, history closed), then quits.
    const quit = { preventDefault: vi.fn() };
    mock.app.emit('will-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    await until(() => mock.app.quit.mock.calls.length === 1);
  });

  it('a close the page holds for unsaved settings asks in the interface language; only "leave" lets it close', async () => {
    await import('../../../electron/main/index.ts');
    mock.app.fireReady();
    await until(() => MockBrowserWindow.instances.length === 1);
    const window = MockBrowserWindow.instances[0]!;

    const stay = { preventDefault: vi.fn() };
    mock.dialog.showMessageBoxSync.mockReturnValueOnce(0);
    window.webContents.emit('will-prevent-unload', stay);
    expect(mock.dialog.showMessageBoxSync).toHaveBeenLastCalledWith(window, expect.objectContaining({ message: 'Уйти без сохранения?', buttons: ['Вернуться к настройкам', 'Уйти без сохранения'], defaultId: 0, cancelId: 0 }));
    expect(stay.preventDefault).not.toHaveBeenCalled();

    const info = { sender: window.webContents, senderFrame: { parent: null, url: 'app://renderer/index.html' } };
    await mock.ipcMain.handlers.get('settings:update')!(info, { language: 'en' });
    const leave = { preventDefault: vi.fn() };
    mock.dialog.showMessageBoxSync.mockReturnValueOnce(1);
    window.webContents.emit('will-prevent-unload', leave);
    expect(mock.dialog.showMessageBoxSync).toHaveBeenLastCalledWith(window, expect.objectContaining({ message: 'Leave without saving?', buttons: ['Back to the settings', 'Leave without saving'] }));
    expect(leave.preventDefault).toHaveBeenCalled();
    mock.app.emit('will-quit', { preventDefault: vi.fn() });
    await until(() => mock.app.quit.mock.calls.length === 1);
  });

  it('in a packaged app, has no menu and no DevTools', async () => {
    mock.app.isPackaged = true;
    await import('../../../electron/main/index.ts');
    mock.app.fireReady();
    await until(() => MockBrowserWindow.instances.length === 1);
    expect(mock.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(MockBrowserWindow.instances[0]!.options.webPreferences).toMatchObject({ devTools: false });
    mock.app.emit('will-quit', { preventDefault: vi.fn() });
    await until(() => mock.app.quit.mock.calls.length === 1);
  });

  it('in a packaged app, ignores the QA variables unless started with --qa', async () => {
    mock.app.isPackaged = true;
    vi.stubEnv('TGCODE_API_BASE', 'http://127.0.0.1:4000/api/v1/authcalls');
    await import('../../../electron/main/index.ts');
    expect(mock.app.setPath).not.toHaveBeenCalled();
    mock.app.fireReady();
    await until(() => MockBrowserWindow.instances.length === 1);
    const window = MockBrowserWindow.instances[0]!;
    const info = await mock.ipcMain.handlers.get('app:info')!({ sender: window.webContents, senderFrame: { parent: null, url: 'app://renderer/index.html' } }, undefined);
    expect(info).toMatchObject({ ok: true, value: { overrides: [] } });
    mock.app.emit('will-quit', { preventDefault: vi.fn() });
    await until(() => mock.app.quit.mock.calls.length === 1);
  });

  it('in a packaged app started with --qa, takes them and says so', async () => {
    mock.app.isPackaged = true;
    vi.stubEnv('TGCODE_API_BASE', 'http://127.0.0.1:4000/api/v1/authcalls');
    const argv = process.argv;
    process.argv = [...argv, '--qa'];
    try {
      await import('../../../electron/main/index.ts');
    } finally {
      process.argv = argv;
    }
    expect(mock.app.setPath).toHaveBeenCalledWith('userData', path.resolve(dataDir));
    mock.app.fireReady();
    await until(() => MockBrowserWindow.instances.length === 1);
    const window = MockBrowserWindow.instances[0]!;
    const info = await mock.ipcMain.handlers.get('app:info')!({ sender: window.webContents, senderFrame: { parent: null, url: 'app://renderer/index.html' } }, undefined);
    expect(info).toMatchObject({ ok: true, value: { overrides: ['apiBase', 'dataDir'] } });
    mock.app.emit('will-quit', { preventDefault: vi.fn() });
    await until(() => mock.app.quit.mock.calls.length === 1);
  });

  it('says so and exits when start-up fails, instead of living on without a window', async () => {
    // The data folder cannot be created: a file stands where it should be.
    const blocked = path.join(dataDir, 'not-a-folder');
    await writeFile(blocked, 'x');
    vi.stubEnv('TGCODE_DATA_DIR', path.join(blocked, 'data'));
    vi.stubEnv('TGCODE_TEST_USERDATA', path.join(blocked, 'data'));
    await import('../../../electron/main/index.ts');
    mock.app.fireReady();
    await until(() => mock.app.exit.mock.calls.length === 1);
    expect(mock.app.exit).toHaveBeenCalledWith(1);
    expect(mock.dialog.showErrorBox).toHaveBeenCalledWith('TG Code Desk', expect.stringContaining('could not start'));
    expect(MockBrowserWindow.instances).toHaveLength(0);
  });

  it('quits at once when another instance already runs', async () => {
    mock.app.requestSingleInstanceLock.mockReturnValue(false);
    await import('../../../electron/main/index.ts');
    expect(mock.app.quit).toHaveBeenCalled();
    expect(mock.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });

  it('refuses to start with a malformed TGCODE_TOKEN, without showing it', async () => {
    vi.stubEnv('TGCODE_TOKEN', 'not-a-token/../../x');
    await expect(import('../../../electron/main/index.ts')).rejects.toThrow(/TGCODE_TOKEN/);
    expect(mock.app.exit).toHaveBeenCalledWith(1);
    expect(mock.dialog.showErrorBox.mock.calls[0]![1]).not.toContain('not-a-token');
  });
});

describe('lock-down applied by the shell', () => {
  async function started() {
    await import('../../../electron/main/index.ts');
    mock.app.fireReady();
    await until(() => MockBrowserWindow.instances.length === 1);
    return MockBrowserWindow.instances[0]!;
  }
  afterEach(async () => {
    mock.app.emit('will-quit', { preventDefault: vi.fn() });
    await until(() => mock.app.quit.mock.calls.length > 0);
  });

  it('refuses window.open, navigation, redirects and webviews in every web contents created, not only the window', async () => {
    const window = await started();
    // Any contents: the main window's, a devtools or a sub-frame's; the shell must catch each as created.
    for (const contents of [window.webContents, new MockWebContents()]) {
      mock.app.emit('web-contents-created', {}, contents);
      expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
      for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
        const event = { preventDefault: vi.fn() };
        contents.emit(name, event, 'https://example.com/');
        expect(event.preventDefault, name).toHaveBeenCalled();
      }
    }
  });

  it('denies every permission request and check, before the window loads anything', async () => {
    const window = await started();
    const { setPermissionRequestHandler, setPermissionCheckHandler } = mock.session.defaultSession;
    const request = setPermissionRequestHandler.mock.calls[0]![0] as (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
    const check = setPermissionCheckHandler.mock.calls[0]![0] as (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'pointerLock']) {
      const callback = vi.fn();
      request(window.webContents, permission, callback, { requestingUrl: 'app://renderer/index.html' });
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(check(window.webContents, permission, 'app://renderer', {}), permission).toBe(false);
    }
    const loaded = window.loadURL.mock.invocationCallOrder[0]!;
    expect(setPermissionRequestHandler.mock.invocationCallOrder[0]).toBeLessThan(loaded);
    expect(setPermissionCheckHandler.mock.invocationCallOrder[0]).toBeLessThan(loaded);
  });
});
