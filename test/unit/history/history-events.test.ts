import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistoryLog, type HistoryLog } from '../../../electron/core/history/history-log.ts';
import type { CheckState } from '../../../shared/check-schema.ts';
import type { ProviderStatus } from '../../../shared/account-schema.ts';
import type { HistoryRecord } from '../../../shared/history-schema.ts';
import { BASE_TIME, draft, record, sent, writeHistoryFile } from './fixtures/history-samples.ts';

let dir: string;
let file: string;
const open: HistoryLog[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tgcode-history-events-'));
  file = path.join(dir, 'history.jsonl');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((log) => log.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openLog(): Promise<HistoryLog> {
  const log = await openHistoryLog(file);
  open.push(log);
  return log;
}

const check = (state: CheckState['state'], wrongTries = 0): CheckState => ({ state, wrongTries, checks: wrongTries + 1, lastVerdict: state === 'verified' ? 'match' : 'mismatch', lastAt: BASE_TIME });
const status = (price: number | null): ProviderStatus => ({ state: 'known', delivered: true, statusInfo: 'Ok', price, createdAt: '2025-03-14T12:00:00', reason: null, requests: 1, checkedAt: BASE_TIME });

async function sendOne(log: HistoryLog, phone = '79243555100'): Promise<HistoryRecord> {
  const started = await log.begin(draft({ phone }));
  return log.complete(started.id, sent());
}

describe('later events of a send', () => {
  it('are appended as the record\'s new full state and win after reopening', async () => {
    let log = await openLog();
    const first = await sendOne(log);
    const linesBefore = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
    const updated = await log.update(first.id, (current) => ({ ...current, check: check('open', 1) }));
    expect(updated).toMatchObject({ id: first.id, check: { state: 'open', wrongTries: 1 } });
    expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(linesBefore + 1);
    await log.update(first.id, (current) => ({ ...current, providerStatus: status(0.2) }));
    await log.close();
    open.length = 0;
    log = await openLog();
    expect(await log.get(first.id)).toMatchObject({ check: { state: 'open', wrongTries: 1 }, providerStatus: { price: 0.2 }, outcome: 'sent', phone: '79243555100' });
  });

  it('never change who or when: id, start time and phone stay the record\'s own', async () => {
    const log = await openLog();
    const first = await sendOne(log);
    const changed = await log.update(first.id, (current) => ({ ...current, id: 999, phone: '79000000000', startedAt: 1 }));
    expect(changed).toMatchObject({ id: first.id, phone: first.phone, startedAt: first.startedAt });
    expect(await log.get(999)).toBeNull();
  });

  it('apply one after another on the latest version, so concurrent events are never lost', async () => {
    const log = await openLog();
    const first = await sendOne(log);
    await Promise.all(
      Array.from({ length: 20 }, () => log.update(first.id, (current) => ({ ...current, check: check('open', (current.check?.wrongTries ?? 0) + 1) }))),
    );
    expect((await log.get(first.id))?.check?.wrongTries).toBe(20);
  });

  it('write nothing when the change says so, refuse an attempt in flight, and answer null for an unknown id', async () => {
    const log = await openLog();
    const first = await sendOne(log);
    const size = fs.statSync(file).size;
    expect(await log.update(first.id, () => null)).toMatchObject({ id: first.id });
    expect(fs.statSync(file).size).toBe(size);
    expect(await log.update(12345, (current) => current)).toBeNull();
    const flying = await log.begin(draft());
    await expect(log.update(flying.id, (current) => current)).rejects.toThrow(/open attempt/);
  });

  it('reads a record written before checks and statuses existed as not checked and without status', async () => {
    const old = record(0) as Partial<HistoryRecord>;
    delete old.check;
    delete old.providerStatus;
    delete old.apiBase;
    fs.writeFileSync(file, `${JSON.stringify(old)}\n`);
    const log = await openLog();
    expect(await log.get(0)).toMatchObject({ id: 0, check: null, providerStatus: null, apiBase: null });
    expect((await log.page({ verification: ['not_checked'] }, 0, 10)).total).toBe(1);
  });
});

describe('verification filter and money spent, from the index', () => {
  it('filter verified, failed (checked, not verified) and not checked, and sum the prices over any filter', async () => {
    writeHistoryFile(file, [0, 1, 2, 3, 4, 5].map((id) => record(id, { phone: id < 3 ? '79243555100' : '79161234567' })), 'twoLines');
    const log = await openLog();
    await log.update(0, (r) => ({ ...r, check: check('verified'), providerStatus: status(0.2) }));
    await log.update(1, (r) => ({ ...r, check: check('failed', 3), providerStatus: status(0.4) }));
    await log.update(2, (r) => ({ ...r, check: check('open', 1) }));
    await log.update(3, (r) => ({ ...r, providerStatus: status(0.1) }));
    await log.update(4, (r) => ({ ...r, providerStatus: { ...status(0.3), state: 'unknown', delivered: null } }));
    const idsOf = async (verification: ('verified' | 'failed' | 'not_checked')[]) => (await log.page({ verification }, 0, 50)).records.map((r) => r.id);
    expect(await idsOf(['verified'])).toEqual([0]);
    expect(await idsOf(['failed'])).toEqual([2, 1]);
    expect(await idsOf(['not_checked'])).toEqual([5, 4, 3]);
    expect(await idsOf(['verified', 'not_checked'])).toEqual([5, 4, 3, 0]);
    expect(await log.spent({})).toEqual({ total: 1, priced: 4 });
    expect(await log.spent({ search: '79243555100' })).toEqual({ total: 0.6, priced: 2 });
    expect(await log.spent({ verification: ['not_checked'] })).toEqual({ total: 0.4, priced: 2 });
    // The index agrees after a reopen, and after a rewrite that dropped the priced record 3.
    await log.close();
    open.length = 0;
    const again = await openHistoryLog(file, { now: () => BASE_TIME + 3_500 + 86_400_000 });
    open.push(again);
    expect(await again.spent({ verification: ['failed'] })).toEqual({ total: 0.4, priced: 1 });
    expect(await again.applyRetention(1)).toBe(4);
    expect((await again.page({ verification: ['verified', 'failed'] }, 0, 10)).records.map((r) => r.id)).toEqual([]);
    expect((await again.page({}, 0, 10)).records.map((r) => r.id)).toEqual([5, 4]);
    expect(await again.spent({})).toEqual({ total: 0.3, priced: 1 });
  });
});
