import path from 'node:path';
import { app, dialog, ipcMain, Menu, session, type BrowserWindow } from 'electron';
import Store from 'electron-store';
import { createAppCore, type AppCore } from '../core/app-core.ts';
import { CONTENT_SECURITY_POLICY } from '../core/shell-policy/csp.ts';
import { redactSecrets } from '../core/log/redact.ts';
import type { KeyValueStore } from '../core/settings/key-value-store.ts';
import { readRuntimeEnv, type RuntimeEnv } from '../core/runtime-env.ts';
import { readDeskIdentity } from '../core/desk-identity.ts';
import { machinePolicyFile } from '../core/settings/policy-file.ts';
import { LEAVE_ANYWAY, unsavedClosePrompt } from '../core/shell-policy/unsaved-close.ts';
import { trustedOrigins } from '../core/shell-policy/sender-policy.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { registerIpcHandlers } from './ipc.ts';
import { createSafeStorageCipher } from './safe-storage-cipher.ts';
import { createAutoUpdateEngine } from './auto-updater.ts';
import { resolveUpdateFeed } from '../core/update/update-feed.ts';
import { createMainWindow, lockDownContents } from './window.ts';

// The dev server (electron-vite dev) injects inline scripts for hot reload; only then is that allowed.
const DEV_SERVER_URL = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const DEV_CSP = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws:");

let env: RuntimeEnv;
try {
  // An installed app takes the QA variables only when started with --qa (decided in the core).
  env = readRuntimeEnv(process.env, { packaged: app.isPackaged, argv: process.argv });
} catch (error) {
  dialog.showErrorBox('TG Code Desk', error instanceof Error ? error.message : 'invalid environment');
  app.exit(1);
  throw error;
}
if (env.dataDir) app.setPath('userData', path.resolve(env.dataDir));

let mainWindow: BrowserWindow | null = null;
let core: AppCore | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (core === null) return;
    // Queued log lines and the history file are closed before the process goes.
    event.preventDefault();
    const closing = core;
    core = null;
    void closing.close().finally(() => app.quit());
  });
  app.whenReady().then(start).catch((error: unknown) => {
    // Without this the process would live on with no window, holding the single-instance lock.
    dialog.showErrorBox('TG Code Desk', `The app could not start: ${redactSecrets(error instanceof Error ? error.message : String(error), [])}`);
    app.exit(1);
  });
}

function updateSetup() {
  const feed = resolveUpdateFeed(import.meta.env.TGCODE_UPDATE_URL, app.isPackaged);
  return { engine: feed.url ? createAutoUpdateEngine(feed.url) : null, offReason: feed.offReason };
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  // A packaged app has no menu: no DevTools shortcut, no reload into a half-initialised state.
  if (app.isPackaged) Menu.setApplicationMenu(null);
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  if (DEV_SERVER_URL) {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DEV_CSP] } });
    });
  }
  const rendererDir = path.join(import.meta.dirname, '../renderer');
  serveRenderer(rendererDir);

  // Read here in main, so what the history says about who sent never comes from the page.
  const identity = readDeskIdentity();
  core = await createAppCore({
    version: app.getVersion(),
    dataDir,
    env,
    // safeStorage may only be used after `ready`, which is why the cipher is made here.
    cipher: createSafeStorageCipher(),
    openStore: (name): KeyValueStore => new Store({ name, clearInvalidConfig: false, configFileMode: 0o600 }),
    chooseExportFile: async (suggestedName) => {
      const options = { defaultPath: path.join(app.getPath('documents'), suggestedName), filters: [{ name: 'CSV', extensions: ['csv'] }] };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    defaultOperatorName: identity.osUser,
    identity,
    // TGCODE_POLICY_FILE is read with the other overrides, so it is honoured exactly where they are.
    policyFile: env.policyFile ?? machinePolicyFile(process.platform, process.env),
    updates: updateSetup(),
  });
  registerIpcHandlers(ipcMain, core.handlers, trustedOrigins(DEV_SERVER_URL), core.log);
  mainWindow = createMainWindow({
    preload: path.join(import.meta.dirname, '../preload/index.cjs'),
    url: DEV_SERVER_URL ?? 'app://renderer/index.html',
    devTools: !app.isPackaged,
  });
  mainWindow.on('closed', () => (mainWindow = null));
  // The page holds a close (beforeunload) while the settings have unsaved edits; Electron would then
  // silently keep the window open, so the operator is asked, as when leaving the settings in the app.
  mainWindow.webContents.on('will-prevent-unload', (event) => {
    if (mainWindow === null || core === null) return;
    if (dialog.showMessageBoxSync(mainWindow, unsavedClosePrompt(core.language())) === LEAVE_ANYWAY) event.preventDefault();
  });
}
