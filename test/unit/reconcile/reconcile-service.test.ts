import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readBillingAnswer, type BillingAnswer } from '../../../electron/core/api/billing-answer.ts';
import { startSimulator, type Simulator } from '../../../electron/core/api/simulator.ts';
import { openHistoryLog, type HistoryLog } from '../../../electron/core/history/history-log.ts';
import type { Service, ServiceDeps } from '../../../electron/core/service.ts';
import { sandboxService } from '../service/fixtures/sandbox-service.ts';

/** A get_billing_record answer as the account client reads it. */
const billed = (data: unknown): BillingAnswer => readBillingAnswer({ status: 200, body: JSON.stringify({ success: true, error: '', data }), retryAfter: undefined });

let dir: string;
let history: HistoryLog;
let sim: Simulator;
let service: Service;

function start(more: Partial<ServiceDeps> = {}): Service {
  service = sandboxService(dir, history, sim, more);
  return service;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-reconcile-'));
  history = await openHistoryLog(path.join(dir, 'history.jsonl'));
  sim = await startSimulator();
});
afterEach(async () => {
  service.close();
  await history.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('reconciliation against the simulator', () => {
  it('is clear when every billed send is one of this desk’s', async () => {
    const { handlers } = start();
    await handlers['send:code']({ phone: '79243555100' });
    await handlers['send:code']({ phone: '79243555101', code: '4321' });
    expect(await handlers['reconcile:last'](undefined)).toBeNull();
    expect(await handlers['reconcile:run'](undefined)).toMatchObject({ outcome: 'clear', mode: 'sandbox', fetched: 2, matched: 2, uncompared: 0, foreign: [], unseen: false, reason: null });
    expect(sim.billingRequests).toEqual([100]);
  });

  it('lists sends made by someone else with the token, masked, with time and price, until the operator has seen them', async () => {
    const { handlers } = start();
    await handlers['settings:update']({ reconcileCount: 50 });
    await handlers['send:code']({ phone: '79243555100' });
    sim.addForeignSends(1);
    const report = await handlers['reconcile:run'](undefined);
    expect(report).toMatchObject({ outcome: 'foreign', fetched: 2, matched: 1, unseen: true });
    expect(report.foreign).toHaveLength(1);
    expect(report.foreign[0]).toMatchObject({ phone: expect.stringMatching(/^\*{7}\d{4}$/), price: 0.2, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/) });
    expect(Math.abs(report.foreign[0]!.at! - Date.now())).toBeLessThan(60_000);
    expect(sim.billingRequests).toEqual([50]);

    expect(await handlers['reconcile:seen'](undefined)).toMatchObject({ outcome: 'foreign', unseen: false });
    expect(await handlers['reconcile:run'](undefined)).toMatchObject({ outcome: 'foreign', unseen: false });
    // A new one warns again.
    sim.addForeignSends(1);
    expect(await handlers['reconcile:run'](undefined)).toMatchObject({ outcome: 'foreign', unseen: true, foreign: [{}, {}] });
  });

  it('shows the foreign sends of the scenario number that makes them', async () => {
    const { handlers } = start();
    await handlers['send:code']({ phone: '79000000999' });
    expect(await handlers['reconcile:run'](undefined)).toMatchObject({ outcome: 'foreign', matched: 1, foreign: [{}, {}] });
  });

  it('never says clear for an answer it cannot read, nor when the service cannot be reached', async () => {
    const { handlers } = start();
    await handlers['send:code']({ phone: '79243555100' });
    for (const fault of ['schema_mismatch', 'non_json', 'server_error', 'success_false'] as const) {
      sim.queueFaults(fault);
      const report = await handlers['reconcile:run'](undefined);
      expect(report.outcome, fault).toBe('incomplete');
      expect(report.reason, fault).not.toBeNull();
    }
    sim.queueFaults('drop');
    expect(await handlers['reconcile:run'](undefined)).toMatchObject({ outcome: 'failed', reason: expect.any(String) });
  });

  it('reports transactions it could not compare, with foreign ones still listed', async () => {
    const answers = [
      [{ price: 0.2 }, 'x'],
      [{ phone: '79990001122', created_at: '2026-01-01T10:00:00' }, {}],
    ].map((data) => billed(data));
    const { handlers } = start({ fetchBilling: async () => answers.shift()! });
    expect(await handlers['reconcile:run'](undefined)).toMatchObject({ outcome: 'incomplete', fetched: 2, uncompared: 2, foreign: [] });
    expect(await handlers['reconcile:run'](undefined)).toMatchObject({ outcome: 'foreign', uncompared: 1, foreign: [{ phone: '*******1122', createdAt: '2026-01-01T10:00:00' }] });
  });

  it('runs by itself after the interval, and shares a run already under way', async () => {
    const fetchBilling = vi.fn(async () => billed([]));
    const { handlers } = start({ fetchBilling, reconcileEveryMs: 40 });
    await vi.waitFor(() => expect(fetchBilling).toHaveBeenCalled(), { timeout: 2_000 });
    expect(await handlers['reconcile:last'](undefined)).toMatchObject({ outcome: 'clear' });
    service.close();
    fetchBilling.mockClear();
    const both = await Promise.all([handlers['reconcile:run'](undefined), handlers['reconcile:run'](undefined)]);
    expect(both[0]).toBe(both[1]);
    expect(fetchBilling).toHaveBeenCalledTimes(1);
  });
});
