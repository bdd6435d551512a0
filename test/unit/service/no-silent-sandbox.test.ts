import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/core/api/simulator.ts';
import { openHistoryLog, type HistoryLog } from '../../../electron/core/history/history-log.ts';
import type { HistoryPort } from '../../../electron/core/ports.ts';
import type { RuntimeEnv } from '../../../electron/core/runtime-env.ts';
import { createService, type Service } from '../../../electron/core/service.ts';
import { createSettingsStore } from '../../../electron/core/settings/settings-store.ts';
import { createTokenVault } from '../../../electron/core/vault/token-vault.ts';
import { createHostCipher } from '../../host/host-cipher.ts';

const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';

let dir: string;
let history: HistoryLog;
let sandbox: Simulator;
let api: Simulator;
let service: Service | null = null;
const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-no-sim-'));
  history = await openHistoryLog(path.join(dir, 'history.jsonl'));
  sandbox = await startSimulator();
  api = await startSimulator({ tokens: [TOKEN] });
  vi.clearAllMocks();
});
afterEach(async () => {
  service?.close();
  service = null;
  await history.close();
  await Promise.all([sandbox.close(), api.close()]);
  await rm(dir, { recursive: true, force: true });
});

/** The service over stores in `dir`; calling it again is a restart of the app on the same data. */
function start(options: { env?: Partial<RuntimeEnv>; history?: HistoryPort } = {}) {
  service?.close();
  const kv = (name: string) => new Conf<Record<string, unknown>>({ cwd: dir, configName: name, clearInvalidConfig: false });
  service = createService({
    version: 't',
    env: { token: null, apiBase: null, dataDir: null, ignored: [], ...options.env },
    settings: createSettingsStore(kv('settings'), { operatorName: 'op' }),
    vault: createTokenVault(kv('vault'), createHostCipher(dir)),
    history: options.history ?? history,
    log,
    sandboxBaseUrl: async () => sandbox.baseUrl,
    chooseExportFile: async () => null,
    writeExport: async () => 0,
  });
  return service.handlers;
}

const send = (handlers: ReturnType<typeof start>) => handlers['send:code']({ phone: '79243555100', code: '1234' });
const nothingLeft = () => {
  expect(sandbox.requests).toEqual([]);
  expect(api.requests).toEqual([]);
};

describe('production without a usable token refuses; the simulator is never a silent stand-in', () => {
  it('uses the sandbox on a first run, before any choice, and says why', async () => {
    const handlers = start();
    expect(await handlers['app:info'](undefined)).toMatchObject({ mode: 'sandbox', sandboxReason: 'first_run' });
    expect(await send(handlers)).toMatchObject({ mode: 'sandbox', outcome: 'sent' });
    expect(sandbox.requests).toHaveLength(1);
  });

  it('refuses with "enter the token" once production is chosen and no token was ever set, and records the attempt', async () => {
    const handlers = start();
    await handlers['settings:update']({ mode: 'production' });
    expect(await handlers['app:info'](undefined)).toMatchObject({ mode: 'production', sandboxReason: null });
    await expect(send(handlers)).rejects.toMatchObject({ code: 'token_missing' });
    nothingLeft();
    const { records, total } = await history.page({}, 0, 10);
    expect(total).toBe(1);
    // Not sent, and the own code that never went anywhere is not kept as if it had.
    expect(records[0]).toMatchObject({ state: 'done', outcome: 'no_token', delivery: 'not_sent', mode: 'production', phone: '79243555100', code: null, httpStatus: null });
    // Still so after a restart: the choice is main's, not the renderer's.
    await expect(send(start())).rejects.toMatchObject({ code: 'token_missing' });
    nothingLeft();
  });

  it('refuses after the token is removed, even though no mode was ever picked', async () => {
    const handlers = start();
    await handlers['settings:update']({ apiBaseUrl: api.baseUrl });
    await handlers['token:set']({ token: TOKEN });
    await handlers['token:remove'](undefined);
    await expect(send(handlers)).rejects.toMatchObject({ code: 'token_missing' });
    nothingLeft();
  });

  it('refuses after an address change removed the token of an install from before the first-run record', async () => {
    // A stored token from an older version: no first-run record in settings.json.
    const first = start();
    await first['settings:update']({ apiBaseUrl: api.baseUrl });
    await first['token:set']({ token: TOKEN });
    const settingsFile = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', clearInvalidConfig: false });
    settingsFile.delete('firstRunDone');

    const handlers = start();
    await handlers['settings:update']({ apiBaseUrl: 'http://127.0.0.1:9/elsewhere' });
    expect(await handlers['app:info'](undefined)).toMatchObject({ mode: 'production', sandboxReason: null });
    await expect(send(handlers)).rejects.toMatchObject({ code: 'token_missing' });
    nothingLeft();
  });

  it('uses the sandbox when the operator chose it, token or not', async () => {
    const handlers = start();
    await handlers['settings:update']({ mode: 'sandbox', apiBaseUrl: api.baseUrl });
    await handlers['token:set']({ token: TOKEN });
    expect(await handlers['app:info'](undefined)).toMatchObject({ mode: 'sandbox', sandboxReason: 'chosen' });
    expect(await send(handlers)).toMatchObject({ mode: 'sandbox' });
    expect(api.requests).toEqual([]);
  });

  it('still refuses by name when the history cannot record the refusal', async () => {
    const failing: HistoryPort = {
      begin: () => Promise.reject(new Error('ENOSPC: no space left on device')),
      complete: (id, completion) => history.complete(id, completion),
      page: (query, offset, limit) => history.page(query, offset, limit),
      get: (id) => history.get(id),
      iterate: (query) => history.iterate(query),
      clear: () => history.clear(),
      applyRetention: (days) => history.applyRetention(days),
    };
    const handlers = start({ history: failing });
    await handlers['settings:update']({ mode: 'production' });
    await expect(send(handlers)).rejects.toMatchObject({ code: 'token_missing' });
    expect(log.error).toHaveBeenCalledWith('history.refusal_failed', expect.objectContaining({ problem: 'none' }));
    nothingLeft();
  });
});

describe('the environment overrides in force are named to the renderer, never their values', () => {
  it('lists them in app:info', async () => {
    const handlers = start({ env: { token: TOKEN, apiBase: api.baseUrl } });
    const info = await handlers['app:info'](undefined);
    expect(info).toMatchObject({ mode: 'production', overrides: ['apiBase', 'token'] });
    expect(JSON.stringify(info)).not.toContain(TOKEN);
    expect((await start()['app:info'](undefined)).overrides).toEqual([]);
  });
});
