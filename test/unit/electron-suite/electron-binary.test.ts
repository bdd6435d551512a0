import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronPackageDir, findElectronBinary } from '../../electron/electron-binary.ts';

// Folders laid out like node_modules/electron; nothing here is ever run.
let root: string;
let pkg: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tgcode-electron-pkg-'));
  pkg = path.join(root, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","main":"index.js"}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function file(target: string, content = '') {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
}

describe('finding the Electron binary for the Electron suite', () => {
  it('finds the package folder without loading the package', () => {
    file(path.join(pkg, 'index.js'), 'throw new Error("loading the package would start its download")');
    expect(electronPackageDir(pathToFileURL(path.join(root, 'probe.js')).href)).toBe(pkg);
    expect(electronPackageDir(pathToFileURL(path.join(os.tmpdir(), 'no-such-project', 'probe.js')).href)).toBeNull();
  });

  it('reports absent when the package was installed without its download (the suite skips)', () => {
    expect(findElectronBinary(pkg, {})).toEqual({ kind: 'absent' });
    mkdirSync(path.join(pkg, 'dist'));
    expect(findElectronBinary(pkg, {})).toEqual({ kind: 'absent' });
    expect(findElectronBinary(null, {})).toEqual({ kind: 'absent' });
  });

  it.each(['electron', 'Electron.app/Contents/MacOS/Electron', 'electron.exe'])('finds dist/%s named by path.txt', (executable) => {
    file(path.join(pkg, 'path.txt'), `${executable}\n`);
    file(path.join(pkg, 'dist', executable));
    expect(findElectronBinary(pkg, {})).toEqual({ kind: 'present', path: path.join(pkg, 'dist', executable) });
  });

  it('reports broken, never absent, when path.txt names a binary that is missing', () => {
    file(path.join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(pkg, {})).toMatchObject({ kind: 'broken', reason: expect.stringContaining(path.join(pkg, 'dist', 'electron')) });
  });

  it('reports broken when dist/ holds an unfinished install without path.txt', () => {
    file(path.join(pkg, 'dist', 'electron'));
    expect(findElectronBinary(pkg, {})).toMatchObject({ kind: 'broken' });
  });

  it('takes ELECTRON_OVERRIDE_DIST_PATH over dist/, with the name from path.txt or "electron"', () => {
    const override = path.join(root, 'electron-dist');
    file(path.join(override, 'electron'));
    expect(findElectronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({ kind: 'present', path: path.join(override, 'electron') });
    expect(findElectronBinary(null, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({ kind: 'present', path: path.join(override, 'electron') });

    file(path.join(pkg, 'path.txt'), 'Electron.app/Contents/MacOS/Electron');
    file(path.join(pkg, 'dist', 'Electron.app/Contents/MacOS/Electron'));
    file(path.join(override, 'Electron.app/Contents/MacOS/Electron'));
    expect(findElectronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({ kind: 'present', path: path.join(override, 'Electron.app/Contents/MacOS/Electron') });
  });

  it('reports broken when ELECTRON_OVERRIDE_DIST_PATH points where there is no binary', () => {
    file(path.join(pkg, 'path.txt'), 'electron');
    file(path.join(pkg, 'dist', 'electron'));
    const missing = path.join(root, 'nowhere');
    expect(findElectronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: missing })).toMatchObject({ kind: 'broken', reason: expect.stringContaining(missing) });
  });
});
