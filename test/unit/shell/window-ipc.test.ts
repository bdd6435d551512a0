import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type AppInfo, type Handlers } from '../../../shared/contract.ts';
import { createElectronMock, MockBrowserWindow, MockWebContents } from './mocks/electron.ts';

vi.mock('electron', async () => (await import('./mocks/electron.ts')).createElectronMock());

const { createMainWindow, lockDownContents } = await import('../../../electron/main/window.ts');
const { registerIpcHandlers } = await import('../../../electron/main/ipc.ts');

afterEach(() => {
  MockBrowserWindow.instances.length = 0;
});

describe('main window', () => {
  it.each([false, true])('is created with isolation, sandbox and no Node anywhere (devTools %s)', (devTools) => {
    const window = createMainWindow({ preload: '/app/preload/index.cjs', url: 'app://renderer/index.html', devTools }) as unknown as MockBrowserWindow;
    // Literal values, every one of them: a preference added, dropped or loosened fails here.
    expect(window.options).toEqual({
      width: 1100,
      height: 760,
      minWidth: 720,
      minHeight: 560,
      show: false,
      title: 'TG Code Desk',
      autoHideMenuBar: true,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        spellcheck: false,
        preload: '/app/preload/index.cjs',
        devTools,
      },
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://renderer/index.html');
  });

  it('denies new windows, navigation, redirects and webviews', () => {
    const contents = new MockWebContents();
    lockDownContents(contents as never);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents.emit(name, event, 'https://example.com');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
  });
});

describe('IPC handlers', () => {
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const info: AppInfo = { version: '1', mode: 'sandbox', sandboxReason: 'first_run', apiHost: '127.0.0.1:1', language: 'ru', overrides: [], policy: 'none', lockedSettings: [] };

  function setup() {
    const electron = createElectronMock();
    const appInfo = vi.fn(async () => info);
    const handlers = Object.fromEntries(CHANNELS.map((channel) => [channel, vi.fn()])) as unknown as Handlers;
    handlers['app:info'] = appInfo;
    registerIpcHandlers(electron.ipcMain as never, handlers, ['app://renderer'], log);
    const window = new MockBrowserWindow({});
    const call = (sender: unknown, frame: unknown) => electron.ipcMain.handlers.get('app:info')!({ sender, senderFrame: frame }, undefined);
    return { electron, appInfo, window, call };
  }

  it('registers exactly one handler per contract channel', () => {
    const { electron } = setup();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('answers the app window top frame', async () => {
    const { window, call, appInfo } = setup();
    expect(await call(window.webContents, { parent: null, url: 'app://renderer/index.html' })).toEqual({ ok: true, value: info });
    expect(appInfo).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a sub-frame', true, { parent: {}, url: 'app://renderer/index.html' }],
    ['a foreign page', true, { parent: null, url: 'https://evil.example/' }],
    ['a file:// page', true, { parent: null, url: 'file:///tmp/x.html' }],
    ['a detached web contents', false, { parent: null, url: 'app://renderer/index.html' }],
    ['a destroyed frame', true, null],
  ])('drops a message from %s', async (_name, ownWindow, frame) => {
    const { window, call, appInfo } = setup();
    const sender = ownWindow ? window.webContents : new MockWebContents();
    expect(await call(sender, frame)).toEqual({ ok: false, error: { code: 'forbidden', message: 'sender not allowed' } });
    expect(appInfo).not.toHaveBeenCalled();
  });
});
