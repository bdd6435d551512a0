import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createElectronMock } from './mocks/electron.ts';

const electron = createElectronMock();
vi.mock('electron', () => electron);

const { registerAppScheme, serveRenderer } = await import('../../../electron/main/app-protocol.ts');

let dir: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-protocol-'));
  root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(root, 'assets', 'index.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), 'outside the renderer');
  // Electron's net.fetch of a file:// URL: the file's bytes, or a rejection when it cannot be read.
  electron.net.fetch.mockReset().mockImplementation(async (url: string) => new Response(await readFile(fileURLToPath(url)), { status: 200, headers: { 'content-type': 'text/plain' } }));
  electron.protocol.handle.mockReset();
  serveRenderer(root);
  expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  handler = electron.protocol.handle.mock.calls[0]![1] as typeof handler;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string) => handler(new Request(url));

function expectLockedDown(response: Response) {
  expect(response.headers.get('content-security-policy')).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('app:// protocol', () => {
  it('registers app:// as a standard, secure scheme', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it.each([
    ['app://renderer/index.html', 'index.html'],
    ['app://renderer/', 'index.html'],
    ['app://renderer/assets/index.js', 'assets/index.js'],
  ])('serves %s from the renderer folder with the CSP header', async (url, relative) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(await readFile(path.join(root, relative), 'utf8'));
    expect(response.headers.get('content-type')).toBe('text/plain');
    expectLockedDown(response);
  });

  it.each(['app://renderer/..%2Fsecret.txt', 'app://renderer/..%5Csecret.txt', 'app://renderer/%2e%2e%2fsecret.txt', 'app://other/secret.txt'])(
    'refuses %s, outside the renderer folder, without reading it',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('outside the renderer');
      expect(electron.net.fetch).not.toHaveBeenCalled();
      expectLockedDown(response);
    },
  );

  it.each(['app://renderer/missing.js', 'app://renderer/assets'])('answers 404 for %s, which is not a file there', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(electron.net.fetch).not.toHaveBeenCalled();
    expectLockedDown(response);
  });
});
