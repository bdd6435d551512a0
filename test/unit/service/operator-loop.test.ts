import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/core/dispatch.ts';
import { writeCsvExport } from '../../../electron/core/history/history-export.ts';
import { openHistoryLog, type HistoryLog } from '../../../electron/core/history/history-log.ts';
import type { Service } from '../../../electron/core/service.ts';
import { DEFAULT_PRICE, startSimulator, type Simulator } from '../../../electron/core/api/simulator.ts';
import { createUpdateController } from '../../../electron/core/update/update-controller.ts';
import { createClient, type TgCodeApi } from '../../../shared/client.ts';
import { sandboxService } from './fixtures/sandbox-service.ts';

const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';
const PHONE = '79243555100';

let dir: string;
let file: string;
let history: HistoryLog;
let sandbox: Simulator;
let production: Simulator;
let service: Service | null;
let clock: number;
const replies: string[] = [];
const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-loop-'));
  file = path.join(dir, 'history.jsonl');
  history = await openHistoryLog(file);
  sandbox = await startSimulator();
  production = await startSimulator({ tokens: [TOKEN] });
  clock = Date.now();
  replies.length = 0;
  vi.clearAllMocks();
});
afterEach(async () => {
  service?.close();
  service = null;
  await history.close();
  await sandbox.close();
  await production.close();
  await rm(dir, { recursive: true, force: true });
});

/** The service through the contract, as the renderer reaches it; every reply is kept to be searched. */
function start(options: { statusDelaysMs?: number[] } = {}): TgCodeApi {
  service = sandboxService(dir, history, sandbox, {
    log,
    now: () => clock,
    chooseExportFile: async (name) => path.join(dir, name),
    writeExport: (target, records) => writeCsvExport(target, records, { delimiter: ';', language: 'en' }),
    // Far in the future unless a test asks: polls must not disturb the request counts.
    statusDelaysMs: options.statusDelaysMs ?? [3_600_000],
  });
  // The contract's update channels are not the service's; a controller without an engine answers them.
  const handlers = { ...service.handlers, ...createUpdateController({ engine: null, offReason: 'test', log, busy: () => false }).handlers };
  return createClient(async (channel, request) => {
    const reply = await dispatch(handlers, channel, request, log);
    replies.push(JSON.stringify(reply));
    return reply;
  });
}

async function reopened(): Promise<HistoryLog> {
  await history.close();
  history = await openHistoryLog(file);
  return history;
}

describe('checking the code the caller reads back', () => {
  it('answers match for the code of the send, recorded durably on its record', async () => {
    const api = start();
    const sent = await api.send.code({ phone: PHONE });
    const reply = await api.check.code({ id: sent.id, code: sent.code! });
    expect(reply).toMatchObject({ verdict: 'match', triesLeft: 3, row: { id: sent.id, check: { state: 'verified', checks: 1 } } });
    expect(await (await reopened()).get(sent.id)).toMatchObject({ check: { state: 'verified', lastVerdict: 'match' } });
  });

  it('answers mismatch, then check failed when the tries of the setting run out, and then for the right code too', async () => {
    const api = start();
    await api.settings.update({ checkTries: 2 });
    const sent = await api.send.code({ phone: PHONE, code: '1234' });
    expect(await api.check.code({ id: sent.id, code: '1111' })).toMatchObject({ verdict: 'mismatch', triesLeft: 1 });
    expect(await api.check.code({ id: sent.id, code: '2222' })).toMatchObject({ verdict: 'failed', triesLeft: 0, row: { check: { state: 'failed', wrongTries: 2 } } });
    expect(await api.check.code({ id: sent.id, code: '1234' })).toMatchObject({ verdict: 'failed' });
    expect((await api.history.page({ query: { verification: ['failed'] }, offset: 0, limit: 10 })).rows.map((r) => r.id)).toEqual([sent.id]);
    await expect(api.settings.update({ checkTries: 11 })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(service!.handlers['settings:update']({ checkTries: 0 })).rejects.toMatchObject({ code: 'invalid_settings' });
  });

  it('says the code expired past its 90 s, and no code to compare when there is none', async () => {
    const api = start();
    const sent = await api.send.code({ phone: PHONE, code: '1234' });
    clock += 90_001;
    expect(await api.check.code({ id: sent.id, code: '1234' })).toMatchObject({ verdict: 'expired', triesLeft: 3, row: { check: { state: 'open' } } });
    // A timeout with a generated code: the request may have delivered a code nobody knows.
    sandbox.setLatency(1_500);
    await api.settings.update({ timeoutMs: 1_000 });
    const lost = await api.send.code({ phone: PHONE });
    expect(lost).toMatchObject({ outcome: 'timeout', delivery: 'unknown', code: null });
    expect(await api.check.code({ id: lost.id, code: '1234' })).toMatchObject({ verdict: 'no_code' });
    await expect(api.check.code({ id: 999_999, code: '1234' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('checks against the code main kept when the history is set not to keep codes', async () => {
    const api = start();
    await api.settings.update({ keepCodes: false });
    const sent = await api.send.code({ phone: PHONE, code: '4321' });
    expect((await history.get(sent.id))?.code).toBeNull();
    expect(await api.check.code({ id: sent.id, code: '4321' })).toMatchObject({ verdict: 'match' });
  });

  it('in blind mode keeps the code out of every reply and the export, refuses reveal in main, and still checks', async () => {
    const api = start();
    await api.settings.update({ blindCheck: true });
    const sent = await api.send.code({ phone: PHONE, code: '4826' });
    expect(sent).toMatchObject({ outcome: 'sent', code: null, codeHidden: false, codeWithheld: true });
    // Another number: the repeat-send guards would stop a second code to the first.
    const generated = await api.send.code({ phone: '79161234567' });
    expect(generated.code).toBeNull();
    await expect(api.history.reveal({ id: sent.id })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await api.check.code({ id: sent.id, code: '4826' })).toMatchObject({ verdict: 'match', row: { code: null } });
    expect(await api.check.code({ id: generated.id, code: '0000' })).toMatchObject({ row: { code: null } });
    expect((await api.history.page({ query: {}, offset: 0, limit: 10 })).rows.every((row) => row.code === null)).toBe(true);
    expect((await api.history.row({ id: sent.id })).code).toBeNull();
    expect((await api.status.refresh({ id: sent.id })).code).toBeNull();
    expect(await api.history.export({ query: {} })).toMatchObject({ status: 'saved', count: 2 });
    const csv = await readFile(path.join(dir, (await readdir(dir)).find((name) => name.endsWith('.csv'))!), 'utf8');
    const generatedCode = (await history.get(generated.id))?.code;
    expect(generatedCode).toMatch(/^\d{4}$/);
    expect(csv).not.toContain('4826');
    expect(csv).not.toContain(generatedCode!);
    for (const reply of replies) {
      expect(reply).not.toContain('4826');
      expect(reply).not.toContain(`"${generatedCode}"`);
    }
    // Turned off again, the history shows codes as before.
    await api.settings.update({ blindCheck: false });
    expect((await api.history.row({ id: sent.id })).code).toBe('4826');
  });
});

describe('delivery status and price', () => {
  it('asks get_status after a send, off its reply, and records status, text and price', async () => {
    const api = start({ statusDelaysMs: [20, 40, 80, 160] });
    const sent = await api.send.code({ phone: PHONE });
    expect(sent.providerStatus).toBeNull();
    await vi.waitFor(async () => expect((await api.history.row({ id: sent.id })).providerStatus).toMatchObject({ state: 'known', delivered: true, statusInfo: 'Ok: delivered to Telegram', price: DEFAULT_PRICE }), { timeout: 3_000 });
    // Delivered: no more polls.
    await sleep(300);
    expect(sandbox.accountRequests).toEqual([{ action: 'get_status', id: sent.apiId }]);
    expect(await (await reopened()).get(sent.id)).toMatchObject({ providerStatus: { price: DEFAULT_PRICE, requests: 1 } });
  });

  it('asks at most four times for a send that stays undelivered, and never for a send without an id', async () => {
    const api = start({ statusDelaysMs: [10, 20, 30, 40, 50, 60] });
    const failed = await api.send.code({ phone: '79000000400' });
    expect(failed.apiId).toBeNull();
    const sent = await api.send.code({ phone: '79000000602' });
    await vi.waitFor(() => expect(sandbox.accountRequests).toHaveLength(4), { timeout: 3_000 });
    await sleep(200);
    expect(sandbox.accountRequests.map((r) => r.id)).toEqual([sent.apiId, sent.apiId, sent.apiId, sent.apiId]);
    expect((await api.history.row({ id: sent.id })).providerStatus).toMatchObject({ state: 'known', delivered: false, statusInfo: 'Telegram: not delivered', requests: 4 });
  });

  it('records a failing or garbled status as unknown with its reason, never as delivered', async () => {
    const api = start();
    const failing = await api.send.code({ phone: '79000000600' });
    expect((await api.status.refresh({ id: failing.id })).providerStatus).toMatchObject({ state: 'unknown', delivered: null, reason: 'internal error', price: null });
    const garbled = await api.send.code({ phone: '79000000601' });
    expect((await api.status.refresh({ id: garbled.id })).providerStatus).toMatchObject({ state: 'unknown', delivered: null, price: null, statusInfo: '<b>Доставлено</b><script>alert(1)</script>' });
    // A later failure keeps what an earlier answer established.
    const good = await api.send.code({ phone: PHONE });
    await api.status.refresh({ id: good.id });
    await sandbox.close();
    expect((await api.status.refresh({ id: good.id })).providerStatus).toMatchObject({ state: 'known', delivered: true, price: DEFAULT_PRICE, reason: expect.stringMatching(/^ECONN(REFUSED|RESET)$/), requests: 2 });
  });

  it('asks only the API the send went to', async () => {
    const api = start();
    const inSandbox = await api.send.code({ phone: PHONE });
    await api.settings.update({ apiBaseUrl: production.baseUrl });
    await api.token.set({ token: TOKEN });
    // Now in production: a sandbox send's id means nothing to the real API.
    await expect(api.status.refresh({ id: inSandbox.id })).rejects.toMatchObject({ code: 'forbidden' });
    // Another number: the repeat-send guards would stop a second code to the first.
    const inProduction = await api.send.code({ phone: '79161234567' });
    expect(inProduction).toMatchObject({ mode: 'production', apiBase: production.baseUrl });
    expect((await api.status.refresh({ id: inProduction.id })).providerStatus).toMatchObject({ state: 'known', price: DEFAULT_PRICE });
    // A record that says it went elsewhere is never asked about here.
    await history.update(inProduction.id, (current) => ({ ...current, apiBase: 'https://elsewhere.example/api/v1/authcalls' }));
    await expect(api.status.refresh({ id: inProduction.id })).rejects.toMatchObject({ code: 'forbidden' });
    expect(production.accountRequests).toHaveLength(1);
    expect(sandbox.accountRequests).toHaveLength(0);
  });

  it('after a restart, picks up the polls of production sends answered within their window, and only the ones still due', async () => {
    let api = start();
    await api.settings.update({ apiBaseUrl: production.baseUrl });
    await api.token.set({ token: TOKEN });
    const undelivered = await api.send.code({ phone: '79000000602' });
    const delivered = await api.send.code({ phone: PHONE });
    service!.close();
    // Restarted 50 ms after the sends, with polls at 20/40/80/160 ms: the one at 20 ms is overdue and skipped
    // for the one at 40 ms (asked at once), then 80 and 160 — three requests, within the bound of four.
    clock += 50;
    api = start({ statusDelaysMs: [20, 40, 80, 160] });
    await service!.resumeStatusPolls();
    await vi.waitFor(() => expect(production.accountRequests.filter((r) => r.id === undelivered.apiId)).toHaveLength(3), { timeout: 3_000 });
    await sleep(300);
    expect(production.accountRequests.filter((r) => r.id === undelivered.apiId)).toHaveLength(3);
    // Delivered at the first answer: asked once.
    expect(production.accountRequests.filter((r) => r.id === delivered.apiId)).toHaveLength(1);
    expect((await api.history.row({ id: undelivered.id })).providerStatus).toMatchObject({ state: 'known', delivered: false, requests: 3 });
    expect((await api.history.row({ id: delivered.id })).providerStatus).toMatchObject({ state: 'known', delivered: true });

    // Past the last poll's moment, nothing is asked; nor for a delivered send.
    service!.close();
    clock += 10_000;
    start({ statusDelaysMs: [20, 40, 80, 160] });
    await service!.resumeStatusPolls();
    await sleep(300);
    expect(production.accountRequests).toHaveLength(4);
  });

  it('after a restart, never asks about a sandbox send: the new simulator does not know its id', async () => {
    const api = start();
    await api.send.code({ phone: '79000000602' });
    service!.close();
    clock += 50;
    start({ statusDelaysMs: [20, 40, 80, 160] });
    await service!.resumeStatusPolls();
    await sleep(300);
    expect(sandbox.accountRequests).toHaveLength(0);
  });

  it('sums the recorded prices over the current filter', async () => {
    const api = start();
    const a = await api.send.code({ phone: PHONE });
    const b = await api.send.code({ phone: '79161234567' });
    await api.send.code({ phone: '79161234567' });
    await api.status.refresh({ id: a.id });
    await api.status.refresh({ id: b.id });
    expect(await api.history.spent({ query: {} })).toEqual({ total: 0.4, priced: 2 });
    expect(await api.history.spent({ query: { search: '916 123' } })).toEqual({ total: 0.2, priced: 1 });
  });
});

describe('balance', () => {
  it('reads the simulator\'s balance in sandbox, with the price and the sends left, asking once until refreshed', async () => {
    const api = start();
    expect(await api.balance.get({ refresh: false })).toMatchObject({ state: 'known', mode: 'sandbox', balance: 50, price: DEFAULT_PRICE, sendsLeft: 250, low: false, short: false });
    await api.send.code({ phone: PHONE });
    expect(await api.balance.get({ refresh: false })).toMatchObject({ balance: 50 });
    expect(await api.balance.get({ refresh: true })).toMatchObject({ balance: 49.8, sendsLeft: 249 });
    expect(sandbox.accountRequests.filter((r) => r.action === 'get_balance')).toHaveLength(2);
  });

  it('warns at the low-balance setting, flags a balance below one send, and says when it cannot read it', async () => {
    const api = start();
    await api.settings.update({ lowBalanceSends: 250 });
    expect(await api.balance.get({ refresh: true })).toMatchObject({ sendsLeft: 250, low: true, short: false });
    sandbox.setBalance(0.1);
    expect(await api.balance.get({ refresh: true })).toMatchObject({ sendsLeft: 0, low: true, short: true });
    sandbox.failBalance(true);
    expect(await api.balance.get({ refresh: true })).toMatchObject({ state: 'unknown', balance: null, low: false, short: false, reason: 'internal error' });
    // An unreadable balance never stops a send.
    expect(await api.send.code({ phone: PHONE })).toMatchObject({ outcome: 'sent' });
  });

  it('asks where sends go now: a changed target is asked again', async () => {
    const api = start();
    await api.balance.get({ refresh: false });
    await api.settings.update({ apiBaseUrl: production.baseUrl });
    await api.token.set({ token: TOKEN });
    production.setBalance(3);
    expect(await api.balance.get({ refresh: false })).toMatchObject({ mode: 'production', balance: 3 });
  });
});
