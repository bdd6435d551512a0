import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openHistoryLog, type HistoryLog } from '../../../electron/core/history/history-log.ts';
import type { HistoryPort } from '../../../electron/core/ports.ts';
import type { RuntimeEnv } from '../../../electron/core/runtime-env.ts';
import { createService, type Service } from '../../../electron/core/service.ts';
import { createSettingsStore } from '../../../electron/core/settings/settings-store.ts';
import { withPolicy, type Policy } from '../../../electron/core/settings/policy.ts';
import { startSimulator, type Simulator } from '../../../electron/core/api/simulator.ts';
import { createTokenVault } from '../../../electron/core/vault/token-vault.ts';
import { createHostCipher } from '../../host/host-cipher.ts';
import { watchFileEvents } from '../history/fixtures/history-faults.ts';

const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';

let dir: string;
let history: HistoryLog;
let sandbox: Simulator;
let api: Simulator;
let service: Service;
const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-safety-'));
  history = await openHistoryLog(path.join(dir, 'history.jsonl'));
  sandbox = await startSimulator();
  api = await startSimulator({ tokens: [TOKEN] });
  vi.clearAllMocks();
});
afterEach(async () => {
  service.close();
  await history.close();
  await sandbox.close();
  await api.close();
  await rm(dir, { recursive: true, force: true });
});

function start(options: { env?: Partial<RuntimeEnv>; history?: HistoryPort; policy?: Policy } = {}) {
  const kv = (name: string) => new Conf<Record<string, unknown>>({ cwd: dir, configName: name, clearInvalidConfig: false });
  const settings = withPolicy(createSettingsStore(kv('settings'), { operatorName: 'op' }), options.policy ?? { state: 'none' });
  const vault = createTokenVault(kv('vault'), createHostCipher(dir));
  service = createService({
    version: 't',
    env: { token: null, apiBase: null, dataDir: dir, policyFile: null, ignored: [], ...options.env },
    settings,
    vault,
    history: options.history ?? history,
    log,
    sandboxBaseUrl: async () => sandbox.baseUrl,
    chooseExportFile: async () => null,
    writeExport: async () => 0,
    identity: { osUser: 'op', host: 'desk' },
  });
  return { handlers: service.handlers, settings, vault };
}

describe('under an administrator policy', () => {
  it('an invalid policy stops real sends with a clear refusal; the first run\'s simulator still works', async () => {
    // The API address is one a token may go to, so only the policy stands between the send and the API.
    const { handlers } = start({ env: { apiBase: api.baseUrl }, policy: { state: 'invalid', file: '/etc/tg-code-desk/policy.json', reason: 'not JSON' } });
    expect(await handlers['app:info'](undefined)).toMatchObject({ policy: 'invalid', lockedSettings: expect.arrayContaining(['mode', 'apiBaseUrl']) });
    expect(await handlers['send:code']({ phone: '79243555100' })).toMatchObject({ mode: 'sandbox', outcome: 'sent' });
    await handlers['token:set']({ token: TOKEN });
    await expect(handlers['send:code']({ phone: '79243555100', code: '4827' })).rejects.toMatchObject({ code: 'policy_invalid' });
    // Every attempt is on record: this one as not sent, for the policy, without the code it never sent.
    const { rows } = await handlers['history:page']({ query: {}, offset: 0, limit: 1 });
    expect(rows[0]).toMatchObject({ outcome: 'policy_invalid', delivery: 'not_sent', mode: 'production', code: null, error: 'the policy file is invalid' });
    // Nor does a balance request: it carries the token too.
    expect(await handlers['balance:get']({ refresh: true })).toMatchObject({ state: 'unknown', reason: 'policy_invalid' });
    expect(api.requests).toHaveLength(0);
    await expect(handlers['settings:update']({ mode: 'sandbox' })).rejects.toMatchObject({ code: 'setting_locked' });
  });

  it('a valid policy sets what it names; settings:update refuses those and saves the rest', async () => {
    const { handlers } = start({ policy: { state: 'active', file: '/etc/tg-code-desk/policy.json', settings: { apiBaseUrl: api.baseUrl, method: 'POST' } } });
    await handlers['token:set']({ token: TOKEN });
    expect(await handlers['send:code']({ phone: '79243555100' })).toMatchObject({ mode: 'production', outcome: 'sent' });
    expect(api.requests).toHaveLength(1);
    await expect(handlers['settings:update']({ apiBaseUrl: 'https://collector.example/api' })).rejects.toMatchObject({ code: 'setting_locked' });
    expect(await handlers['token:status'](undefined)).toMatchObject({ state: 'stored' });
    const view = await handlers['settings:update']({ language: 'en' });
    expect(view).toMatchObject({ policy: 'active', locked: ['apiBaseUrl', 'method'], settings: { language: 'en', method: 'POST', apiBaseUrl: api.baseUrl } });
  });
});

describe('the service never loses a send or hands the token elsewhere', () => {
  it('lets the request leave only once the attempt is synced to the history file', async () => {
    const file = path.join(dir, 'synced.jsonl');
    let release!: () => void;
    const synced = new Promise<void>((resolve) => (release = resolve));
    let syncsAsked = 0;
    watchFileEvents((op, target) => {
      if (op !== 'datasync' || target !== file) return undefined;
      syncsAsked += 1;
      return synced;
    });
    const durable = await openHistoryLog(file);
    try {
      const { handlers } = start({ history: durable });
      const sending = handlers['send:code']({ phone: '79243555100' });
      await vi.waitFor(() => expect(syncsAsked).toBe(1));
      // While the pending line's sync is under way, nothing reaches the API.
      await expect(vi.waitFor(() => expect(sandbox.requests).not.toHaveLength(0), { timeout: 300 })).rejects.toThrow();
      release();
      expect(await sending).toMatchObject({ outcome: 'sent' });
      expect(sandbox.requests).toHaveLength(1);
    } finally {
      release();
      await durable.close();
      vi.restoreAllMocks();
    }
  });

  it('still shows the outcome and the code when the history cannot record it', async () => {
    const failing: HistoryPort = {
      begin: (draft) => history.begin(draft),
      complete: () => Promise.reject(new Error('ENOSPC: no space left on device')),
      update: (id, change) => history.update(id, change),
      spent: (query) => history.spent(query),
      page: (query, offset, limit) => history.page(query, offset, limit),
      get: (id) => history.get(id),
      sendTimesSince: (phone, since) => history.sendTimesSince(phone, since),
      summary: (query) => history.summary(query),
      iterate: (query) => history.iterate(query),
      clear: () => history.clear(),
      applyRetention: (days) => history.applyRetention(days),
    };
    const { handlers } = start({ history: failing });
    const row = await handlers['send:code']({ phone: '79243555100' });
    expect(row).toMatchObject({ outcome: 'sent', delivery: 'sent' });
    expect(row.code).toMatch(/^\d{4}$/);
    expect(sandbox.requests).toHaveLength(1);
    expect(log.error).toHaveBeenCalledWith('history.complete_failed', expect.objectContaining({ id: row.id }));
    expect(log.info).toHaveBeenCalledWith('send', expect.objectContaining({ id: row.id, outcome: 'sent' }));
  });

  it('removes the stored token when the API address changes, so it cannot be sent to the new one', async () => {
    const { handlers } = start();
    await handlers['settings:update']({ apiBaseUrl: api.baseUrl });
    await handlers['token:set']({ token: TOKEN });
    expect((await handlers['send:code']({ phone: '79243555100' })).mode).toBe('production');
    expect(api.requests).toHaveLength(1);

    await handlers['settings:update']({ apiBaseUrl: 'https://collector.example/api' });
    expect(await handlers['token:status'](undefined)).toMatchObject({ state: 'none' });
    // Refused by name, not simulated: production was never left.
    await expect(handlers['send:code']({ phone: '79243555100' })).rejects.toMatchObject({ code: 'token_missing' });
    expect(api.requests).toHaveLength(1);
    expect(sandbox.requests).toHaveLength(0);
    // Other settings leave the token alone.
    await handlers['settings:update']({ apiBaseUrl: api.baseUrl });
    await handlers['token:set']({ token: TOKEN });
    await handlers['settings:update']({ timeoutMs: 5000, language: 'en' });
    expect(await handlers['token:status'](undefined)).toMatchObject({ state: 'stored' });
  });

  it('sends TGCODE_TOKEN only to TGCODE_API_BASE, whatever address the settings hold', async () => {
    const { handlers } = start({ env: { token: TOKEN, apiBase: api.baseUrl } });
    await handlers['settings:update']({ apiBaseUrl: 'http://127.0.0.1:9/elsewhere' });
    expect(await handlers['send:code']({ phone: '79243555100' })).toMatchObject({ mode: 'production', outcome: 'sent' });
    expect(api.requests).toHaveLength(1);
    expect(await handlers['app:info'](undefined)).toMatchObject({ apiHost: new URL(api.baseUrl).host });
  });

  it('with TGCODE_TOKEN and no TGCODE_API_BASE, production means the official API', async () => {
    const { handlers } = start({ env: { token: TOKEN } });
    await handlers['settings:update']({ apiBaseUrl: api.baseUrl });
    expect(await handlers['app:info'](undefined)).toMatchObject({ mode: 'production', apiHost: 'api.telefon-ip.ru' });
  });

  it('refuses to send when the stored token cannot be decrypted, instead of quietly using the simulator', async () => {
    const { handlers } = start();
    await handlers['settings:update']({ apiBaseUrl: api.baseUrl });
    await handlers['token:set']({ token: TOKEN });
    service.close();
    // Another OS user, or a reset keychain: the key the token was encrypted with is gone.
    await writeFile(path.join(dir, 'host-cipher.key'), Buffer.alloc(32, 7));
    const restarted = start();
    expect(await restarted.handlers['token:status'](undefined)).toMatchObject({ state: 'unreadable' });
    expect(await restarted.handlers['app:info'](undefined)).toMatchObject({ mode: 'production', sandboxReason: null });
    await expect(restarted.handlers['send:code']({ phone: '79243555100' })).rejects.toMatchObject({ code: 'token_unreadable' });
    expect(sandbox.requests).toHaveLength(0);
    expect(api.requests).toHaveLength(0);
  });
});
