import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';

const SCRIPT = path.resolve(import.meta.dirname, '../../../scripts/check-node.mjs');
let dir: string | null = null;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

/** Runs the check beside an .nvmrc that names `wanted`. */
async function check(wanted: string) {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-check-node-'));
  await mkdir(path.join(dir, 'scripts'));
  await cp(SCRIPT, path.join(dir, 'scripts', 'check-node.mjs'));
  await writeFile(path.join(dir, '.nvmrc'), `${wanted}\n`);
  return spawnSync(process.execPath, [path.join(dir, 'scripts', 'check-node.mjs')], { encoding: 'utf8' });
}

it('passes on the Node that .nvmrc names', async () => {
  expect((await check(process.versions.node.split('.')[0]!)).status).toBe(0);
});

it('stops another Node with what to install', async () => {
  const result = await check('99');
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`This project needs Node.js 99 (the Node that its Electron embeds); this is Node ${process.versions.node}.`);
  expect(result.stderr).toContain('Install Node 99');
});
