import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistoryLog, type HistoryLog } from '../../../electron/core/history/history-log.ts';
import { BASE_TIME, draft, failed, record, sent, writeHistoryFile } from './fixtures/history-samples.ts';

let dir: string;
let file: string;
let log: HistoryLog;

const IRINA = { sentBy: 'Ирина', osUser: 'irina.k', host: 'desk-07' };
const PETR = { sentBy: 'Пётр', osUser: 'petr', host: 'desk-02' };
const BLOCKED = { ...sent(), outcome: 'blocked' as const, delivery: 'not_sent' as const, code: null, blockedBy: { rule: 'daily_cap' as const, count: 5, limit: 5 } };

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tgcode-audit-'));
  file = path.join(dir, 'history.jsonl');
  log = await openHistoryLog(file);
});
afterEach(async () => {
  await log.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function add(who: typeof IRINA, completion: ReturnType<typeof sent> | null, at = BASE_TIME): Promise<void> {
  const started = await log.begin(draft({ ...who, startedAt: at }));
  if (completion !== null) await log.complete(started.id, completion);
}

describe('who sent, in the history', () => {
  it('sums sends, deliveries, failures and blocked attempts per operator, for the current filter', async () => {
    await add(IRINA, sent());
    await add(IRINA, sent());
    await add(IRINA, failed('timeout'));
    await add(IRINA, BLOCKED);
    await add(PETR, sent(), BASE_TIME + 60_000);
    await add(PETR, failed('server_error'), BASE_TIME + 60_000);
    await add(PETR, null, BASE_TIME + 60_000);
    expect(await log.summary({})).toEqual([
      { operator: IRINA, sends: 3, delivered: 2, failed: 1, blocked: 1, verified: 0, price: 0, priced: 0 },
      { operator: PETR, sends: 3, delivered: 1, failed: 1, blocked: 0, verified: 0, price: 0, priced: 0 },
    ]);
    expect(await log.summary({ from: BASE_TIME + 1 })).toEqual([{ operator: PETR, sends: 3, delivered: 1, failed: 1, blocked: 0, verified: 0, price: 0, priced: 0 }]);
    expect(await log.summary({ outcomes: ['blocked'] })).toEqual([{ operator: IRINA, sends: 0, delivered: 0, failed: 0, blocked: 1, verified: 0, price: 0, priced: 0 }]);
  });

  it('counts the sends the caller verified and sums their recorded prices per operator, also after a restart', async () => {
    const status = (price: number | null) => ({ state: 'known' as const, delivered: true, statusInfo: 'Ok', price, createdAt: null, reason: null, requests: 1, checkedAt: BASE_TIME });
    const check = (state: 'verified' | 'failed' | 'open') => ({ state, wrongTries: 0, checks: 1, lastVerdict: 'match' as const, lastAt: BASE_TIME });
    for (let i = 0; i < 3; i++) await add(IRINA, sent());
    await add(PETR, sent());
    await add(PETR, BLOCKED);
    const ids = (await log.page({}, 0, 10)).records.map((r) => r.id).reverse();
    await log.update(ids[0]!, (r) => ({ ...r, check: check('verified'), providerStatus: status(0.2) }));
    await log.update(ids[1]!, (r) => ({ ...r, check: check('failed'), providerStatus: status(0.1) }));
    await log.update(ids[2]!, (r) => ({ ...r, check: check('open'), providerStatus: status(null) }));
    await log.update(ids[3]!, (r) => ({ ...r, check: check('verified'), providerStatus: status(0.35) }));
    const expected = [
      { operator: IRINA, sends: 3, delivered: 3, verified: 1, failed: 0, blocked: 0, price: 0.3, priced: 2 },
      { operator: PETR, sends: 1, delivered: 1, verified: 1, failed: 0, blocked: 1, price: 0.35, priced: 1 },
    ];
    expect(await log.summary({})).toEqual(expected);
    expect(await log.summary({ verification: ['verified'] })).toEqual([
      { ...expected[0], sends: 1, delivered: 1, price: 0.2, priced: 1 },
      { ...expected[1], blocked: 0 },
    ]);
    await log.close();
    log = await openHistoryLog(file);
    expect(await log.summary({})).toEqual(expected);
  });

  it('filters by operator, told apart by OS account and computer as well as by name', async () => {
    await add(IRINA, sent());
    await add({ ...IRINA, host: 'desk-09' }, sent());
    await add(PETR, BLOCKED);
    const page = await log.page({ operator: IRINA }, 0, 10);
    expect(page.total).toBe(1);
    expect(page.records[0]).toMatchObject(IRINA);
    expect((await log.page({ operator: { ...IRINA, host: 'desk-09' } }, 0, 10)).total).toBe(1);
    expect((await log.page({ operator: { sentBy: 'nobody', osUser: null, host: null } }, 0, 10)).total).toBe(0);
    expect((await log.page({ outcomes: ['blocked'] }, 0, 10)).records.map((r) => r.sentBy)).toEqual(['Пётр']);
  });

  it('reads records written before the audit fields as sent by an unknown account', async () => {
    await log.close();
    const old = record(0) as Record<string, unknown>;
    delete old.osUser;
    delete old.host;
    delete old.blockedBy;
    fs.writeFileSync(file, '');
    writeHistoryFile(file, [old as never], 'twoLines');
    log = await openHistoryLog(file);
    const page = await log.page({}, 0, 10);
    expect(page.health.corruptLines).toBe(0);
    expect(page.records[0]).toMatchObject({ osUser: null, host: null, blockedBy: null });
    expect(await log.summary({})).toEqual([{ operator: { sentBy: 'Оператор 1', osUser: null, host: null }, sends: 1, delivered: 1, failed: 0, blocked: 0, verified: 0, price: 0, priced: 0 }]);
  });

  it('finds the sends that count for the guards in the recent window only', async () => {
    await add(IRINA, sent(), BASE_TIME - 3_600_000);
    await add(IRINA, sent(), BASE_TIME);
    await add(IRINA, failed('server_error'), BASE_TIME + 1_000);
    await add(IRINA, failed('timeout'), BASE_TIME + 2_000);
    await add(IRINA, BLOCKED, BASE_TIME + 3_000);
    await add({ ...IRINA }, null, BASE_TIME + 4_000);
    expect(await log.sendTimesSince('79243555100', BASE_TIME)).toEqual([BASE_TIME, BASE_TIME + 2_000, BASE_TIME + 4_000]);
    expect(await log.sendTimesSince('79243555101', BASE_TIME - 7_200_000)).toEqual([]);
  });
});
