import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openHistoryLog } from '../../electron/core/history/history-log.ts';
import type { SettingsPort, VaultPort } from '../../electron/core/ports.ts';
import { createService } from '../../electron/core/service.ts';
import { defaultSettings } from '../../electron/core/settings/settings-store.ts';
import { median, phoneOf, round, sample, writeHistory } from './history-bench.ts';

const RECORDS = 1_000_000;
const WARMUP = 50;
const ROUNDS = 500;

const unused = () => Promise.reject(new Error('not used by the guard bench'));

/**
 * Deciding the repeat-send guards for one send, as main does on the send path (`send:guard` runs the
 * same decision as `send:code` before its `begin`): the phone check, the local day, the index walk
 * over the recent window and the phone search in it, with 1,000,000 records in the history. The
 * clock stands 20 s after the newest record and the phone is that record's, so the cooldown applies.
 */
export async function benchGuard(): Promise<Record<string, number>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tgcode-guard-bench-'));
  try {
    const file = path.join(dir, 'history.jsonl');
    await writeHistory(file, RECORDS);
    const newest = sample(RECORDS - 1);
    const now = newest.startedAt + 20_000;
    const history = await openHistoryLog(file, { now: () => now });
    const settings: SettingsPort = {
      get: () => ({ settings: defaultSettings({ operatorName: 'bench' }), recoveredKeys: [], policy: 'none', locked: [] }),
      firstRunDone: () => true,
      endFirstRun: () => {},
      update: () => unused() as never,
      check: () => unused() as never,
    };
    const vault: VaultPort = { status: unused, set: unused, remove: unused, read: unused };
    const service = createService({
      version: 'bench',
      env: { token: null, apiBase: null, dataDir: dir, policyFile: null, ignored: [] },
      settings,
      vault,
      history,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      sandboxBaseUrl: unused,
      chooseExportFile: unused,
      writeExport: unused,
      identity: { osUser: 'bench', host: 'bench' },
      now: () => now,
    });
    try {
      const decide = service.handlers['send:guard'];
      const phone = phoneOf(RECORDS - 1);
      // The first call waits for the background index, as a send right after start-up would.
      const first = await decide({ phone });
      if (first.blocked?.rule !== 'cooldown') throw new Error('the bench send should be in its cooldown');
      for (let i = 0; i < WARMUP; i++) await decide({ phone });
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now();
        await decide({ phone: i % 2 === 0 ? phone : phoneOf(RECORDS - 2 - (i % 1000)) });
        times.push(performance.now() - started);
      }
      return { guard_check_1m_ms: round(median(times)), guard_check_1m_max_ms: round(Math.max(...times)) };
    } finally {
      service.close();
      await history.close();
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
