import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureElectron, ElectronInstallError } from '../../../scripts/electron-install.ts';

/**
 * The fetch path of `npm start`'s preflight, against a mirror on 127.0.0.1: the real installer of the
 * electron package runs in a COPY of that package in a temp folder, so node_modules/electron is never
 * touched. The archive it fetches holds a placeholder file where the binary goes; nothing runs it.
 */
const PROJECT = path.resolve(import.meta.dirname, '../../..');
const VERSION = (JSON.parse(await readFile(path.join(PROJECT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const ARCHIVE = `electron-v${VERSION}-${process.platform}-${process.arch}.zip`;
const BINARY_NAME = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
const PLACEHOLDER = 'placeholder for the installer test; not a program';
const archive = Buffer.from(zipSync({ version: strToU8(`v${VERSION}`), [BINARY_NAME]: strToU8(PLACEHOLDER) }));
const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

type Route = (request: IncomingMessage, response: ServerResponse) => void;

let root: string;
let packageDir: string;
let server: Server | null = null;
const requested: string[] = [];

/** A project-like folder: a copy of the electron package, beside links to its real dependencies. */
async function copyProject(): Promise<void> {
  root = await mkdtemp(path.join(os.tmpdir(), 'tgcode-install-test-'));
  packageDir = path.join(root, 'node_modules', 'electron');
  await cp(path.join(PROJECT, 'node_modules', 'electron'), packageDir, { recursive: true });
  for (const scope of ['@electron', '@electron-internal']) {
    await symlink(path.join(PROJECT, 'node_modules', scope), path.join(root, 'node_modules', scope), 'junction');
  }
}

async function serve(routes: Record<string, Route>): Promise<string> {
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    const route = routes[request.url ?? ''];
    if (route) route(request, response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const file = (body: Buffer | string): Route => (_request, response) => response.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
const mirrorOf = (shasums: string): Record<string, Route> => ({
  [`/v${VERSION}/${ARCHIVE}`]: file(archive),
  [`/v${VERSION}/SHASUMS256.txt`]: file(shasums),
});

function envFor(mirror: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // Only this test's mirror: no binary named from outside, no proxy between the test and 127.0.0.1.
  const rest = { ...process.env };
  for (const name of ['ELECTRON_EXEC_PATH', 'ELECTRON_OVERRIDE_DIST_PATH', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) delete rest[name];
  return { ...rest, ELECTRON_MIRROR: mirror, electron_config_cache: path.join(root, 'cache'), ...extra };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ElectronInstallError);
  return (error as Error).message;
}

beforeEach(async () => {
  requested.length = 0;
  await copyProject();
});

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
  await rm(root, { recursive: true, force: true });
});

describe('ensureElectron against a mirror', () => {
  it('fetches the archive and the mirror’s SHASUMS256.txt, and unpacks it where electron-vite looks (path.txt + dist/)', async () => {
    const mirror = await serve(mirrorOf(`${sha256(archive)} *${ARCHIVE}\n`));
    const lines: string[] = [];
    const binary = await ensureElectron({ packageDir, env: envFor(mirror, { electron_use_remote_checksums: '1' }), out: (text) => lines.push(text) });

    expect(binary).toBe(path.join(packageDir, 'dist', BINARY_NAME));
    expect(await readFile(path.join(packageDir, 'path.txt'), 'utf8')).toBe(BINARY_NAME);
    expect(await readFile(binary, 'utf8')).toBe(PLACEHOLDER);
    expect(requested).toEqual([`/v${VERSION}/${ARCHIVE}`, `/v${VERSION}/SHASUMS256.txt`]);
    expect(lines.join('')).toContain(`downloading ${mirror}v${VERSION}/${ARCHIVE}`);
  });

  it('a second run finds the binary and fetches nothing', async () => {
    const mirror = await serve(mirrorOf(`${sha256(archive)} *${ARCHIVE}\n`));
    const env = envFor(mirror, { electron_use_remote_checksums: '1' });
    await ensureElectron({ packageDir, env, out: () => undefined });
    requested.length = 0;
    await ensureElectron({ packageDir, env, out: () => undefined });
    expect(requested).toEqual([]);
  });

  it('rejects an archive that does not match the package’s own checksums.json (the default)', async () => {
    const mirror = await serve(mirrorOf(''));
    const message = await failure(ensureElectron({ packageDir, env: envFor(mirror), out: () => undefined }));
    expect(message).toContain('did not match expected checksum');
    expect(message).toContain('electron_use_remote_checksums=1');
  });

  it('rejects an archive that does not match the mirror’s SHASUMS256.txt', async () => {
    const mirror = await serve(mirrorOf(`${sha256('something else')} *${ARCHIVE}\n`));
    const message = await failure(ensureElectron({ packageDir, env: envFor(mirror, { electron_use_remote_checksums: '1' }), out: () => undefined }));
    expect(message).toContain('did not match expected checksum');
  });

  it('a mirror without the archive: names the URL and the server’s answer', async () => {
    const mirror = await serve({});
    const message = await failure(ensureElectron({ packageDir, env: envFor(mirror), out: () => undefined }));
    expect(message).toContain(`${mirror}v${VERSION}/${ARCHIVE}`);
    expect(message).toContain('404');
  });

  it('a server that never answers: gives up after the first-byte bound and says what to check', async () => {
    const mirror = await serve({ [`/v${VERSION}/${ARCHIVE}`]: () => undefined });
    const message = await failure(ensureElectron({ packageDir, env: envFor(mirror), firstByteMs: 1_000, out: () => undefined }));
    expect(message).toContain('no answer within 1 s');
    expect(message).toContain('HTTPS_PROXY');
  });

  it('a download that stops part-way: gives up after the stall bound', async () => {
    const mirror = await serve({
      [`/v${VERSION}/${ARCHIVE}`]: (_request, response) => {
        response.writeHead(200, { 'content-length': 10_000_000 });
        response.write(Buffer.alloc(100_000));
      },
    });
    const message = await failure(ensureElectron({ packageDir, env: envFor(mirror), stallMs: 1_000, out: () => undefined }));
    expect(message).toMatch(/the download stopped at \d+\.\d MB for 1 s/);
  });
});

describe('the prestart command (as package.json runs it)', () => {
  it('with an unreachable mirror, fails at once with what is missing and each fix', async () => {
    // The preflight scripts beside a copy of the package, so that their `electron` is the copy.
    await cp(path.join(PROJECT, 'scripts'), path.join(root, 'scripts'), { recursive: true });
    await cp(path.join(PROJECT, '.nvmrc'), path.join(root, '.nvmrc'));
    const refused = await serve({});
    await new Promise((resolve) => server!.close(resolve));
    server = null;
    const manifest = JSON.parse(await readFile(path.join(PROJECT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const child = spawn(manifest.scripts.prestart!, { cwd: root, shell: true, env: envFor(refused), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('close', resolve));

    expect(code).toBe(1);
    expect(stderr).toContain(`Electron ${VERSION} is not installed (node_modules/electron/path.txt is missing)`);
    expect(stderr).toContain(`tried: ${refused}v${VERSION}/${ARCHIVE}`);
    expect(stderr).toContain('ECONNREFUSED');
    for (const fix of ['ELECTRON_MIRROR=', 'HTTPS_PROXY=', path.join(root, 'cache'), 'ELECTRON_EXEC_PATH=']) expect(stderr).toContain(fix);
    await expect(readFile(path.join(packageDir, 'path.txt'))).rejects.toThrow();
  });
});
