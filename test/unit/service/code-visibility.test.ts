import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistoryLog, type HistoryLog } from '../../../electron/core/history/history-log.ts';
import type { Service } from '../../../electron/core/service.ts';
import { startSimulator, type Simulator } from '../../../electron/core/api/simulator.ts';
import { CODE_VISIBLE_MS } from '../../../shared/code.ts';
import { sandboxService } from './fixtures/sandbox-service.ts';

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
  service = sandboxService(dir, history, sim, { now: () => clock });
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
