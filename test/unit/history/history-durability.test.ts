import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeCsvExport } from '../../../electron/core/history/history-export.ts';
import { openHistoryLog, type HistoryLog } from '../../../electron/core/history/history-log.ts';
import type { HistoryRecord } from '../../../shared/history-schema.ts';
import { watchFileEvents, type FileEvent } from './fixtures/history-faults.ts';
import { BASE_TIME, draft, record, sent } from './fixtures/history-samples.ts';

/**
 * What survives power loss rests on the syncs, which no functional test can see: a file written but not
 * synced reads back the same. These tests watch the syncs themselves, in order, on the real files.
 */
const DAY = 86_400_000;

let dir: string;
let file: string;
let log: HistoryLog | null = null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tgcode-durable-'));
  file = path.join(dir, 'history.jsonl');
});
afterEach(async () => {
  await log?.close();
  log = null;
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openLog(now?: () => number): Promise<HistoryLog> {
  log = await openHistoryLog(file, now ? { now } : {});
  return log;
}

async function sendOne(history: HistoryLog, startedAt = BASE_TIME): Promise<HistoryRecord> {
  const started = await history.begin(draft({ startedAt }));
  return history.complete(started.id, sent());
}

const on = (events: readonly FileEvent[], target: string) => events.filter((event) => event.file === target).map((event) => event.op);
const lastIndex = (events: readonly FileEvent[], op: FileEvent['op'], target: string) => events.findLastIndex((event) => event.op === op && event.file === target);

/** A promise the test opens when it chooses, and whether anything is waiting on it yet. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open, waiting: 0 };
}

describe('appending', () => {
  it('syncs each line once, right after writing it', async () => {
    const events = watchFileEvents();
    const history = await openLog();
    events.length = 0;
    await sendOne(history);
    await sendOne(history);
    // Two lines per send (pending, then done), each written and then synced on its own.
    expect(on(events, file)).toEqual(['write', 'datasync', 'write', 'datasync', 'write', 'datasync', 'write', 'datasync']);
  });

  it('does not resolve begin(), which lets the request leave, until the pending line is synced', async () => {
    const sync = gate();
    watchFileEvents((op, target) => {
      if (op !== 'datasync' || target !== file) return undefined;
      sync.waiting += 1;
      return sync.opened;
    });
    const history = await openLog();
    let begun = false;
    const begin = history.begin(draft()).then((record) => {
      begun = true;
      return record;
    });
    await vi.waitFor(() => expect(sync.waiting).toBe(1));
    // The sync has been asked for and is under way: the attempt must not count as recorded yet.
    await new Promise((resolve) => setImmediate(resolve));
    expect(begun).toBe(false);
    sync.open();
    expect((await begin).state).toBe('pending');
  });
});

describe('rewriting (clear, retention)', () => {
  /** Checks the rewrite file is synced after its last write, then renamed over the history, then the folder synced. */
  function expectDurableRewrite(events: readonly FileEvent[]) {
    const temp = `${file}.rewrite`;
    const lastWrite = lastIndex(events, 'write', temp);
    const lastSync = lastIndex(events, 'datasync', temp);
    const rename = lastIndex(events, 'rename', file);
    const folderSync = lastIndex(events, 'sync', dir);
    expect(lastWrite, 'the rewrite file was written').toBeGreaterThanOrEqual(0);
    expect(lastSync, 'the rewrite file is synced after its last write').toBeGreaterThan(lastWrite);
    expect(rename, 'and only then renamed over the history').toBeGreaterThan(lastSync);
    expect(folderSync, 'and the folder synced after the rename').toBeGreaterThan(rename);
  }

  it('clear: syncs the bulk before holding sends, syncs the lines that came meanwhile, renames, then syncs the folder', async () => {
    const bulkSync = gate();
    const temp = `${file}.rewrite`;
    const events = watchFileEvents((op, target) => {
      // Only the first sync of the rewrite file waits: the one of the bulk, made before sends are held.
      if (op !== 'datasync' || target !== temp || bulkSync.waiting > 0) return undefined;
      bulkSync.waiting += 1;
      return bulkSync.opened;
    });
    const history = await openLog();
    await sendOne(history);
    await sendOne(history);
    const clearing = history.clear();
    try {
      await vi.waitFor(() => expect(bulkSync.waiting).toBe(1));
      // While the bulk is being synced, a send still goes through at once...
      let late: HistoryRecord | null = null;
      const sending = sendOne(history).then((record) => (late = record));
      await vi.waitFor(() => expect(late).not.toBeNull(), { timeout: 2000 });
      await sending;
    } finally {
      bulkSync.open();
    }
    expect(await clearing).toBe(2);
    // ...and its lines, copied after the bulk sync, are synced before the rename too.
    expectDurableRewrite(events);
    expect(lastIndex(events, 'write', temp)).toBeGreaterThan(events.findIndex((event) => event.op === 'datasync' && event.file === temp));
    const reopened = await openHistoryLog(file);
    try {
      expect((await reopened.page({}, 0, 10)).records.map((r) => r.id)).toEqual([2]);
    } finally {
      await reopened.close();
    }
  });

  it('retention: syncs the new file, renames it over the history, then syncs the folder', async () => {
    const NOW = BASE_TIME + 100 * DAY;
    const events = watchFileEvents();
    const history = await openLog(() => NOW);
    await sendOne(history, NOW - 40 * DAY);
    await sendOne(history, NOW - 1 * DAY);
    events.length = 0;
    expect(await history.applyRetention(30)).toBe(1);
    expectDurableRewrite(events);
  });
});

describe('CSV export', () => {
  it('syncs the file after its last write, before renaming it into place', async () => {
    const events = watchFileEvents();
    const target = path.join(dir, 'export.csv');
    async function* records() {
      for (let id = 0; id < 2500; id++) yield record(id);
    }
    expect(await writeCsvExport(target, records(), { delimiter: ';', language: 'ru' })).toBe(2500);
    const rename = lastIndex(events, 'rename', target);
    const part = events.find((event) => event.op === 'write')?.file ?? '';
    expect(path.dirname(part)).toBe(dir);
    const lastWrite = lastIndex(events, 'write', part);
    const sync = events.findIndex((event) => event.file === part && (event.op === 'sync' || event.op === 'datasync'));
    expect(lastWrite).toBeGreaterThan(0);
    expect(sync, 'synced after its last write').toBeGreaterThan(lastWrite);
    expect(rename, 'renamed into place only after the sync').toBeGreaterThan(sync);
  });
});
