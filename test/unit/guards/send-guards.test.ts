import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/core/api/simulator.ts';
import { dispatch } from '../../../electron/core/dispatch.ts';
import { openHistoryLog, type HistoryLog } from '../../../electron/core/history/history-log.ts';
import type { Service } from '../../../electron/core/service.ts';
import { withPolicy, type Policy } from '../../../electron/core/settings/policy.ts';
import { createSettingsStore } from '../../../electron/core/settings/settings-store.ts';
import { errorFactsOf } from '../../../shared/contract-error.ts';
import type { Handlers } from '../../../shared/contract.ts';
import type { SettingsPatch } from '../../../shared/settings-schema.ts';
import { sandboxService, storeIn } from '../service/fixtures/sandbox-service.ts';

const PHONE = '79243555100';
// Vladivostok is UTC+10 all year: its midnight is 14:00 UTC, far from UTC's own.
const ZONE = 'Asia/Vladivostok';
const T0 = Date.parse('2026-11-28T03:00:00Z');

let dir: string;
let clock: number;
let history: HistoryLog;
let sim: Simulator;
let service: Service;

async function open(policy: Policy = { state: 'none' }): Promise<Service> {
  history = await openHistoryLog(path.join(dir, 'history', 'history.jsonl'), { now: () => clock });
  service = sandboxService(dir, history, sim, {
    settings: withPolicy(createSettingsStore(storeIn(dir, 'settings'), { operatorName: 'Ирина' }), policy),
    identity: { osUser: 'irina.k', host: 'desk-07' },
    now: () => clock,
    timeZone: ZONE,
  });
  return service;
}

async function reopen(policy?: Policy): Promise<Service> {
  service.close();
  await history.close();
  return open(policy);
}

const handlers = () => service.handlers;
// The service's channels through the contract's validation, as the renderer reaches them (the update
// channels, which the app core adds, are not used here).
const viaContract = (channel: string, request: unknown) => dispatch(service.handlers as Handlers, channel, request);
const send = (request: { phone?: string; code?: string; confirmRepeat?: true } = {}) => handlers()['send:code']({ phone: PHONE, ...request });
const limits = (patch: SettingsPatch) => handlers()['settings:update'](patch);
const records = async () => (await handlers()['history:page']({ query: {}, offset: 0, limit: 500 })).rows;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-guards-'));
  clock = T0;
  sim = await startSimulator();
  await open();
});
afterEach(async () => {
  service.close();
  await history.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('cooldown', () => {
  it('refuses the same number 59 s after a send and records the refusal; 60 s after, it is a question, not a refusal', async () => {
    expect((await send()).outcome).toBe('sent');
    clock = T0 + 59_000;
    const blocked = await send({ confirmRepeat: true });
    expect(blocked).toMatchObject({ outcome: 'blocked', delivery: 'not_sent', state: 'done', code: null, blockedBy: { rule: 'cooldown', cooldownSeconds: 60, lastSentAt: T0, secondsLeft: 1 } });
    expect(sim.requests).toHaveLength(1);
    clock = T0 + 60_000;
    await expect(send()).rejects.toMatchObject({ code: 'confirm_repeat' });
    expect((await send({ confirmRepeat: true })).outcome).toBe('sent');
    expect(sim.requests).toHaveLength(2);
    expect((await records()).map((row) => row.outcome)).toEqual(['sent', 'blocked', 'sent']);
  });

  it('runs from the last attempt that may have delivered a code, not from refusals', async () => {
    await limits({ dailyCapPerPhone: 0 });
    // 400 from the service: no code went anywhere, so nothing to wait for.
    expect((await send({ phone: '79000000400' })).delivery).toBe('not_sent');
    clock += 1_000;
    expect((await send({ phone: '79000000400' })).outcome).toBe('invalid_phone');
    // A dropped connection may have delivered one: it counts.
    sim.queueFaults('drop');
    expect((await send()).delivery).toBe('unknown');
    clock += 30_000;
    expect((await send({ confirmRepeat: true })).blockedBy).toMatchObject({ rule: 'cooldown', secondsLeft: 30 });
    // The blocked attempt itself does not restart the cooldown.
    clock += 30_000;
    expect((await send({ confirmRepeat: true })).outcome).toBe('sent');
  });

  it('is off at 0, leaving the still-visible question', async () => {
    await limits({ cooldownSeconds: 0 });
    await send();
    clock += 1_000;
    await expect(send()).rejects.toMatchObject({ code: 'confirm_repeat' });
    expect((await send({ confirmRepeat: true })).outcome).toBe('sent');
  });

  it('applies to sandbox scenario numbers and own codes alike', async () => {
    await send({ phone: '79000000500' });
    clock += 10_000;
    expect((await send({ phone: '79000000500', confirmRepeat: true })).outcome).toBe('blocked');
    await send({ phone: '79243555101', code: '1234' });
    clock += 10_000;
    expect((await send({ phone: '79243555101', code: '4321', confirmRepeat: true })).outcome).toBe('blocked');
    expect(sim.requests.map((request) => request.phone)).toEqual(['79000000500', '79243555101']);
  });
});

describe('a code still visible in Telegram', () => {
  it('asks before a send 89.999 s after the last one, with when it was sent, and sends nothing until confirmed', async () => {
    await limits({ cooldownSeconds: 0 });
    await send();
    clock = T0 + 89_999;
    const refusal = await send().then(() => null, (error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'confirm_repeat' });
    expect(errorFactsOf(refusal)).toEqual({ sentAt: T0, ageSeconds: 89 });
    // A question is not an attempt: nothing recorded, nothing sent.
    expect(await records()).toHaveLength(1);
    expect(sim.requests).toHaveLength(1);
    clock = T0 + 90_000;
    expect((await send()).outcome).toBe('sent');
  });

  it('carries the time across the contract, where the renderer reads it', async () => {
    await send();
    clock = T0 + 75_000;
    const envelope = await viaContract('send:code', { phone: PHONE });
    expect(envelope).toEqual({ ok: false, error: { code: 'confirm_repeat', message: 'a code sent 75 s ago is still visible', facts: { sentAt: T0, ageSeconds: 75 } } });
  });

  it('is refused by the contract when the confirmation is anything but true', async () => {
    for (const confirmRepeat of [false, 'yes', 1]) {
      expect(await viaContract('send:code', { phone: PHONE, confirmRepeat })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
  });
});

describe('daily cap', () => {
  beforeEach(async () => {
    await limits({ cooldownSeconds: 0 });
  });

  it('lets the 5th send of the local day through and blocks the 6th, saying how many', async () => {
    for (let i = 0; i < 5; i++) {
      clock = T0 + i * 100_000;
      expect((await send({ confirmRepeat: true })).outcome).toBe('sent');
    }
    clock = T0 + 5 * 100_000;
    expect((await handlers()['send:guard']({ phone: PHONE }))).toMatchObject({ sentToday: 5, dailyCap: 5, blocked: { rule: 'daily_cap' } });
    expect(await send({ confirmRepeat: true })).toMatchObject({ outcome: 'blocked', blockedBy: { rule: 'daily_cap', count: 5, limit: 5 } });
    expect(sim.requests).toHaveLength(5);
    // Another number has its own count.
    expect((await send({ phone: '79243555101' })).outcome).toBe('sent');
  });

  it('starts again at the local midnight, not at UTC midnight', async () => {
    // 23:50 to 23:58 in Vladivostok on 28 November (13:50–13:58 UTC).
    const lateEvening = Date.parse('2026-11-28T13:50:00Z');
    for (let i = 0; i < 5; i++) {
      clock = lateEvening + i * 120_000;
      await send({ confirmRepeat: true });
    }
    clock = Date.parse('2026-11-28T13:59:59Z');
    expect((await send({ confirmRepeat: true })).blockedBy).toMatchObject({ rule: 'daily_cap' });
    clock = Date.parse('2026-11-28T14:00:00Z');
    expect((await send({ confirmRepeat: true })).outcome).toBe('sent');
    expect((await handlers()['send:guard']({ phone: PHONE })).sentToday).toBe(1);
  });

  it('is off at 0', async () => {
    await limits({ dailyCapPerPhone: 0 });
    for (let i = 0; i < 7; i++) {
      clock = T0 + i * 100_000;
      expect((await send({ confirmRepeat: true })).outcome).toBe('sent');
    }
  });

  it('lets only one of two sends at once through when one is left', async () => {
    await limits({ dailyCapPerPhone: 1 });
    sim.setLatency(50);
    const both = await Promise.all([send({ confirmRepeat: true }), send({ confirmRepeat: true })]);
    expect(both.map((row) => row.outcome).sort()).toEqual(['blocked', 'sent']);
    expect(sim.requests).toHaveLength(1);
  });

  it('lets exactly five of ten concurrent sends through', async () => {
    sim.setLatency(20);
    const rows = await Promise.all(Array.from({ length: 10 }, () => send({ confirmRepeat: true })));
    expect(rows.filter((row) => row.outcome === 'sent')).toHaveLength(5);
    expect(rows.filter((row) => row.outcome === 'blocked')).toHaveLength(5);
    expect(sim.requests).toHaveLength(5);
  });
});

describe('durable limits', () => {
  it('keeps the cooldown and the cap across a restart, from the history on disk', async () => {
    await send();
    await service.handlers['send:code']({ phone: '79243555101' });
    await reopen();
    clock = T0 + 30_000;
    expect((await send({ confirmRepeat: true })).blockedBy).toMatchObject({ rule: 'cooldown', secondsLeft: 30 });
    await limits({ cooldownSeconds: 0, dailyCapPerPhone: 2 });
    expect((await send({ confirmRepeat: true })).outcome).toBe('sent');
    await reopen();
    clock = T0 + 120_000;
    expect((await send()).blockedBy).toMatchObject({ rule: 'daily_cap', count: 2, limit: 2 });
    expect(sim.requests.filter((request) => request.phone === PHONE)).toHaveLength(2);
  });

  it('counts an attempt interrupted by a crash, whose code may have gone out', async () => {
    await history.begin({ startedAt: T0, phone: PHONE, code: null, codeSource: 'generated', mode: 'sandbox', sentBy: 'x', osUser: 'x', host: 'x', apiBase: null });
    await reopen();
    clock = T0 + 10_000;
    expect((await send({ confirmRepeat: true })).blockedBy).toMatchObject({ rule: 'cooldown', lastSentAt: T0 });
  });
});

describe('the guard status for the form', () => {
  it('says when the cooldown and the visible code end, and the count against the cap', async () => {
    expect(await handlers()['send:guard']({ phone: '+7 924 355-51-00' })).toEqual({
      phone: PHONE, now: T0, sentToday: 0, dailyCap: 5, lastSentAt: null, cooldownUntil: null, visibleUntil: null, blocked: null,
    });
    await send();
    clock = T0 + 20_000;
    expect(await handlers()['send:guard']({ phone: PHONE })).toEqual({
      phone: PHONE, now: T0 + 20_000, sentToday: 1, dailyCap: 5, lastSentAt: T0, cooldownUntil: T0 + 60_000, visibleUntil: T0 + 90_000,
      blocked: { rule: 'cooldown', cooldownSeconds: 60, lastSentAt: T0, secondsLeft: 40 },
    });
  });

  it('refuses a number that is not a valid mobile one', async () => {
    await expect(handlers()['send:guard']({ phone: '12' })).rejects.toMatchObject({ code: 'invalid_phone' });
  });
});

describe('who sent', () => {
  it('records the OS account and host from main, and refuses a request that tries to name them', async () => {
    expect(await send()).toMatchObject({ sentBy: 'Ирина', osUser: 'irina.k', host: 'desk-07' });
    for (const extra of [{ osUser: 'mallory' }, { host: 'evil' }, { sentBy: 'someone' }]) {
      expect(await viaContract('send:code', { phone: '79243555101', ...extra })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect((await records()).map((row) => row.osUser)).toEqual(['irina.k']);
  });
});

describe('the administrator’s policy file', () => {
  it('locks the limits and the reconciliation count: they take its values, the send path obeys them, and no update changes them', async () => {
    await limits({ cooldownSeconds: 0, dailyCapPerPhone: 0 });
    await reopen({ state: 'active', file: '/etc/tg-code-desk/policy.json', settings: { cooldownSeconds: 600, dailyCapPerPhone: 2, reconcileCount: 20 } });
    expect((await handlers()['settings:get'](undefined)).locked).toEqual(expect.arrayContaining(['cooldownSeconds', 'dailyCapPerPhone', 'reconcileCount']));
    await expect(limits({ cooldownSeconds: 0 })).rejects.toMatchObject({ code: 'setting_locked' });
    await expect(limits({ dailyCapPerPhone: 0 })).rejects.toMatchObject({ code: 'setting_locked' });
    await expect(limits({ reconcileCount: 100 })).rejects.toMatchObject({ code: 'setting_locked' });
    // The stored 0 (off) is overruled: ten minutes of cooldown.
    await send();
    clock += 300_000;
    expect((await send({ confirmRepeat: true })).blockedBy).toMatchObject({ rule: 'cooldown', cooldownSeconds: 600, secondsLeft: 300 });
    expect((await handlers()['send:guard']({ phone: PHONE })).dailyCap).toBe(2);
    await handlers()['reconcile:run'](undefined);
    expect(sim.billingRequests).toEqual([20]);
  });
});
