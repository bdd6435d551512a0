/**
 * The send history: one append-only JSON Lines file. Every line is a complete, self-contained
 * HistoryRecord; when an id appears on several lines the last one wins. `begin` appends a `pending` line
 * before the request leaves and `complete` appends the `done` line after it, so a crash mid-request
 * leaves the attempt on disk, and on the next open it reads as `interrupted` (outcome unknown). Later
 * events of a finished attempt (a check of the code the caller read, a delivery status) are appended by
 * `update` as the record's new full state, so they are as durable as a send and need no other line type.
 *
 * Durability: every line is written and fdatasync'ed before its promise resolves; all appends go through
 * one queue, so concurrent calls land once each, in call order. A crash can only leave a half-written
 * last line: it is reported (`tornTail`), kept, and isolated by writing "\n" before the next line. Lines
 * that are not JSON or not a HistoryRecord are skipped and counted, never deleted. The file is never
 * truncated; only clear() and applyRetention() replace it, by writing a new file beside it, syncing it,
 * renaming it over the old one and syncing the directory, so a failure leaves the old file intact. A new
 * (empty) file, and any folder this module creates for it, has its directory entry synced before the
 * log opens, so no synced line can sit in a file whose name was never made durable.
 * What is tested: test/unit/history/history-crash.test.ts SIGKILLs a writing process. That loses the process but
 * not the OS page cache, so it proves the format and the recovery (torn lines, interrupted attempts, ids
 * never reused), not the flush to disk. Surviving power loss rests on fdatasync after every line and on
 * the directory fsyncs after creating or renaming the file (skipped on Windows, which cannot open a
 * directory to sync it and journals renames in NTFS itself); no test here cuts the power, but
 * test/unit/history/history-durability.test.ts watches each of those syncs happen, and in order.
 *
 * Privacy: the file holds full phone numbers and codes, so the file and every rewrite file are created
 * 0600 and the folders this module creates 0700; a file an older version left readable by others is
 * narrowed to 0600 when opened. (POSIX modes; on Windows the per-user profile folder's ACL protects it.)
 *
 * Ids are never reused, even across clear() and retention: a rewrite starts the new file with a meta line
 * `{"meta":{"nextId":N}}`, N being the next id this session would hand out. Opening takes the next id
 * as the larger of the marks it reads (the first line, and any meta line the tail read meets) and one past
 * the newest record. A meta line is neither a record nor a corrupt line; every rewrite drops the old one
 * and writes a fresh, never lower, mark.
 *
 * Speed: an append costs one write and one fdatasync whatever the history's size. Opening serves the
 * first page from a read of the newest lines (history-tail.ts) while the index (history-index.ts) is
 * built in the background (history-generation.ts). Filtered queries and pages beyond the tail await that
 * index; a page then reads only its own lines from disk.
 *
 * The writer keeps one invariant the tail read relies on: ids are assigned in call order and an id's
 * first line is its `pending` line, so first lines appear in increasing id order. A `pending` line for
 * id f seen near the end therefore proves every record with an id above f has its lines after it.
 */
import { constants as fsConstants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import fs from 'node:fs/promises';
import path from 'node:path';
import { HistoryRecord, type HistoryHealth, type HistoryQuery, type OperatorSummary } from '../../../shared/history-schema.ts';
import { BlockWriter, FILE_MODE, restrictMode, scanLines, syncDirectory, syncNewEntries, type LineVisitor } from './history-file-io.ts';
import { Generation } from './history-generation.ts';
import { compileFilter, PENDING, sendTimesSince, stateCode, summariseBySender, sumPrices, visitMatches, type IsInflight, type RecordIndex } from './history-index.ts';
import { claimedId, isBlank, metaLine, parseMeta } from './history-line.ts';
import type { HistoryPort, SendCompletion, SendDraft } from '../ports.ts';

const ITERATE_BATCH = 512;
const DAY_MS = 86_400_000;
const DIR_MODE = 0o700;
/** Read and append; created only if missing, so a stale file cannot keep another mode. */
const REWRITE_FLAGS = fsConstants.O_RDWR | fsConstants.O_APPEND | fsConstants.O_CREAT | fsConstants.O_EXCL;

const Draft = HistoryRecord.pick({ startedAt: true, phone: true, code: true, codeSource: true, mode: true, sentBy: true, osUser: true, host: true, apiBase: true });
const Completion = HistoryRecord.pick({
  outcome: true, delivery: true, httpStatus: true, status: true, statusInfo: true, operatorName: true,
  channel: true, apiId: true, error: true, durationMs: true, code: true, reportedCode: true, reportedPhone: true, retryAfterS: true, blockedBy: true,
});

/** A pending line not written by this session is an attempt whose answer was never recorded. */
function present(record: HistoryRecord, isInflight: IsInflight): HistoryRecord {
  if (record.state !== 'pending' || isInflight(record.id)) return record;
  return { ...record, state: 'interrupted', outcome: null, delivery: 'unknown' };
}

interface RewritePlan {
  removed: number;
  keepId: (id: number) => boolean;
  /** Whether lines that are not records stay. */
  keepCorrupt: boolean;
}

export async function openHistoryLog(file: string, options: { now?: () => number } = {}): Promise<HistoryLog> {
  const dir = path.dirname(file);
  const firstCreated = await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
  const fh = await fs.open(file, 'a+', FILE_MODE);
  let generation: Generation;
  try {
    await restrictMode(fh);
    generation = await Generation.open(fh);
    // Empty means new, or created by a run that died before this sync: sync it before any line counts as durable.
    if (generation.size === 0) await syncNewEntries(dir, firstCreated);
  } catch (error) {
    await fh.close();
    throw error;
  }
  return new HistoryLog(file, generation, options.now ?? Date.now);
}

export class HistoryLog implements HistoryPort {
  readonly #file: string;
  readonly #now: () => number;
  #generation: Generation;
  /** Attempts begun in this session whose outcome is not yet written. */
  readonly #inflight = new Map<number, HistoryRecord>();
  readonly #completing = new Set<number>();
  #nextId: number;
  /** Whether #nextId is known to be above every id in the file; until then the index decides. */
  #nextIdProven: boolean;
  #appends: Promise<unknown> = Promise.resolve();
  #rewrites: Promise<unknown> = Promise.resolve();
  #closed = false;
  readonly #isInflight: IsInflight = (id) => this.#inflight.has(id);

  /** Use openHistoryLog(). */
  constructor(file: string, generation: Generation, now: () => number) {
    this.#file = file;
    this.#now = now;
    this.#generation = generation;
    generation.startIndexing(this.#isInflight);
    this.#nextId = generation.idMark;
    const { floor, records } = generation.tail;
    // When the tail read could not prove which id is the newest, the index knows.
    this.#nextIdProven = floor !== null;
    if (floor !== null) for (const id of records.keys()) this.#nextId = Math.max(this.#nextId, id + 1);
  }

  async begin(draft: SendDraft): Promise<HistoryRecord> {
    this.#assertOpen();
    const checked = Draft.parse(draft);
    const id = await this.#allocateId();
    const record: HistoryRecord = {
      id,
      startedAt: checked.startedAt,
      state: 'pending',
      phone: checked.phone,
      code: checked.code,
      codeSource: checked.codeSource,
      outcome: null,
      delivery: 'unknown',
      httpStatus: null,
      status: null,
      statusInfo: null,
      operatorName: null,
      channel: null,
      apiId: null,
      error: null,
      durationMs: null,
      reportedCode: null,
      reportedPhone: null,
      retryAfterS: null,
      mode: checked.mode,
      sentBy: checked.sentBy,
      osUser: checked.osUser,
      host: checked.host,
      blockedBy: null,
      apiBase: checked.apiBase,
      check: null,
      providerStatus: null,
    };
    // Registered before the line lands so a concurrent read never mistakes it for an interrupted one.
    this.#inflight.set(id, record);
    try {
      await this.#append(record, PENDING);
    } catch (error) {
      this.#inflight.delete(id);
      throw error;
    }
    return { ...record };
  }

  async complete(id: number, completion: SendCompletion): Promise<HistoryRecord> {
    this.#assertOpen();
    const pending = this.#inflight.get(id);
    if (!pending || this.#completing.has(id)) throw new Error(`history record ${id} is not an open attempt of this session`);
    const record: HistoryRecord = { ...pending, ...Completion.parse(completion), state: 'done' };
    this.#completing.add(id);
    try {
      await this.#append(record, stateCode(record, this.#isInflight));
      this.#inflight.delete(id);
    } finally {
      this.#completing.delete(id);
    }
    return { ...record };
  }

  /**
   * Records a later event of a finished attempt (a check, a status) by appending the record's new full
   * state as a line: the last line for an id wins, in the index and on every reopen. `change` runs in
   * the append queue on the latest version, so two events for one record never overwrite each other;
   * it returns null to write nothing. Resolves to the record as it now stands, or null if there is none.
   */
  async update(id: number, change: (current: HistoryRecord) => HistoryRecord | null): Promise<HistoryRecord | null> {
    this.#assertOpen();
    return this.#serialise('appends', async () => {
      if (this.#inflight.has(id)) throw new Error(`history record ${id} is still an open attempt`);
      const current = await this.get(id);
      if (current === null) return null;
      const changed = change(current);
      if (changed === null) return current;
      const next = HistoryRecord.parse({ ...changed, id, startedAt: current.startedAt, phone: current.phone });
      await this.#generation.append(next, stateCode(next, this.#isInflight));
      return { ...next };
    });
  }

  /** The sum of the recorded prices over the query, from the index. */
  async spent(query: HistoryQuery): Promise<{ total: number; priced: number }> {
    this.#assertOpen();
    const { generation, index } = await this.#acquireIndexed();
    try {
      return sumPrices(index, compileFilter(query));
    } finally {
      generation.release();
    }
  }

  async page(query: HistoryQuery, offset: number, limit: number): Promise<{ records: HistoryRecord[]; total: number; health: HistoryHealth }> {
    this.#assertOpen();
    const start = Math.max(0, Math.floor(offset));
    const count = Math.max(0, Math.floor(limit));
    const filter = compileFilter(query);
    if (filter === null) {
      const fast = this.#generation.tailPage(start, count);
      if (fast) return { records: fast.records.map((record) => present(record, this.#isInflight)), total: fast.total, health: this.health() };
    }
    const { generation, index } = await this.#acquireIndexed();
    try {
      const slots: number[] = [];
      let total: number;
      if (filter === null) {
        total = index.count;
        for (let slot = index.count - 1 - start; slot >= 0 && slots.length < count; slot--) slots.push(slot);
      } else {
        let rank = 0;
        total = visitMatches(index, filter, (slot) => {
          if (rank >= start && rank < start + count) slots.push(slot);
          rank += 1;
        });
      }
      const records = await generation.readSlots(index, slots);
      return { records: records.map((record) => present(record, this.#isInflight)), total, health: generation.health() };
    } finally {
      generation.release();
    }
  }

  async get(id: number): Promise<HistoryRecord | null> {
    this.#assertOpen();
    const inflight = this.#inflight.get(id);
    if (inflight) return { ...inflight };
    const recent = this.#generation.recent?.get(id);
    if (recent) return present(recent, this.#isInflight);
    const { generation, index } = await this.#acquireIndexed();
    try {
      const slot = index.find(id);
      if (slot < 0) return null;
      const [record] = await generation.readSlots(index, [slot]);
      return record ? present(record, this.#isInflight) : null;
    } finally {
      generation.release();
    }
  }

  /** Start times of the attempts to `phone` since `since` that may have delivered a code (see sendTimesSince). */
  async sendTimesSince(phone: string, since: number): Promise<number[]> {
    this.#assertOpen();
    const { generation, index } = await this.#acquireIndexed();
    try {
      return sendTimesSince(index, phone, since);
    } finally {
      generation.release();
    }
  }

  /** Counts per sender over the matches, from the index alone. */
  async summary(query: HistoryQuery): Promise<OperatorSummary[]> {
    this.#assertOpen();
    const { generation, index } = await this.#acquireIndexed();
    try {
      return summariseBySender(index, compileFilter(query));
    } finally {
      generation.release();
    }
  }

  /** A snapshot of the matches at the start, read in batches; a concurrent rewrite does not disturb it. */
  async *iterate(query: HistoryQuery): AsyncGenerator<HistoryRecord> {
    this.#assertOpen();
    const filter = compileFilter(query);
    const { generation, index } = await this.#acquireIndexed();
    try {
      const slots: number[] = [];
      if (filter === null) for (let slot = index.count - 1; slot >= 0; slot--) slots.push(slot);
      else visitMatches(index, filter, (slot) => slots.push(slot));
      for (let i = 0; i < slots.length; i += ITERATE_BATCH) {
        const batch = await generation.readSlots(index, slots.slice(i, i + ITERATE_BATCH));
        for (const record of batch) yield present(record, this.#isInflight);
      }
    } finally {
      generation.release();
    }
  }

  /** Removes every record except attempts still in flight, and the unreadable lines too. */
  async clear(): Promise<number> {
    this.#assertOpen();
    return this.#rewrite((index, firstNewId, keep) => {
      let kept = 0;
      for (const id of keep) if (index.find(id) >= 0) kept += 1;
      return { removed: index.count - kept, keepId: (id) => id >= firstNewId || keep.has(id), keepCorrupt: false };
    });
  }

  /** Removes records started more than `days` days ago; unreadable lines and attempts in flight stay. */
  async applyRetention(days: number): Promise<number> {
    this.#assertOpen();
    if (!(days > 0)) return 0;
    const cutoff = this.#now() - days * DAY_MS;
    return this.#rewrite((index, firstNewId, keep) => {
      const expired = (slot: number) => {
        const id = index.ids[slot] ?? 0;
        return (index.startedAt[slot] ?? 0) < cutoff && id < firstNewId && !keep.has(id);
      };
      let removed = 0;
      for (let slot = 0; slot < index.count; slot++) if (expired(slot)) removed += 1;
      if (removed === 0) return null;
      return {
        removed,
        keepId: (id) => {
          const slot = index.find(id);
          return slot < 0 || !expired(slot);
        },
        keepCorrupt: true,
      };
    });
  }

  health(): HistoryHealth {
    return this.#generation.health();
  }

  /** Waits for queued writes, then releases the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#rewrites;
    await this.#appends;
    await this.#generation.retire();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('history is closed');
  }

  async #proveNextId(): Promise<void> {
    if (this.#nextIdProven) return;
    // No rewrite runs before this is proven, so the generation is still the one opened.
    const index = await this.#generation.indexed();
    this.#nextId = Math.max(this.#nextId, (index.maxId ?? -1) + 1);
    this.#nextIdProven = true;
  }

  async #allocateId(): Promise<number> {
    await this.#proveNextId();
    const id = this.#nextId;
    this.#nextId += 1;
    return id;
  }

  #append(record: HistoryRecord, code: number): Promise<void> {
    return this.#serialise('appends', () => this.#generation.append(record, code));
  }

  #serialise<T>(queue: 'appends' | 'rewrites', task: () => Promise<T>): Promise<T> {
    const previous = queue === 'appends' ? this.#appends : this.#rewrites;
    const run = previous.then(task);
    const settled = run.catch(() => undefined);
    if (queue === 'appends') this.#appends = settled;
    else this.#rewrites = settled;
    return run;
  }

  /** The current generation with its index built, held against closing until release(). */
  async #acquireIndexed(): Promise<{ generation: Generation; index: RecordIndex }> {
    for (;;) {
      const generation = this.#generation;
      generation.refs += 1;
      let index: RecordIndex;
      try {
        index = await generation.indexed();
      } catch (error) {
        generation.release();
        throw error;
      }
      if (generation === this.#generation) return { generation, index };
      generation.release();
    }
  }

  /**
   * Copies the lines to keep into `<file>.rewrite`: everything written before the start without
   * blocking appends, then, with appends held, what arrived meanwhile. Then syncs, renames over the
   * history and syncs the directory. Until the rename, the history file is untouched.
   */
  #rewrite(plan: (index: RecordIndex, firstNewId: number, inflight: ReadonlySet<number>) => RewritePlan | null): Promise<number> {
    return this.#serialise('rewrites', async () => {
      await this.#proveNextId();
      const { generation, index } = await this.#acquireIndexed();
      const tempPath = `${this.#file}.rewrite`;
      let temp: FileHandle | null = null;
      try {
        // Attempts begun from here on get ids >= firstNewId; those already in flight are in the set.
        const firstNewId = this.#nextId;
        const decided = plan(index, firstNewId, new Set(this.#inflight.keys()));
        if (decided === null) return 0;
        // A file left by a rewrite that crashed would keep its mode if reused.
        await fs.rm(tempPath, { force: true });
        temp = await fs.open(tempPath, REWRITE_FLAGS, FILE_MODE);
        const out = new BlockWriter(temp);
        // Every id below firstNewId has been handed out, and every id from it up has its lines copied
        // or appended after, so the mark keeps a restart from reusing ids whose records are gone.
        const mark = metaLine(firstNewId);
        out.push(mark, 0, mark.length);
        const copy: LineVisitor = (data, start, end) => {
          const text = data.toString('utf8', start, end);
          if (isBlank(text)) return;
          const id = claimedId(text);
          // Old meta lines go: the new mark is never lower.
          if (id === null ? decided.keepCorrupt && parseMeta(text) === null : decided.keepId(id)) out.push(data, start, end);
        };
        const flush = () => out.flush();
        const copiedUpTo = generation.size;
        await scanLines(generation.fh, 0, copiedUpTo, copy, flush);
        await out.flush();
        // The bulk is synced before appends are held, so sends wait only for the few lines since.
        await temp.datasync();
        const replaced = temp;
        return await this.#serialise('appends', async () => {
          await scanLines(generation.fh, copiedUpTo, generation.size, copy, flush);
          await out.flush();
          await replaced.datasync();
          const next = await Generation.open(replaced);
          await fs.rename(tempPath, this.#file);
          temp = null;
          this.#generation = next;
          next.startIndexing(this.#isInflight);
          await generation.retire();
          await syncDirectory(path.dirname(this.#file));
          return decided.removed;
        });
      } catch (error) {
        if (temp !== null) {
          await temp.close().catch(() => undefined);
          await fs.rm(tempPath, { force: true }).catch(() => undefined);
        }
        throw error;
      } finally {
        generation.release();
      }
    });
  }
}
