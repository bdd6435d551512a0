import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { startSimulator } from '../../electron/core/api/simulator.ts';
import { dispatch } from '../../electron/core/dispatch.ts';
import { openHistoryLog } from '../../electron/core/history/history-log.ts';
import { createService } from '../../electron/core/service.ts';
import { withPolicy } from '../../electron/core/settings/policy.ts';
import { createSettingsStore } from '../../electron/core/settings/settings-store.ts';
import { createUpdateController } from '../../electron/core/update/update-controller.ts';
import { createTokenVault } from '../../electron/core/vault/token-vault.ts';
import { createClient } from '../../shared/client.ts';
import { createHostCipher } from '../host/host-cipher.ts';

const CHECKS = 300;
const SENDS = 1_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The operator's loop after a send, through the contract as the renderer reaches it (request and
 * answer validated on both sides, the service, the history): `check_ms` is one check of the caller's
 * code (judged in main and written durably, one fsynced line), the median of many; `status_refresh_1k_ms`
 * refreshes the delivery status of 1,000 recorded sends at once against the simulator, which the service
 * runs with its bounded concurrency (status-tracker.ts), each answer recorded durably.
 */
export async function benchLoop(): Promise<Record<string, number>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tgcode-bench-loop-'));
  const simulator = await startSimulator();
  const history = await openHistoryLog(path.join(dir, 'history.jsonl'));
  const kv = (name: string) => new Conf<Record<string, unknown>>({ cwd: dir, configName: name, clearInvalidConfig: false });
  const service = createService({
    version: 'bench',
    env: { token: null, apiBase: null, ignored: [], dataDir: dir, policyFile: null },
    settings: withPolicy(createSettingsStore(kv('settings'), { operatorName: 'bench' }), { state: 'none' }),
    vault: createTokenVault(kv('vault'), createHostCipher(dir)),
    history,
    log: quiet,
    sandboxBaseUrl: async () => simulator.baseUrl,
    chooseExportFile: async () => null,
    writeExport: async () => 0,
    identity: { osUser: 'bench', host: 'bench' },
    // No polls after the sends: the refresh below is the only status traffic measured.
    statusDelaysMs: [],
  });
  const handlers = { ...service.handlers, ...createUpdateController({ engine: null, offReason: 'bench', log: quiet, busy: () => false }).handlers };
  const api = createClient((channel, request) => dispatch(handlers, channel, request));
  try {
    const sent = await api.send.code({ phone: '79243555100', code: '4827' });
    const times: number[] = [];
    for (let i = 0; i < CHECKS; i++) {
      const started = performance.now();
      const reply = await api.check.code({ id: sent.id, code: '4827' });
      times.push(performance.now() - started);
      if (reply.verdict !== 'match') throw new Error(`bench check answered ${reply.verdict}`);
    }

    const ids: number[] = [];
    for (let i = 0; i < SENDS; i++) ids.push((await api.send.code({ phone: `7924${String(i).padStart(7, '0')}` })).id);
    const started = performance.now();
    const rows = await Promise.all(ids.map((id) => api.status.refresh({ id })));
    const refreshMs = performance.now() - started;
    // One answered request per send, each recorded (the simulator keeps only its newest requests, so the
    // records are what is counted).
    if (rows.some((row) => row.providerStatus?.state !== 'known' || row.providerStatus.requests !== 1)) throw new Error('a bench status refresh did not come back known, once');
    return { check_ms: round(median(times)), status_refresh_1k_ms: Math.round(refreshMs) };
  } finally {
    service.close();
    await history.close();
    await simulator.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
