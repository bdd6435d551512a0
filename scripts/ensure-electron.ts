import { createRequire } from 'node:module';
import path from 'node:path';
import { ElectronInstallError, ensureElectron } from './electron-install.ts';

/**
 * `prestart` / `predev`: makes sure the Electron binary is there before electron-vite looks for it,
 * downloading it once through the electron package's own installer, or failing at once with a fix.
 */
if (import.meta.main) {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  try {
    await ensureElectron({ packageDir, env: process.env });
  } catch (error) {
    if (!(error instanceof ElectronInstallError)) throw error;
    process.stderr.write(`\n${error.message}\n\n`);
    process.exitCode = 1;
  }
}
