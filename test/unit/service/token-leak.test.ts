import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core.ts';
import { dispatch } from '../../../electron/core/dispatch.ts';
import type { KeyValueStore } from '../../../electron/core/settings/key-value-store.ts';
import { FAULTS, startSimulator, type Simulator } from '../../../electron/core/api/simulator.ts';
import { createClient, type TgCodeApi } from '../../../shared/client.ts';
import { createHostCipher } from '../../host/host-cipher.ts';
import { tokenLeaks } from '../../support/token-leaks.ts';

const TOKEN = '7c1f0e2a-93b4-4d5e-8f60-1a2b3c4d5e6f';
/** A token the service rejects (401): a secret all the same. */
const REJECTED = '11111111-2222-4333-8444-555555555555';

let dataDir: string;
let core: AppCore;
let sim: Simulator;
let api: TgCodeApi;
const replies: string[] = [];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-leak-'));
  sim = await startSimulator({ tokens: [TOKEN] });
  core = await createAppCore({
    version: 'leak',
    dataDir,
    env: { token: null, apiBase: sim.baseUrl, dataDir, policyFile: null, ignored: [] },
    cipher: createHostCipher(dataDir),
    openStore: (name): KeyValueStore => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: name, clearInvalidConfig: false }),
    chooseExportFile: async (name) => path.join(dataDir, name),
    defaultOperatorName: 'op',
    identity: { osUser: 'irina.k', host: 'desk-07' },
    policyFile: null,
  });
  const handlers = core.handlers;
  // Every reply that would cross to the renderer is kept, to be searched afterwards.
  api = createClient(async (channel, request) => {
    const reply = await dispatch(handlers, channel, request, core.log);
    replies.push(JSON.stringify(reply));
    return reply;
  });
});

afterAll(async () => {
  await core.close();
  await sim.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the token never leaks', () => {
  it('through any outcome, or any form a server echoes it in, into any file or reply', async () => {
    await api.token.set({ token: TOKEN });
    await api.settings.update({ timeoutMs: 1000 });
    const outcomes = new Set<string>();
    outcomes.add((await api.send.code({ phone: '79243555100' })).outcome!);
    outcomes.add((await api.send.code({ phone: '79000000400' })).outcome!);
    // Each to its own number, so the repeat-send guards let them all go out.
    for (const [i, fault] of FAULTS.entries()) {
      sim.queueFaults(fault);
      outcomes.add((await api.send.code({ phone: `792435551${String(10 + i)}`, code: '5555' })).outcome!);
    }
    // The operator's loop after a send: checks, statuses (known, undelivered, failing, garbled), balance.
    // Numbers not sent to above, so the repeat-send guards let them go out.
    const statusStates = new Set<string>();
    for (const phone of ['79243555170', '79000000600', '79000000601', '79000000602']) {
      const row = await api.send.code({ phone });
      await api.check.code({ id: row.id, code: '0000' });
      await api.check.code({ id: row.id, code: row.code ?? '0000' });
      statusStates.add((await api.status.refresh({ id: row.id })).providerStatus!.state);
      await api.history.row({ id: row.id });
    }
    expect([...statusStates].sort()).toEqual(['known', 'unknown']);
    expect(await api.balance.get({ refresh: true })).toMatchObject({ state: 'known' });
    sim.failBalance(true);
    expect(await api.balance.get({ refresh: true })).toMatchObject({ state: 'unknown' });
    sim.failBalance(false);
    await api.history.spent({ query: {} });
    // A token the service rejects (401) must not leak either, on any request.
    await api.token.set({ token: REJECTED });
    outcomes.add((await api.send.code({ phone: '79243555199' })).outcome!);
    const last = (await api.history.page({ query: { outcomes: ['sent'] }, offset: 0, limit: 1 })).rows[0]!;
    expect((await api.status.refresh({ id: last.id })).providerStatus).toMatchObject({ reason: 'Unauthorized token' });
    expect(await api.balance.get({ refresh: true })).toMatchObject({ state: 'unknown', reason: 'Unauthorized token' });
    await api.token.set({ token: TOKEN });
    // A repeat the cooldown refuses is recorded without a request.
    outcomes.add((await api.send.code({ phone: '79243555100', confirmRepeat: true })).outcome!);
    await api.send.guard({ phone: '79243555100' });
    await api.history.summary({ query: {} });
    // Reconciliation puts the token in its URL path too: through every kind of answer.
    sim.addForeignSends(1);
    expect((await api.reconcile.run()).outcome).toBe('foreign');
    for (const fault of ['schema_mismatch', 'server_error', 'drop'] as const) {
      sim.queueFaults(fault);
      await api.reconcile.run();
    }
    await api.reconcile.seen();
    await api.reconcile.last();
    expect(sim.billingRequests).toHaveLength(4);
    await api.history.page({ query: {}, offset: 0, limit: 100 });
    await api.history.export({ query: {} });
    await api.token.status();
    await api.settings.get();
    await api.app.info();
    expect([...outcomes].sort()).toEqual(['blocked', 'invalid_phone', 'network_error', 'no_telegram', 'rate_limited', 'sent', 'server_error', 'timeout', 'unauthorized', 'unexpected_response']);
    await core.log.flush();

    const files = await filesUnder(dataDir);
    // The data folder holds what it should: settings, vault, history, log, export.
    expect(files.some((file) => file.endsWith('history.jsonl'))).toBe(true);
    expect(files.some((file) => file.endsWith('.log'))).toBe(true);
    expect(files.some((file) => file.endsWith('.csv'))).toBe(true);
    expect(files.some((file) => file.endsWith('vault.json'))).toBe(true);
    const hits: string[] = [];
    for (const file of files) hits.push(...tokenLeaks(path.relative(dataDir, file), await readFile(file, 'utf8'), [TOKEN, REJECTED]));
    for (const [i, reply] of replies.entries()) hits.push(...tokenLeaks(`reply ${i}`, reply, [TOKEN, REJECTED]));
    expect(hits).toEqual([]);
    // Every send really went out with a token in its URL path, so there was something to leak (the
    // simulator keeps no record of the rejected token's requests).
    expect(sim.requests).toHaveLength(2 + FAULTS.length + 4);
    expect(sim.accountRequests.length).toBeGreaterThanOrEqual(4 + 2);
    // Each echo came back and was redacted where it stood, not dropped with the rest of the text.
    const { rows } = await api.history.page({ query: {}, offset: 0, limit: 200 });
    const redacted = rows.filter((row) => [row.error, row.statusInfo, row.operatorName].some((text) => text?.includes('[token]')));
    expect(redacted).toHaveLength(FAULTS.filter((fault) => fault.startsWith('echo_')).length);
  });
});
