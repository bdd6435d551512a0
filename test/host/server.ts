/**
 * TEST ONLY, NEVER PACKAGED. Serves the built renderer to a plain browser and carries the IPC contract
 * over HTTP to the same app core the Electron shell runs, so browser tests exercise the real thing.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { z } from 'zod';
import { createAppCore, type AppCore } from '../../electron/core/app-core.ts';
import { hostUpdates } from './host-updates.ts';
import { resolveAppFile } from '../../electron/core/shell-policy/app-files.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/shell-policy/csp.ts';
import { dispatch } from '../../electron/core/dispatch.ts';
import type { KeyValueStore } from '../../electron/core/settings/key-value-store.ts';
import { readRuntimeEnv } from '../../electron/core/runtime-env.ts';
import { readDeskIdentity } from '../../electron/core/desk-identity.ts';
import { FAULTS } from '../../electron/core/api/simulator.ts';
import { createHostCipher } from './host-cipher.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const BRIDGE_FILE = path.join(PROJECT_ROOT, 'out/host/bridge.js');
const BRIDGE_PATH = '/__host/bridge.js';
const MAX_BODY_BYTES = 256 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const FaultsBody = z.object({ faults: z.array(z.enum(FAULTS)).max(100) });

export interface HostOptions {
  /** TGCODE_API_BASE, TGCODE_TOKEN, TGCODE_DATA_DIR (a new temp folder when absent), TGCODE_POLICY_FILE. */
  env: Record<string, string | undefined>;
  /** A data folder the caller owns, given without the environment (so the header shows no QA override). */
  dataDir?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer, `out/renderer` by default (from `npm run build`). */
  rendererDir?: string;
}

export interface Host {
  url: string;
  dataDir: string;
  core: AppCore;
  close(): Promise<void>;
}

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export async function startHost(options: HostOptions): Promise<Host> {
  const rendererDir = path.resolve(PROJECT_ROOT, options.rendererDir ?? 'out/renderer');
  const indexHtml = withBridge(readFileSync(path.join(rendererDir, 'index.html'), 'utf8'));
  // The host is never packaged: the QA variables always apply, as in a development build.
  const env = readRuntimeEnv(options.env, { packaged: false, argv: [] });
  const given = options.dataDir ?? env.dataDir;
  const ownsDataDir = given === null;
  const dataDir = path.resolve(given ?? (await mkdtemp(path.join(os.tmpdir(), 'tgcode-host-'))));
  const exportsDir = path.join(dataDir, 'exports');
  const version = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  const core = await createAppCore({
    version,
    dataDir,
    env,
    cipher: createHostCipher(dataDir, options.env.TGCODE_HOST_KEYRING),
    // 0600 as the app's electron-store: settings and the vault are this account's alone.
    openStore: (name): KeyValueStore => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: name, clearInvalidConfig: false, configFileMode: 0o600 }),
    // No dialog in a browser: every export lands in <dataDir>/exports under its suggested name.
    chooseExportFile: async (suggestedName) => {
      await mkdir(exportsDir, { recursive: true });
      return path.join(exportsDir, path.basename(suggestedName));
    },
    defaultOperatorName: 'QA',
    identity: readDeskIdentity(),
    // The test machine's own /etc policy must not leak into tests: only TGCODE_POLICY_FILE counts here.
    policyFile: env.policyFile,
    updates: hostUpdates(options.env),
  });

  let expectedHost = '';
  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    // A page on another name that resolves here (DNS rebinding) must not reach the contract.
    if (req.headers.host !== expectedHost) throw new HttpError(403, 'unexpected Host header');
    const url = new URL(req.url ?? '/', `http://${expectedHost}`);
    if (req.method === 'POST') {
      // JSON only: a cross-site form cannot send it without a CORS preflight, which is never granted.
      if (!/^application\/json(;|$)/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'JSON only');
      const body = await readJson(req);
      if (url.pathname.startsWith('/__ipc/')) {
        // The channel is matched as sent; an unknown one gets the contract's own 'unknown channel' answer.
        const channel = decodePath(url.pathname.slice('/__ipc/'.length));
        return sendJson(res, 200, await dispatch(core.handlers, channel, body, core.log));
      }
      if (url.pathname === '/__host/simulator/faults') {
        const parsed = FaultsBody.safeParse(body);
        if (!parsed.success) throw new HttpError(400, 'expected { faults: Fault[] }');
        (await sandboxSimulator(core)).queueFaults(...parsed.data.faults);
        return sendJson(res, 200, { queued: parsed.data.faults.length });
      }
      throw new HttpError(404, 'not found');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    if (url.pathname === '/__host/simulator/requests') return sendJson(res, 200, (await sandboxSimulator(core)).requests);
    if (url.pathname === BRIDGE_PATH) return sendFile(res, BRIDGE_FILE, await readFile(BRIDGE_FILE));
    if (url.pathname === '/' || url.pathname === '/index.html') return sendFile(res, 'index.html', Buffer.from(indexHtml));
    const file = resolveAppFile(rendererDir, `app://renderer${url.pathname}`);
    if (file === null) throw new HttpError(404, 'not found');
    return sendFile(res, file, await readFile(file));
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : (error as NodeJS.ErrnoException).code === 'ENOENT' ? 404 : 500;
      if (status === 500) core.log.error('host.failed', { error: error instanceof Error ? error.message : String(error) });
      const message = error instanceof HttpError ? error.message : status === 404 ? 'not found' : 'internal error';
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;

  return {
    url: `http://${expectedHost}/`,
    dataDir,
    core,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The bridge is a classic script placed before the module script, so `window.tgcode` exists first. */
function withBridge(html: string): string {
  const moduleScript = /<script type="module"/;
  if (!moduleScript.test(html)) throw new Error('index.html has no module script to put the bridge before');
  return html.replace(moduleScript, `<script src="${BRIDGE_PATH}"></script>\n    $&`);
}

/** The tests reach the simulator the app core started; the first look starts it, as sandbox mode would. */
async function sandboxSimulator(core: AppCore) {
  if (core.sandboxSimulator() === null) await core.handlers['app:info'](undefined);
  const simulator = core.sandboxSimulator();
  if (simulator === null) throw new HttpError(409, 'the app is not in sandbox mode, so it runs no simulator');
  return simulator;
}

function decodePath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'malformed path');
  }
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  // Channels without a request (`app:info`) are sent with an empty body.
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

function securityHeaders(type: string): Record<string, string> {
  return {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

function sendFile(res: http.ServerResponse, file: string, body: Buffer): void {
  res.writeHead(200, { ...securityHeaders(TYPES[path.extname(file)] ?? 'application/octet-stream'), 'content-length': body.length });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { ...securityHeaders('application/json; charset=utf-8'), 'content-length': body.length });
  res.end(body);
}
