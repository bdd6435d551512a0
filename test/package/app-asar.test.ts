import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Arch, build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_FORBIDDEN, checkAsar, type AsarReport } from '../tools/asar-check.ts';

/**
 * Builds the Linux `--dir` package the way `npm run dist` builds installers (electron-builder.yml), but
 * against a stand-in for the Electron folder that this test makes (electron-builder only copies it; it is
 * never run), and checks that app.asar holds exactly the built app, within budget.
 */
const PROJECT = path.resolve(import.meta.dirname, '../..');
const BUDGET_BYTES = 3_000_000;

let work: string;
let report: AsarReport;
let builtFiles: string[];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  if (!existsSync(path.join(PROJECT, 'out/main/index.js'))) throw new Error('out/ is missing: run `npm run build` first');
  work = await mkdtemp(path.join(os.tmpdir(), 'tgcode-package-'));
  const standIn = path.join(work, 'electron-dist-stand-in');
  await mkdir(path.join(standIn, 'resources'), { recursive: true });
  await writeFile(path.join(standIn, 'electron'), 'placeholder where the binary goes; never run\n', { mode: 0o755 });
  const { devDependencies } = JSON.parse(await readFile(path.join(PROJECT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  await writeFile(path.join(standIn, 'version'), devDependencies.electron!);
  await build({
    projectDir: PROJECT,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    // Fuses are flipped in the real binary at `npm run dist`; a stand-in has none to flip.
    config: { electronDist: standIn, electronFuses: null, directories: { output: path.join(work, 'dist') } },
  });
  // The app's three parts; out/host (the test host's bridge, from `npm run build`) must stay out.
  const parts = await Promise.all(['main', 'preload', 'renderer'].map((part) => filesUnder(path.join(PROJECT, 'out', part))));
  builtFiles = parts.flat().map((file) => `/${path.relative(PROJECT, file).split(path.sep).join('/')}`);
  report = checkAsar(path.join(work, 'dist/linux-unpacked/resources/app.asar'), {
    required: [...builtFiles.filter((file) => !file.endsWith('.map')), '/package.json'],
    entries: ['/out/main/index.js'],
    sandboxed: ['/out/preload/index.cjs'],
    forbidden: APP_FORBIDDEN,
    devPackages: Object.keys(devDependencies),
    budgetBytes: BUDGET_BYTES,
  });
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packaged app.asar', () => {
  it('holds the built main, preload and renderer, and nothing that is not the app', () => {
    expect(report.problems).toEqual([]);
    expect(report.files).toContain('/out/main/index.js');
    expect(report.files).toContain('/out/preload/index.cjs');
    expect(report.files).toContain('/out/renderer/index.html');
    expect(report.files.sort()).toEqual([...builtFiles.filter((file) => !file.endsWith('.map')), '/package.json'].sort());
  });

  it('main loads only Node built-ins and electron: its dependencies are bundled into out/', () => {
    expect(report.imports['/out/main/index.js']).toContain('electron');
    expect(report.imports['/out/main/index.js']!.filter((name) => name !== 'electron' && !isBuiltin(name))).toEqual([]);
  });

  it(`is within the ${BUDGET_BYTES / 1e6} MB budget`, () => {
    console.log(`app.asar: ${(report.sizeBytes / 1e6).toFixed(2)} MB, ${report.files.length} files`);
    expect(report.sizeBytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
