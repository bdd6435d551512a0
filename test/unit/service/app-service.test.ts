import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core.ts';
import { dispatch } from '../../../electron/core/dispatch.ts';
import type { KeyValueStore } from '../../../electron/core/settings/key-value-store.ts';
import { startSimulator, type Simulator } from '../../../electron/core/api/simulator.ts';
import { createClient, type TgCodeApi } from '../../../shared/client.ts';
import { createHostCipher } from '../../host/host-cipher.ts';

const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';

let dataDir: string;
let core: AppCore | null = null;
let external: Simulator | null = null;
let exportTarget: string | null = null;

beforeEach(async () => {
  exportTarget = null;
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-service-'));
});
afterEach(async () => {
  await core?.close();
  await external?.close();
  core = null;
  external = null;
  await rm(dataDir, { recursive: true, force: true });
});

/** The real main-process core, reached through the contract exactly as the renderer reaches it. */
async function start(env: { token?: string; apiBase?: string } = {}): Promise<TgCodeApi> {
  core = await createAppCore({
    version: '1.2.3',
    dataDir,
    env: { token: env.token ?? null, apiBase: env.apiBase ?? null, dataDir, policyFile: null, ignored: [] },
    cipher: createHostCipher(dataDir),
    openStore: (name): KeyValueStore => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: name, clearInvalidConfig: false }),
    chooseExportFile: async (name) => exportTarget ?? path.join(dataDir, name),
    defaultOperatorName: 'Ирина',
    identity: { osUser: 'irina.k', host: 'desk-07' },
    policyFile: null,
  });
  const handlers = core.handlers;
  return createClient((channel, request) => dispatch(handlers, channel, request));
}

describe('service through the contract', () => {
  it('sends in sandbox mode without a token and records the attempt', async () => {
    const api = await start();
    expect(await api.app.info()).toMatchObject({ version: '1.2.3', mode: 'sandbox', sandboxReason: 'first_run', language: 'ru', overrides: ['dataDir'] });
    const row = await api.send.code({ phone: '+7 (924) 355-51-00', code: '0420' });
    expect(row).toMatchObject({ state: 'done', phone: '79243555100', code: '0420', codeSource: 'own', outcome: 'sent', delivery: 'sent', mode: 'sandbox', sentBy: 'Ирина', status: true, statusInfo: 'send ok', channel: 'telegram', codeHidden: false });
    expect(core!.sandboxSimulator()!.requests).toEqual([{ method: 'GET', phone: '79243555100', code: '0420' }]);
    const page = await api.history.page({ query: {}, offset: 0, limit: 10 });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ id: row.id, outcome: 'sent', code: '0420' });
  });

  it('uses the production target with a token, honouring method and phone prefix settings', async () => {
    external = await startSimulator({ tokens: [TOKEN] });
    const api = await start({ token: TOKEN, apiBase: external.baseUrl });
    await api.settings.update({ method: 'POST', phonePrefix: '8' });
    expect(await api.token.status()).toMatchObject({ state: 'environment', hint: 'd4b4' });
    expect(await api.app.info()).toMatchObject({ mode: 'production', sandboxReason: null, apiHost: new URL(external.baseUrl).host });
    const row = await api.send.code({ phone: '9243555100' });
    expect(row).toMatchObject({ outcome: 'sent', mode: 'production', codeSource: 'generated' });
    expect(row.code).toMatch(/^\d{4}$/);
    expect(external.requests).toEqual([{ method: 'POST', phone: '89243555100', code: null }]);
    await api.settings.update({ mode: 'sandbox' });
    expect(await api.app.info()).toMatchObject({ mode: 'sandbox', sandboxReason: 'chosen' });
    expect((await api.send.code({ phone: '9243555100' })).mode).toBe('sandbox');
    expect(external.requests).toHaveLength(1);
  });

  it('rejects an invalid phone in main too, sending and recording nothing', async () => {
    const api = await start();
    await expect(api.send.code({ phone: '+7 495 123-45-67' })).rejects.toMatchObject({ code: 'invalid_phone' });
    expect((await api.history.page({ query: {}, offset: 0, limit: 10 })).total).toBe(0);
    expect(core!.sandboxSimulator()?.requests ?? []).toHaveLength(0);
  });

  it('records every outcome, each exactly once', async () => {
    const api = await start();
    await api.settings.update({ timeoutMs: 1000 });
    const phones = ['79000000400', '79000000401', '79000000429', '79000000500', '79000000502', '79000000201', '79000000202', '79000000203', '79000000204', '79000000444', '79000000408'];
    const rows = [];
    for (const phone of phones) rows.push(await api.send.code({ phone }));
    expect(rows.map((row) => row.outcome)).toEqual([
      'invalid_phone', 'unauthorized', 'rate_limited', 'server_error', 'server_error',
      'unexpected_response', 'unexpected_response', 'unexpected_response', 'no_telegram', 'network_error', 'timeout',
    ]);
    expect(rows.find((row) => row.outcome === 'timeout')).toMatchObject({ delivery: 'unknown', httpStatus: null });
    const page = await api.history.page({ query: {}, offset: 0, limit: 50 });
    expect(page.total).toBe(phones.length);
    expect(page.rows.every((row) => row.state === 'done')).toBe(true);
  });

  it('does not keep codes when told not to, but still shows the one just sent', async () => {
    const api = await start();
    await api.settings.update({ keepCodes: false });
    const row = await api.send.code({ phone: '79243555100', code: '1111' });
    expect(row.code).toBe('1111');
    const [stored] = (await api.history.page({ query: {}, offset: 0, limit: 1 })).rows;
    expect(stored).toMatchObject({ id: row.id, code: null, codeHidden: false });
    expect(await readFile(path.join(dataDir, 'history', 'history.jsonl'), 'utf8')).not.toContain('1111');
  });

  it('exports the history as CSV through the chosen file', async () => {
    const api = await start();
    await api.send.code({ phone: '79243555100', code: '1234' });
    await api.send.code({ phone: '79000000429' });
    const result = await api.history.export({ query: { outcomes: ['rate_limited'] } });
    expect(result).toMatchObject({ status: 'saved', count: 1 });
    const csv = await readFile(path.join(dataDir, result.fileName!), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('refuses to export over the app’s own files', async () => {
    const api = await start();
    await api.send.code({ phone: '79243555100' });
    for (const target of ['history/history.jsonl', 'vault.json', 'settings.json', 'logs/tgcode.log']) {
      exportTarget = path.join(dataDir, target);
      await expect(api.history.export({ query: {} })).rejects.toMatchObject({ code: 'invalid_request' });
    }
    expect((await api.history.page({ query: {}, offset: 0, limit: 10 })).total).toBe(1);
  });

  it('clears the history', async () => {
    const api = await start();
    await api.send.code({ phone: '79243555100' });
    expect(await api.history.clear()).toEqual({ removed: 1 });
    expect((await api.history.page({ query: {}, offset: 0, limit: 10 })).total).toBe(0);
  });

  it('keeps the token to itself: set, status and remove never return it', async () => {
    const api = await start();
    const status = await api.token.set({ token: `  ${TOKEN}\n` });
    expect(status).toEqual({ state: 'stored', hint: 'd4b4', storage: 'secure' });
    expect(JSON.stringify(await api.token.status())).not.toContain(TOKEN);
    await expect(api.token.set({ token: 'not a token' })).rejects.toMatchObject({ code: 'invalid_token' });
    expect(await api.token.remove()).toMatchObject({ state: 'none', hint: null });
    // A token was entered, so the first run is over: without one, production refuses instead of simulating.
    expect(await api.app.info()).toMatchObject({ mode: 'production', sandboxReason: null });
    await expect(api.send.code({ phone: '79243555100' })).rejects.toMatchObject({ code: 'token_missing' });
    expect(core!.sandboxSimulator()?.requests ?? []).toEqual([]);
  });
});
