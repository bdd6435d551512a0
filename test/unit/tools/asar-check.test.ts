import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import asar from '@electron/asar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_FORBIDDEN, checkAsar, runtimeImports, type AsarRules } from '../../tools/asar-check.ts';

let dir: string;

const RULES: AsarRules = {
  required: ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html'],
  entries: ['/out/main/index.js'],
  sandboxed: ['/out/preload/index.cjs'],
  forbidden: APP_FORBIDDEN,
  devPackages: ['vitest'],
  budgetBytes: 100_000,
};

const APP: Record<string, string> = {
  'out/main/index.js': 'import fs from "node:fs";\nimport { app } from "electron";\nimport Store from "kept-store";\n',
  'out/preload/index.cjs': 'const { contextBridge } = require("electron");\n',
  'out/renderer/index.html': '<!doctype html>',
  'node_modules/kept-store/package.json': '{"name":"kept-store"}',
  'package.json': '{"name":"app"}',
};

/** Packs the given files (relative paths) into an asar and checks it. */
async function packAndCheck(extra: Record<string, string>, rules: Partial<AsarRules> = {}): Promise<string[]> {
  const source = path.join(dir, 'app');
  for (const [file, text] of Object.entries({ ...APP, ...extra })) {
    await mkdir(path.dirname(path.join(source, file)), { recursive: true });
    await writeFile(path.join(source, file), text);
  }
  const archive = path.join(dir, 'app.asar');
  await asar.createPackage(source, archive);
  return checkAsar(archive, { ...RULES, ...rules }).problems;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-asar-check-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkAsar', () => {
  it('passes an archive of exactly the app', async () => {
    expect(await packAndCheck({})).toEqual([]);
  });

  it('fails on a packed test file', async () => {
    expect(await packAndCheck({ 'out/main/send.test.js': '' })).toEqual(['a test: /out/main/send.test.js']);
  });

  it('fails on a source map', async () => {
    expect(await packAndCheck({ 'out/main/index.js.map': '{}' })).toEqual(['a source map: /out/main/index.js.map']);
  });

  it('fails on sources, the test host, docs and a development package', async () => {
    const problems = await packAndCheck({
      'electron/core/service.ts': '',
      'test/host/server.js': '',
      'out/host/bridge.js': '',
      'docs/release.txt': '',
      'node_modules/vitest/package.json': '{"name":"vitest"}',
    });
    expect(problems.sort()).toEqual([
      'a TypeScript source: /electron/core/service.ts',
      'a development package: vitest',
      'documentation: /docs/release.txt',
      'test code (tests, test host, tools): /test/host/server.js',
      'the test host: /out/host/bridge.js',
    ]);
  });

  it('fails when a built file is missing', async () => {
    expect(await packAndCheck({}, { required: [...RULES.required, '/out/renderer/assets/index.js'] })).toEqual(['missing: /out/renderer/assets/index.js']);
  });

  it('fails when main loads a package the archive does not hold', async () => {
    const problems = await packAndCheck({ 'out/main/index.js': 'import "node:path";\nconst z = require("zod/v4");\n' });
    expect(problems).toEqual(['/out/main/index.js loads zod/v4, which is not in the archive']);
  });

  it('fails when the sandboxed preload loads anything but electron', async () => {
    const problems = await packAndCheck({ 'out/preload/index.cjs': 'require("electron"); require("node:fs");' });
    expect(problems).toEqual(['/out/preload/index.cjs loads node:fs, which a sandboxed preload cannot']);
  });

  it('fails over the size budget', async () => {
    const [problem] = await packAndCheck({ 'out/renderer/big.bin': 'x'.repeat(200_000) });
    expect(problem).toMatch(/^0\.20 MB is over the budget of 0\.10 MB$/);
  });
});

describe('runtimeImports', () => {
  it('finds static, dynamic and bundled require loads, not the word require in generated-code strings', () => {
    const code = [
      'import a from "a";',
      'export * from "b";',
      'const c = await import("c");',
      'const d = __require("d");',
      'const e = require("e");',
      'const template = `require("not-loaded")`;',
    ].join('\n');
    expect(runtimeImports(code)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
