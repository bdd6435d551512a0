import electronUpdater from 'electron-updater';
import type { UpdateEngine } from '../core/update/update-controller.ts';

/**
 * electron-updater on the generic feed: it reads latest.yml (latest-mac.yml on macOS), downloads the newer
 * installer and checks it against the sha512 that latest.yml gives before it is ever run (and on Windows
 * also the installer's signature against the running app's publisher). When and whether to restart is
 * decided in electron/core/update.
 */
export function createAutoUpdateEngine(feedUrl: string): UpdateEngine {
  const { autoUpdater } = electronUpdater;
  autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
  autoUpdater.autoDownload = true;
  // A downloaded update also installs when the operator quits the app the usual way.
  autoUpdater.autoInstallOnAppQuit = true;
  // Its outcome reaches the app's own (redacted) log as events.
  autoUpdater.logger = null;
  return {
    check: async () => {
      await autoUpdater.checkForUpdates();
    },
    // After the IPC answer has left, so the renderer is not cut off mid-reply.
    install: () => setImmediate(() => autoUpdater.quitAndInstall()),
    subscribe: (listener) => {
      autoUpdater.on('checking-for-update', () => listener({ type: 'checking' }));
      autoUpdater.on('update-available', (info) => listener({ type: 'available', version: info.version }));
      autoUpdater.on('update-not-available', () => listener({ type: 'not-available' }));
      autoUpdater.on('update-downloaded', (info) => listener({ type: 'downloaded', version: info.version }));
      autoUpdater.on('error', (error) => listener({ type: 'error', message: error.message }));
    },
  };
}
