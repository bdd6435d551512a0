import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Whether the Electron suite can run here. `absent`: no binary was ever installed (its download is not
 * reachable from this machine), so the suite reports itself skipped. `present`: it runs. `broken`: a
 * binary is claimed (ELECTRON_OVERRIDE_DIST_PATH, or the package's path.txt) but is not there, which
 * must fail the run rather than pass as a skip.
 */
export type ElectronBinary = { kind: 'absent' } | { kind: 'present'; path: string } | { kind: 'broken'; reason: string };

/** The installed `electron` package's folder, found without loading the package (that would start its download). */
export function electronPackageDir(from: string = import.meta.url): string | null {
  try {
    return path.dirname(createRequire(from).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** Finds the binary the way the `electron` package's index.js does: path.txt names it inside dist/ or the override folder. */
export function findElectronBinary(packageDir: string | null, env: Readonly<Record<string, string | undefined>>): ElectronBinary {
  const pathFile = packageDir === null ? null : path.join(packageDir, 'path.txt');
  const executable = pathFile !== null && existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, executable || 'electron');
    return existsSync(binary) ? { kind: 'present', path: binary } : { kind: 'broken', reason: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${binary} does not exist` };
  }
  if (packageDir === null) return { kind: 'absent' };
  const dist = path.join(packageDir, 'dist');
  if (executable === null) {
    const distFiles = existsSync(dist) ? readdirSync(dist) : [];
    return distFiles.length === 0 ? { kind: 'absent' } : { kind: 'broken', reason: `${dist} holds files but the package has no path.txt: the install did not finish` };
  }
  const binary = path.join(dist, executable);
  return existsSync(binary) ? { kind: 'present', path: binary } : { kind: 'broken', reason: `${pathFile} names ${binary}, which does not exist` };
}
