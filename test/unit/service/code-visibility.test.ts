import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistoryLog, type HistoryLog } from '../../../electron/core/history/history-log.ts';
import { createService, type Service } from '../../../electron/core/service.ts';
import { createSettingsStore } from '../../../electron/core/settings/settings-store.ts';
import { withPolicy } from '../../../electron/core/settings/policy.ts';
import { startSimulator, type Simulator } from '../../../electron/core/api/simulator.ts';
import { createTokenVault } from '../../../electron/core/vault/token-vault.ts';
import { CODE_VISIBLE_MS } from '../../../shared/code.ts';
import { createHostCipher } from '../../host/host-cipher.ts';

let dir: string;
let clock: number;
let history: HistoryLog;
let sim: Simulator;
let service: Service;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-visibility-'));
  clock = Date.parse('2026-11-28T09:00:00Z');
  history = await openHistoryLog(path.join(dir, 'history.jsonl'), { now: () => clock });
  sim = await startSimulator();
  const kv = (name: string) => new Conf<Record<string, unknown>>({ cwd: dir, configName: name, clearInvalidConfig: false });
  service = createService({
    version: 't',
    env: { token: null, apiBase: null, dataDir: dir, policyFile: null, ignored: [] },
    settings: withPolicy(createSettingsStore(kv('settings'), { operatorName: 'op' }), { state: 'none' }),
    vault: createTokenVault(kv('vault'), createHostCipher(dir)),
    history,
    log: { info: () => {}, warn: () => {}, error: () => {} },
    sandboxBaseUrl: async () => sim.baseUrl,
    chooseExportFile: async () => null,
    writeExport: async () => 0,
    now: () => clock,
  });
});
afterEach(async () => {
  service.close();
  await history.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('codes in the history', () => {
  it('are shown for 90 seconds, then hidden until revealed', async () => {
    const { handlers } = service;
    const sent = await handlers['send:code']({ phone: '79243555100', code: '4321' });
    const firstPage = async () => (await handlers['history:page']({ query: {}, offset: 0, limit: 10 })).rows[0];

    clock += CODE_VISIBLE_MS - 1000;
    expect(await firstPage()).toMatchObject({ code: '4321', codeHidden: false });
    clock += 2000;
    expect(await firstPage()).toMatchObject({ code: null, codeHidden: true });
    expect(await handlers['history:reveal']({ id: sent.id })).toMatchObject({ code: '4321', codeHidden: false });
    expect(await firstPage()).toMatchObject({ code: '4321', codeHidden: false });
    await expect(handlers['history:reveal']({ id: 999 })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('retention', () => {
  it('drops records older than the setting as soon as it is changed', async () => {
    const { handlers } = service;
    await handlers['send:code']({ phone: '79243555100' });
    clock += 3 * 86_400_000;
    await handlers['send:code']({ phone: '79243555101' });
    await handlers['settings:update']({ retentionDays: 2 });
    let rows = (await handlers['history:page']({ query: {}, offset: 0, limit: 10 })).rows;
    for (let i = 0; i < 100 && rows.length !== 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      rows = (await handlers['history:page']({ query: {}, offset: 0, limit: 10 })).rows;
    }
    expect(rows.map((row) => row.phone)).toEqual(['79243555101']);
  });
});
