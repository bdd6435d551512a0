import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openHistoryLog, type HistoryLog } from '../../../electron/core/history/history-log.ts';
import { HistoryRecord, type HistoryQuery } from '../../../shared/history-schema.ts';
import { failFirstIndexScan, watchDirectorySyncs } from './fixtures/history-faults.ts';
import { BASE_TIME, draft, failed, record, sent, writeHistoryFile } from './fixtures/history-samples.ts';

const DAY = 86_400_000;

let dir: string;
let file: string;
const open: HistoryLog[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tgcode-history-'));
  file = path.join(dir, 'history', 'history.jsonl');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((log) => log.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openLog(now?: () => number): Promise<HistoryLog> {
  const log = await openHistoryLog(file, now ? { now } : {});
  open.push(log);
  return log;
}

async function reopen(log: HistoryLog, now?: () => number): Promise<HistoryLog> {
  await log.close();
  return openLog(now);
}

async function sendOne(log: HistoryLog, overrides: Parameters<typeof draft>[0] = {}, completion = sent()): Promise<HistoryRecord> {
  const started = await log.begin(draft(overrides));
  return log.complete(started.id, completion);
}

async function ids(log: HistoryLog, query: HistoryQuery, offset = 0, limit = 500): Promise<number[]> {
  return (await log.page(query, offset, limit)).records.map((r) => r.id);
}

async function collect(iterable: AsyncIterable<HistoryRecord>): Promise<HistoryRecord[]> {
  const out: HistoryRecord[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function fileLines(): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
}

const meta = (nextId: number) => JSON.stringify({ meta: { nextId } });

function modeOf(target: string): number {
  return fs.statSync(target).mode & 0o777;
}

describe('recording sends', () => {
  it('writes a pending line before the request and a done line after, both readable after reopening', async () => {
    let log = await openLog();
    const pending = await log.begin(draft());
    expect(pending).toMatchObject({ id: 0, state: 'pending', outcome: null, delivery: 'unknown', phone: '79243555100', code: '1234' });
    expect(fileLines().map((line) => JSON.parse(line).state)).toEqual(['pending']);
    expect((await log.page({}, 0, 10)).records).toEqual([pending]);

    const done = await log.complete(pending.id, sent());
    expect(done).toMatchObject({ id: 0, state: 'done', outcome: 'sent', delivery: 'sent', httpStatus: 200, apiId: 555, operatorName: 'МегаФон' });
    expect(fileLines().map((line) => HistoryRecord.parse(JSON.parse(line)).state)).toEqual(['pending', 'done']);
    expect(await log.get(0)).toEqual(done);

    log = await reopen(log);
    expect(await log.get(0)).toEqual(done);
    const page = await log.page({}, 0, 10);
    expect(page).toEqual({ records: [done], total: 1, health: { corruptLines: 0, tornTail: false } });
  });

  it('reports an attempt whose outcome was never written as interrupted after reopening', async () => {
    let log = await openLog();
    const pending = await log.begin(draft({ phone: '79240000001' }));
    await sendOne(log);
    log = await reopen(log);
    const interrupted = await log.get(pending.id);
    expect(interrupted).toMatchObject({ id: pending.id, state: 'interrupted', outcome: null, delivery: 'unknown', phone: '79240000001' });
    expect(await ids(log, { outcomes: ['interrupted'] })).toEqual([pending.id]);
    expect(await ids(log, { outcomes: ['pending'] })).toEqual([]);
    await expect(log.complete(pending.id, sent())).rejects.toThrow(/not an open attempt/);
  });

  it('continues ids after reopening', async () => {
    let log = await openLog();
    await sendOne(log);
    await sendOne(log);
    log = await reopen(log);
    expect((await sendOne(log)).id).toBe(2);
    log = await reopen(log);
    expect((await log.begin(draft())).id).toBe(3);
  });

  it('refuses to complete an id twice or one it never began', async () => {
    const log = await openLog();
    const started = await log.begin(draft());
    await expect(log.complete(99, sent())).rejects.toThrow(/not an open attempt/);
    await log.complete(started.id, sent());
    await expect(log.complete(started.id, sent())).rejects.toThrow(/not an open attempt/);
    expect(fileLines()).toHaveLength(2);
  });

  it('records 200 concurrent sends exactly once each, in id order', async () => {
    let log = await openLog();
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const started = await log.begin(draft({ phone: `7924${String(i).padStart(7, '0')}` }));
        return log.complete(started.id, i % 2 === 0 ? sent() : failed('timeout'));
      }),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(200);
    const check = async () => {
      const page = await log.page({}, 0, 500);
      expect(page.total).toBe(200);
      expect(page.records.map((r) => r.id)).toEqual(Array.from({ length: 200 }, (_, i) => 199 - i));
      expect(page.records.every((r) => r.state === 'done')).toBe(true);
      for (const result of results) expect(page.records.find((r) => r.id === result.id)).toEqual(result);
    };
    await check();
    const lines = fileLines().map((line) => HistoryRecord.parse(JSON.parse(line)));
    expect(lines).toHaveLength(400);
    const pendingOrder = lines.filter((l) => l.state === 'pending').map((l) => l.id);
    expect(pendingOrder).toEqual([...pendingOrder].sort((a, b) => a - b));
    log = await reopen(log);
    await check();
  });
});

describe('queries', () => {
  let log: HistoryLog;
  beforeEach(async () => {
    log = await openLog();
    // id: phone, outcome, startedAt offset in days
    await sendOne(log, { phone: '79243555100', startedAt: BASE_TIME }, sent());
    await sendOne(log, { phone: '79243555101', startedAt: BASE_TIME + DAY }, failed('timeout'));
    await sendOne(log, { phone: '79161234567', startedAt: BASE_TIME + 2 * DAY }, sent());
    await sendOne(log, { phone: '79243555100', startedAt: BASE_TIME + 3 * DAY }, failed('server_error'));
    await log.begin(draft({ phone: '79990001122', startedAt: BASE_TIME + 4 * DAY }));
  });

  it('pages newest first with a total', async () => {
    expect(await ids(log, {}, 0, 2)).toEqual([4, 3]);
    expect(await ids(log, {}, 2, 2)).toEqual([2, 1]);
    expect(await ids(log, {}, 4, 2)).toEqual([0]);
    expect(await ids(log, {}, 9, 2)).toEqual([]);
    expect((await log.page({}, 0, 2)).total).toBe(5);
  });

  it('finds a phone typed in any format, and by partial digits', async () => {
    for (const typed of ['+7 (924) 355-51-00', '8 924 355 51 00', '79243555100', '9243555100']) {
      const page = await log.page({ search: typed }, 0, 10);
      expect(page.records.map((r) => r.id), typed).toEqual([3, 0]);
      expect(page.total).toBe(2);
    }
    expect(await ids(log, { search: '355-51' })).toEqual([3, 1, 0]);
    expect(await ids(log, { search: '4567' })).toEqual([2]);
    expect(await ids(log, { search: '000000' })).toEqual([]);
    // Fewer than 3 digits does not filter (the screen says the search is too short).
    expect(await ids(log, { search: '79' })).toEqual([4, 3, 2, 1, 0]);
  });

  it('filters by outcome, including pending attempts of this session', async () => {
    expect(await ids(log, { outcomes: ['sent'] })).toEqual([2, 0]);
    expect(await ids(log, { outcomes: ['timeout', 'server_error'] })).toEqual([3, 1]);
    expect(await ids(log, { outcomes: ['pending'] })).toEqual([4]);
    expect(await ids(log, { outcomes: ['interrupted'] })).toEqual([]);
    expect(await ids(log, { outcomes: ['rate_limited'] })).toEqual([]);
  });

  it('filters by date, from inclusive and to exclusive, combined with other filters', async () => {
    expect(await ids(log, { from: BASE_TIME + DAY, to: BASE_TIME + 3 * DAY })).toEqual([2, 1]);
    expect(await ids(log, { from: BASE_TIME + 3 * DAY })).toEqual([4, 3]);
    expect(await ids(log, { to: BASE_TIME + 1 })).toEqual([0]);
    const page = await log.page({ search: '+79243555100', outcomes: ['sent'], to: BASE_TIME + 3 * DAY }, 0, 10);
    expect(page.records.map((r) => r.id)).toEqual([0]);
    expect(page.total).toBe(1);
  });

  it('counts every match in total, not only the page', async () => {
    const page = await log.page({ search: '924' }, 1, 1);
    expect(page.records.map((r) => r.id)).toEqual([1]);
    expect(page.total).toBe(3);
  });

  it('gets one record, null for an unknown id', async () => {
    expect(await log.get(2)).toMatchObject({ id: 2, phone: '79161234567', outcome: 'sent' });
    expect(await log.get(4)).toMatchObject({ id: 4, state: 'pending' });
    expect(await log.get(42)).toBeNull();
  });

  it('iterates every match newest first', async () => {
    expect((await collect(log.iterate({}))).map((r) => r.id)).toEqual([4, 3, 2, 1, 0]);
    const matches = await collect(log.iterate({ search: '924 355' }));
    expect(matches.map((r) => r.id)).toEqual([3, 1, 0]);
    expect(matches).toEqual((await log.page({ search: '924 355' }, 0, 10)).records);
  });
});

describe('search', () => {
  let log: HistoryLog;
  beforeEach(async () => {
    log = await openLog();
    await sendOne(log, { phone: '79161001234', code: '4827', sentBy: 'Анна Ёлкина' }, sent({ code: '4827' }));
    await sendOne(log, { phone: '79243555100', code: null, codeSource: 'generated', sentBy: 'Борис' }, sent({ code: '1916' }));
    await sendOne(log, { phone: '79031916100', code: '0000', sentBy: 'анна' }, failed('timeout', { code: '0000' }));
    await sendOne(log, { phone: '79169998877', code: null, codeSource: 'generated', sentBy: 'QA' }, failed('server_error'));
  });

  it('finds part of a number typed in any prefix form', async () => {
    // "8 916 100" is the start of +7 916 100…, not digits anywhere.
    expect(await ids(log, { search: '8 916 100' })).toEqual([0]);
    expect(await ids(log, { search: '+7 916 100' })).toEqual([0]);
    expect(await ids(log, { search: '7916' })).toEqual([3, 0]);
    expect(await ids(log, { search: '916 100' })).toEqual([2, 0]);
    expect(await ids(log, { search: '(916) 999-88' })).toEqual([3]);
  });

  it('finds a code, and the same four digits anywhere in a number', async () => {
    expect(await ids(log, { search: '4827' })).toEqual([0]);
    // 1916 is record 1's code and part of record 2's number.
    expect(await ids(log, { search: '1916' })).toEqual([2, 1]);
    expect(await ids(log, { search: '0000' })).toEqual([2]);
    expect(await ids(log, { search: '9999' })).toEqual([]);
  });

  it('finds the operator who sent it by any part of the name, whatever the case, ё or е', async () => {
    expect(await ids(log, { search: 'анна' })).toEqual([2, 0]);
    expect(await ids(log, { search: 'ЕЛКИНА' })).toEqual([0]);
    expect(await ids(log, { search: 'бор' })).toEqual([1]);
    expect(await ids(log, { search: 'qa' })).toEqual([3]);
    expect(await ids(log, { search: 'Вера' })).toEqual([]);
    expect(await ids(log, { search: 'анна', outcomes: ['sent'] })).toEqual([0]);
  });

  it('a search too short to make filters nothing', async () => {
    expect(await ids(log, { search: 'а' })).toEqual([3, 2, 1, 0]);
    expect(await ids(log, { search: '91' })).toEqual([3, 2, 1, 0]);
  });

  it('finds the same after the index is rebuilt from the file', async () => {
    log = await reopen(log);
    expect(await ids(log, { search: '8 916 100' })).toEqual([0]);
    expect(await ids(log, { search: '1916' })).toEqual([2, 1]);
    expect(await ids(log, { search: 'анна' })).toEqual([2, 0]);
  });
});

describe('files written before', () => {
  // Large enough that the tail read cannot reach the start within its budget.
  const MANY = 15_000;

  it('serves the first page before the index is built, and agrees with the index', async () => {
    const records = Array.from({ length: MANY }, (_, id) => record(id, { phone: `7924${String(id).padStart(7, '0')}` }));
    writeHistoryFile(file, records, 'twoLines');
    // Two attempts in flight at once at the end: 15001 began after 15000 and finished first.
    const a = record(MANY);
    const b = record(MANY + 1);
    fs.appendFileSync(file, [{ ...a, state: 'pending' }, { ...b, state: 'pending' }, b, a].map((r) => JSON.stringify(r)).join('\n') + '\n');

    const log = await openLog();
    const first = await log.page({}, 0, 50);
    expect(first.records.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => MANY + 1 - i));
    expect(first.records[0]).toEqual(b);
    expect(first.total).toBe(MANY + 2);
    // A filtered query waits for the index; then the same page comes from it.
    expect((await log.page({ outcomes: ['sent'] }, 0, 1)).total).toBe(MANY + 2);
    expect(await log.page({}, 0, 50)).toEqual(first);
    expect((await log.begin(draft())).id).toBe(MANY + 2);
  });

  it('keeps sends made while the index is still being built', async () => {
    writeHistoryFile(file, Array.from({ length: MANY }, (_, id) => record(id)), 'twoLines');
    const log = await openLog();
    const done = await sendOne(log, { phone: '79990000001', startedAt: BASE_TIME + DAY * 365 }, failed('network_error'));
    const inFlight = await log.begin(draft({ phone: '79990000002' }));
    expect(await ids(log, {}, 0, 3)).toEqual([inFlight.id, done.id, MANY - 1]);
    expect(await log.get(MANY - 1)).toEqual(record(MANY - 1));

    expect(await ids(log, { search: '7999000000' })).toEqual([inFlight.id, done.id]);
    expect(await ids(log, { outcomes: ['network_error'] })).toEqual([done.id]);
    expect(await ids(log, { outcomes: ['pending'] })).toEqual([inFlight.id]);
    expect((await log.page({}, 0, 1)).total).toBe(MANY + 2);
  });

  it('reads a file rewritten to one line per record, where the tail proves nothing and the index decides', async () => {
    const count = 2 * MANY;
    writeHistoryFile(file, Array.from({ length: count }, (_, id) => record(id)), 'oneLine');
    const log = await openLog();
    // The newest id is unproven until the index is built; a new attempt must still not reuse one.
    expect((await log.begin(draft())).id).toBe(count);
    const page = await log.page({}, 0, 3);
    expect(page.records.map((r) => r.id)).toEqual([count, count - 1, count - 2]);
    expect(page.total).toBe(count + 1);
  });

  it('reads records written before the answer checks: no mismatch fields, and any id the old client stored', async () => {
    const old: Record<string, unknown> = { ...record(1) };
    for (const added of ['reportedCode', 'reportedPhone', 'retryAfterS']) delete old[added];
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, [JSON.stringify({ ...old, apiId: 0 }), JSON.stringify({ ...old, id: 2, apiId: 11084059 })].join('\n') + '\n');
    const log = await openLog();
    expect((await log.page({}, 0, 10)).health.corruptLines).toBe(0);
    expect(await log.get(1)).toMatchObject({ apiId: 0, reportedCode: null, reportedPhone: null, retryAfterS: null });
    expect(await log.get(2)).toMatchObject({ apiId: 11084059, reportedCode: null });
  });

  it('takes the last line of an id as its state and keeps records the app did not write in id order', async () => {
    const lines = [record(5, { state: 'pending', outcome: null }), record(2), record(5, { outcome: 'timeout' }), record(3)];
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, lines.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const log = await openLog();
    expect(await ids(log, {})).toEqual([5, 3, 2]);
    expect(await log.get(5)).toMatchObject({ state: 'done', outcome: 'timeout' });
    expect(await ids(log, { outcomes: ['sent'] })).toEqual([3, 2]);
  });
});

describe('clear', () => {
  it('removes every record, rewrites the file and keeps numbering', async () => {
    let log = await openLog();
    for (let i = 0; i < 5; i++) await sendOne(log);
    expect(await log.clear()).toBe(5);
    expect((await log.page({}, 0, 10)).total).toBe(0);
    expect(fileLines()).toEqual([meta(5)]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['history.jsonl']);
    const next = await sendOne(log);
    expect(next.id).toBe(5);
    log = await reopen(log);
    expect(await ids(log, {})).toEqual([5]);
  });

  it('keeps an attempt still in flight so its outcome can be written', async () => {
    const log = await openLog();
    await sendOne(log);
    const started = await log.begin(draft({ phone: '79991112233' }));
    expect(await log.clear()).toBe(1);
    const done = await log.complete(started.id, sent());
    expect((await log.page({}, 0, 10)).records).toEqual([done]);
  });
});

describe('retention', () => {
  const NOW = BASE_TIME + 100 * DAY;

  async function seeded() {
    const log = await openLog(() => NOW);
    await sendOne(log, { startedAt: NOW - 40 * DAY, phone: '79240000040' });
    await sendOne(log, { startedAt: NOW - 31 * DAY, phone: '79240000031' });
    await sendOne(log, { startedAt: NOW - 29 * DAY, phone: '79240000029' });
    await sendOne(log, { startedAt: NOW - 1 * DAY, phone: '79240000001' });
    return log;
  }

  it('removes records older than the limit, keeps recent ones and rewrites the file', async () => {
    let log = await seeded();
    const before = fs.statSync(file).size;
    expect(await log.applyRetention(30)).toBe(2);
    expect(await ids(log, {})).toEqual([3, 2]);
    expect(fs.statSync(file).size).toBeLessThan(before);
    expect(fileLines()[0]).toBe(meta(4));
    expect(fileLines().slice(1).map((line) => JSON.parse(line).id)).toEqual([2, 2, 3, 3]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['history.jsonl']);
    expect((await sendOne(log, { startedAt: NOW })).id).toBe(4);
    log = await reopen(log, () => NOW);
    expect(await ids(log, {})).toEqual([4, 3, 2]);
    expect(await log.applyRetention(30)).toBe(0);
  });

  it('keeps everything for 0 days and does not touch the file', async () => {
    const log = await seeded();
    const bytes = fs.readFileSync(file);
    expect(await log.applyRetention(0)).toBe(0);
    expect(fs.readFileSync(file)).toEqual(bytes);
  });

  it('never removes an attempt of this session still in flight, nor unreadable lines', async () => {
    const log = await seeded();
    fs.appendFileSync(file, 'garbage line\n');
    const reopened = await reopen(log, () => NOW);
    const started = await reopened.begin(draft({ startedAt: NOW - 90 * DAY }));
    expect(await reopened.applyRetention(30)).toBe(2);
    expect(await ids(reopened, {})).toEqual([started.id, 3, 2]);
    expect(await ids(reopened, { outcomes: ['pending'] })).toEqual([started.id]);
    expect(fs.readFileSync(file, 'utf8')).toContain('garbage line\n');
    expect(reopened.health().corruptLines).toBe(1);
    await reopened.complete(started.id, sent());
    expect(await reopened.get(started.id)).toMatchObject({ state: 'done' });
  });

  it('leaves the old file intact when the rewrite fails', async () => {
    const log = await seeded();
    const bytes = fs.readFileSync(file);
    // A directory where the new file must go makes the rewrite fail before the rename.
    fs.mkdirSync(`${file}.rewrite`);
    await expect(log.applyRetention(30)).rejects.toThrow();
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(await ids(log, {})).toEqual([3, 2, 1, 0]);
    expect((await sendOne(log, { startedAt: NOW })).id).toBe(4);
    fs.rmdirSync(`${file}.rewrite`);
    expect(await log.applyRetention(30)).toBe(2);
    expect(await ids(log, {})).toEqual([4, 3, 2]);
  });

  it('keeps an export running while the file is rewritten', async () => {
    const log = await seeded();
    const iterator = log.iterate({})[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(await log.clear()).toBe(4);
    const rest: number[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value.id);
    expect([first.value?.id, ...rest]).toEqual([3, 2, 1, 0]);
  });
});

describe('ids across rewrites', () => {
  const NOW = BASE_TIME + 100 * DAY;
  const EMPTY = { records: [], total: 0, health: { corruptLines: 0, tornTail: false } };

  it('hands out no id twice after clear and a restart', async () => {
    let log = await openLog();
    for (let i = 0; i < 5; i++) await sendOne(log);
    await log.clear();
    log = await reopen(log);
    // The mark is neither a record nor an unreadable line.
    expect(await log.page({}, 0, 10)).toEqual(EMPTY);
    expect(await log.page({ outcomes: ['sent'] }, 0, 10)).toEqual(EMPTY);
    expect(await collect(log.iterate({}))).toEqual([]);
    expect((await log.begin(draft())).id).toBe(5);
    // Cleared again with nothing but an interrupted attempt: the new mark replaces the old one.
    log = await reopen(log);
    expect(await log.clear()).toBe(1);
    expect(fileLines()).toEqual([meta(6)]);
    log = await reopen(log);
    expect((await sendOne(log)).id).toBe(6);
  });

  it('hands out no id twice after retention removes everything and a restart', async () => {
    let log = await openLog(() => NOW);
    await sendOne(log, { startedAt: NOW - 40 * DAY });
    await sendOne(log, { startedAt: NOW - 35 * DAY });
    expect(await log.applyRetention(30)).toBe(2);
    expect(fileLines()).toEqual([meta(2)]);
    log = await reopen(log, () => NOW);
    expect(await log.page({}, 0, 10)).toEqual(EMPTY);
    expect((await sendOne(log, { startedAt: NOW - 31 * DAY })).id).toBe(2);
    // A later purge keeps the mark, one line, never lower.
    expect(await log.applyRetention(30)).toBe(1);
    expect(fileLines()).toEqual([meta(3)]);
    log = await reopen(log, () => NOW);
    expect((await log.begin(draft({ startedAt: NOW }))).id).toBe(3);
  });

  it('finds the mark at the head of a file too big for the tail read to reach it', async () => {
    // The newest ids started long ago (a clock set wrong): retention removes them and keeps older ids.
    const MANY = 15_000;
    const records = Array.from({ length: MANY }, (_, id) => record(id, { startedAt: id >= MANY - 10 ? NOW - 40 * DAY : NOW - DAY }));
    writeHistoryFile(file, records, 'twoLines');
    let log = await openLog(() => NOW);
    expect(await log.applyRetention(30)).toBe(10);
    expect(fileLines()[0]).toBe(meta(MANY));
    log = await reopen(log, () => NOW);
    expect((await log.page({}, 0, 1)).records.map((r) => r.id)).toEqual([MANY - 11]);
    expect((await log.begin(draft())).id).toBe(MANY);
  });
});

describe('file permissions', () => {
  // POSIX only: Windows has no permission bits (chmod sets only the read-only flag); the ACL of the
  // per-user profile folder protects the history there.
  it.skipIf(process.platform === 'win32')('creates the history 0600 in a folder 0700, rewrites it 0600 and narrows an older file', async () => {
    let log = await openLog();
    expect(modeOf(path.dirname(file))).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    await sendOne(log);
    // A rewrite file left behind by a crash must not pass its mode on.
    fs.writeFileSync(`${file}.rewrite`, 'stale', { mode: 0o644 });
    fs.chmodSync(`${file}.rewrite`, 0o644);
    await log.clear();
    expect(modeOf(file)).toBe(0o600);

    log = await reopen(log);
    await sendOne(log);
    await log.close();
    fs.chmodSync(file, 0o644);
    log = await openLog();
    expect(modeOf(file)).toBe(0o600);
    expect(await ids(log, {})).toEqual([1]);
  });
});

describe('directory sync', () => {
  // Windows cannot open a directory to sync it; the module skips it there.
  it.skipIf(process.platform === 'win32')('syncs the new file\'s folder and each parent that gained a folder before the log opens', async () => {
    const synced = watchDirectorySyncs();
    const log = await openLog();
    expect(synced).toEqual([path.dirname(file), dir]);

    synced.length = 0;
    await sendOne(log);
    expect(await ids(await reopen(log), {})).toEqual([0]);
    expect(synced).toEqual([]);
  });
});

describe('a failed index build', () => {
  it('fails only the calls waiting for it; the next use builds the index again', async () => {
    writeHistoryFile(file, [record(0), record(1, { outcome: 'timeout' }), record(2)], 'twoLines');
    const scan = failFirstIndexScan(file);
    const log = await openLog();
    const waiting = log.page({ outcomes: ['sent'] }, 0, 10);
    scan.fail();
    await expect(waiting).rejects.toThrow(/EIO/);

    expect(await ids(log, { outcomes: ['sent'] })).toEqual([2, 0]);
    expect(await log.get(1)).toMatchObject({ id: 1, outcome: 'timeout' });
    expect((await collect(log.iterate({ search: '924' }))).map((r) => r.id)).toEqual([2, 1, 0]);
    expect((await sendOne(log)).id).toBe(3);
    expect(await log.clear()).toBe(4);
  });

  it('lets begin retry when the tail read proved nothing and the index must find the newest id', async () => {
    const count = 30_000;
    writeHistoryFile(file, Array.from({ length: count }, (_, id) => record(id)), 'oneLine');
    const scan = failFirstIndexScan(file);
    const log = await openLog();
    const waiting = log.begin(draft());
    scan.fail();
    await expect(waiting).rejects.toThrow(/EIO/);
    expect((await log.begin(draft())).id).toBe(count);
    expect(await log.applyRetention(1)).toBe(count);
  });
});
