import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A small stand-in for the parts of Electron the shell uses, so the shell runs in plain Node under
 * vitest (the real package would try to download a binary). EventEmitter-based so tests can emit.
 */
export class MockWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

export class MockBrowserWindow extends EventEmitter {
  static instances: MockBrowserWindow[] = [];
  static fromWebContents = vi.fn((contents: unknown) => MockBrowserWindow.instances.find((w) => w.webContents === contents) ?? null);
  readonly webContents = new MockWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly isMinimized = vi.fn(() => false);
  readonly options: Record<string, unknown>;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    MockBrowserWindow.instances.push(this);
  }
}

export class MockIpcMain {
  readonly handlers = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>();
  handle = vi.fn((channel: string, handler: (event: unknown, request: unknown) => Promise<unknown>) => {
    this.handlers.set(channel, handler);
  });
}

export function createElectronMock() {
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  let isReady = false;
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    whenReady: vi.fn(() => ready),
    isReady: vi.fn(() => isReady),
    requestSingleInstanceLock: vi.fn(() => true),
    getPath: vi.fn((name: string) => (name === 'userData' ? (process.env.TGCODE_TEST_USERDATA ?? '/tmp') : '/tmp')),
    setPath: vi.fn(),
    getVersion: vi.fn(() => '0.0.0-test'),
    quit: vi.fn(),
    exit: vi.fn(),
    /** Test helper: fires `ready`. */
    fireReady() {
      isReady = true;
      resolveReady();
      app.emit('ready');
    },
  });
  // Only the asynchronous API: the deprecated synchronous methods are absent, so a call to one fails.
  const safeStorage = {
    isAsyncEncryptionAvailable: vi.fn(async () => true),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
    encryptStringAsync: vi.fn(async (plain: string) => Buffer.from(`enc:${plain}`)),
    decryptStringAsync: vi.fn(async (data: Buffer) => ({ result: data.toString().replace(/^enc:/, ''), shouldReEncrypt: false })),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    },
  };
  return {
    app,
    BrowserWindow: MockBrowserWindow,
    ipcMain: new MockIpcMain(),
    safeStorage,
    session,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    net: { fetch: vi.fn() },
    dialog: { showSaveDialog: vi.fn(), showErrorBox: vi.fn(), showMessageBoxSync: vi.fn(() => 0) },
    Menu: { setApplicationMenu: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn() },
  };
}
