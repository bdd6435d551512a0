/**
 * The send history: one append-only JSON Lines file. Every line is a complete, self-contained
 * HistoryRecord; when an id appears on several lines the last one wins. `begin` appends a `pending` line
 * before the request leaves and `complete` appends the `done` line after it, so a crash mid-request
 * leaves the attempt on disk, and on the next open it reads as `interrupted` (outcome unknown).
 *
 * Durability: every line is written and fdatasync'ed before its promise resolves; all appends go through
 * one queue, so concurrent calls land once each, in call order. A crash can only leave a half-written
 * last line: it is reported (`tornTail`), kept, and isolated by writing "\n" before the next line. Lines
 * that are not JSON or not a HistoryRecord are skipped and counted, never deleted. The file is never
 * truncated; only clear() and applyRetention() replace it, by writing a new file beside it, syncing it,
 * renaming it over the old one and syncing the directory, so a failure leaves the old file intact. A new
 * (empty) file, and any folder this module creates for it, has its directory entry synced before the
 * log opens, so no synced line can sit in a file whose name was never made durable.
 * What is tested: test/unit/history-crash.test.ts SIGKILLs a writing process. That loses the process but
 * not the OS page cache, so it proves the format and the recovery (torn lines, interrupted attempts, ids
 * never reused), not the flush to disk. Surviving power loss rests on fdatasync after every line and on
 * the directory fsyncs after creating or renaming the file (skipped on Windows, which cannot open a
 * directory to sync it and journals renames in NTFS itself); no test here cuts the power.
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
 * Speed: an append costs one write and one fdatasync whatever the history's size. Opening reads the
 * newest lines backwards from the end to serve the first page at once, while a compact index (typed
 * arrays, ~45 bytes a record: id, byte offset and length of the latest line, startedAt, phone digits,
 * outcome code) is built in the background by streaming the file in 1 MiB chunks with event-loop
 * yields. Filtered queries and pages beyond the tail await that index; a page then reads only its own
 * lines from disk. Phone search is a byte search over a fixed-width buffer of phone digits. When the
 * build fails (an I/O error), the calls waiting for it reject with that error and the next call that
 * needs the index starts a new build.
 *
 * The writer keeps one invariant the tail read relies on: ids are assigned in call order and an id's
 * first line is its `pending` line, so first lines appear in increasing id order. A `pending` line for
 * id f seen near the end therefore proves every record with an id above f has its lines after it.
 */
import { constants as fsConstants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { z } from 'zod';
import { HistoryRecord, type HistoryHealth, type HistoryQuery } from '../../shared/history-schema.ts';
import { checkPhone } from '../../shared/phone.ts';
import { OUTCOME_KINDS } from '../../shared/send-outcome.ts';
import type { HistoryPort, SendCompletion, SendDraft } from './ports.ts';

const SCAN_CHUNK = 1024 * 1024;
const TAIL_CHUNK = 64 * 1024;
/** How many newest records the tail read tries to prove complete (a page holds at most 500). */
const TAIL_TARGET = 1024;
/** Past this, the tail read gives up and pages wait for the index. */
const TAIL_BUDGET = 8 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;
/** Reads of nearby lines closer than this are merged into one. */
const READ_GAP = 64 * 1024;
const READ_SPAN_MAX = 1024 * 1024;
const ITERATE_BATCH = 512;
/** Phone digits per index slot; a shorter phone is padded with zero bytes, so no match spans two slots. */
const PHONE_WIDTH = 16;
const PHONE_DIGITS = /^[0-9]{1,15}$/;
const DAY_MS = 86_400_000;
const NEWLINE = 0x0a;
const NEWLINE_BYTES = Buffer.from('\n');
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
/** Read and append; created only if missing, so a stale file cannot keep another mode. */
const REWRITE_FLAGS = fsConstants.O_RDWR | fsConstants.O_APPEND | fsConstants.O_CREAT | fsConstants.O_EXCL;

// Index codes: the outcome kinds by position, then the states without an outcome.
const PENDING = OUTCOME_KINDS.length;
const INTERRUPTED = PENDING + 1;
const NO_OUTCOME = PENDING + 2;
const CODE_COUNT = NO_OUTCOME + 1;
const OUTCOME_CODE = new Map<string, number>(OUTCOME_KINDS.map((kind, code) => [kind, code]));

const Draft = HistoryRecord.pick({ startedAt: true, phone: true, code: true, codeSource: true, mode: true, sentBy: true });
const Completion = HistoryRecord.pick({
  outcome: true, delivery: true, httpStatus: true, status: true, statusInfo: true, operatorName: true,
  channel: true, apiId: true, error: true, durationMs: true, code: true,
});

type IsInflight = (id: number) => boolean;

function stateCode(record: HistoryRecord, isInflight: IsInflight): number {
  if (record.state === 'pending') return isInflight(record.id) ? PENDING : INTERRUPTED;
  if (record.state === 'interrupted') return INTERRUPTED;
  return record.outcome === null ? NO_OUTCOME : (OUTCOME_CODE.get(record.outcome) ?? NO_OUTCOME);
}

/** A pending line not written by this session is an attempt whose answer was never recorded. */
function present(record: HistoryRecord, isInflight: IsInflight): HistoryRecord {
  if (record.state !== 'pending' || isInflight(record.id)) return record;
  return { ...record, state: 'interrupted', outcome: null, delivery: 'unknown' };
}

function parseRecord(text: string): HistoryRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = HistoryRecord.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The id a line claims, even when the rest of it is not a valid record. */
function claimedId(text: string): number | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'number') return value.id;
  } catch {
    return null;
  }
  return null;
}

const MetaLine = z.object({ meta: z.object({ nextId: z.number().int().nonnegative() }) });

function metaLine(nextId: number): Buffer {
  return Buffer.from(JSON.stringify({ meta: { nextId } }));
}

/** The id high-water mark a meta line carries; null when the line is not a meta line. */
function parseMeta(text: string): number | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = MetaLine.safeParse(value);
  return parsed.success ? parsed.data.meta.nextId : null;
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/**
 * Struct of arrays, one slot per record, slots sorted by id. No record objects are kept, so a million
 * records take tens of MB.
 */
class RecordIndex {
  count = 0;
  ids: Float64Array;
  offsets: Float64Array;
  lengths: Uint32Array;
  startedAt: Float64Array;
  codes: Uint8Array;
  phones: Buffer;

  constructor(capacity: number) {
    this.ids = new Float64Array(capacity);
    this.offsets = new Float64Array(capacity);
    this.lengths = new Uint32Array(capacity);
    this.startedAt = new Float64Array(capacity);
    this.codes = new Uint8Array(capacity);
    this.phones = Buffer.alloc(capacity * PHONE_WIDTH);
  }

  get maxId(): number | null {
    return this.count === 0 ? null : (this.ids[this.count - 1] ?? null);
  }

  find(id: number): number {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = this.ids[mid] ?? 0;
      if (value === id) return mid;
      if (value < id) low = mid + 1;
      else high = mid - 1;
    }
    return -(low + 1);
  }

  /** Records the latest line of a record; a later line for the same id replaces the earlier one. */
  upsert(record: HistoryRecord, offset: number, length: number, code: number): void {
    let slot: number;
    if (this.count === 0 || record.id > (this.ids[this.count - 1] ?? 0)) {
      slot = this.count;
      this.resize(this.count + 1);
      this.count += 1;
    } else {
      const found = this.find(record.id);
      if (found >= 0) {
        slot = found;
      } else {
        // Only a hand-edited file puts a new id below an existing one.
        slot = -found - 1;
        this.resize(this.count + 1);
        this.shiftUp(slot);
        this.count += 1;
      }
    }
    this.ids[slot] = record.id;
    this.offsets[slot] = offset;
    this.lengths[slot] = length;
    this.startedAt[slot] = record.startedAt;
    this.codes[slot] = code;
    const at = slot * PHONE_WIDTH;
    this.phones.fill(0, at, at + PHONE_WIDTH);
    if (PHONE_DIGITS.test(record.phone)) this.phones.write(record.phone, at, 'latin1');
  }

  /** Drops the spare capacity left by doubling, keeping room for a session's appends. */
  trim(): void {
    const capacity = this.count + Math.max(1024, this.count >>> 3);
    if (capacity < this.ids.length) this.reallocate(capacity);
  }

  private resize(needed: number): void {
    if (needed > this.ids.length) this.reallocate(Math.max(needed, this.ids.length * 2));
  }

  private reallocate(capacity: number): void {
    const copy = <T extends Float64Array | Uint32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from.subarray(0, this.count));
      return to;
    };
    this.ids = copy(this.ids, new Float64Array(capacity));
    this.offsets = copy(this.offsets, new Float64Array(capacity));
    this.lengths = copy(this.lengths, new Uint32Array(capacity));
    this.startedAt = copy(this.startedAt, new Float64Array(capacity));
    this.codes = copy(this.codes, new Uint8Array(capacity));
    const phones = Buffer.alloc(capacity * PHONE_WIDTH);
    this.phones.copy(phones, 0, 0, this.count * PHONE_WIDTH);
    this.phones = phones;
  }

  private shiftUp(slot: number): void {
    const end = this.count;
    this.ids.copyWithin(slot + 1, slot, end);
    this.offsets.copyWithin(slot + 1, slot, end);
    this.lengths.copyWithin(slot + 1, slot, end);
    this.startedAt.copyWithin(slot + 1, slot, end);
    this.codes.copyWithin(slot + 1, slot, end);
    this.phones.copyWithin((slot + 1) * PHONE_WIDTH, slot * PHONE_WIDTH, end * PHONE_WIDTH);
  }
}

interface Filter {
  /** Canonical phone followed by the zero padding byte: an exact match must start a slot. */
  exactPhone: Buffer | null;
  phoneDigits: Buffer | null;
  /** Per index code: 1 when it matches; null when outcomes do not filter. */
  codes: Uint8Array | null;
  from: number;
  to: number;
}

/** Null when the query filters nothing. An empty `outcomes` list does not filter either. */
function compileFilter(query: HistoryQuery): Filter | null {
  let exactPhone: Buffer | null = null;
  let phoneDigits: Buffer | null = null;
  if (query.phone !== undefined) {
    const checked = checkPhone(query.phone);
    if (checked.ok) {
      exactPhone = Buffer.from(`${checked.canonical}\0`, 'latin1');
    } else {
      const digits = query.phone.replace(/[^0-9]/g, '');
      if (digits.length >= 3) phoneDigits = Buffer.from(digits, 'latin1');
    }
  }
  let codes: Uint8Array | null = null;
  if (query.outcomes !== undefined && query.outcomes.length > 0) {
    codes = new Uint8Array(CODE_COUNT);
    for (const outcome of query.outcomes) {
      if (outcome === 'pending') codes[PENDING] = 1;
      else if (outcome === 'interrupted') codes[INTERRUPTED] = 1;
      else codes[OUTCOME_CODE.get(outcome) ?? NO_OUTCOME] = 1;
    }
  }
  const from = query.from ?? -Infinity;
  const to = query.to ?? Infinity;
  if (!exactPhone && !phoneDigits && !codes && from === -Infinity && to === Infinity) return null;
  return { exactPhone, phoneDigits, codes, from, to };
}

/** Slots whose phone matches, ascending. */
function phoneSlots(index: RecordIndex, filter: Filter): number[] {
  const haystack = index.phones.subarray(0, index.count * PHONE_WIDTH);
  const slots: number[] = [];
  if (filter.exactPhone) {
    for (let at = haystack.indexOf(filter.exactPhone); at !== -1; at = haystack.indexOf(filter.exactPhone, at + 1)) {
      if (at % PHONE_WIDTH === 0) slots.push(at / PHONE_WIDTH);
    }
  } else if (filter.phoneDigits) {
    for (let at = haystack.indexOf(filter.phoneDigits); at !== -1; ) {
      const slot = Math.floor(at / PHONE_WIDTH);
      slots.push(slot);
      at = haystack.indexOf(filter.phoneDigits, (slot + 1) * PHONE_WIDTH);
    }
  }
  return slots;
}

/** Calls `visit` for every matching slot, newest first; returns how many matched. */
function visitMatches(index: RecordIndex, filter: Filter, visit: (slot: number) => void): number {
  const { codes, from, to } = filter;
  const matches = (slot: number): boolean => {
    const started = index.startedAt[slot] ?? 0;
    return started >= from && started < to && (codes === null || codes[index.codes[slot] ?? NO_OUTCOME] === 1);
  };
  let total = 0;
  const take = (slot: number) => {
    if (!matches(slot)) return;
    total += 1;
    visit(slot);
  };
  if (filter.exactPhone || filter.phoneDigits) {
    const slots = phoneSlots(index, filter);
    for (let i = slots.length - 1; i >= 0; i--) take(slots[i] ?? 0);
  } else {
    for (let slot = index.count - 1; slot >= 0; slot--) take(slot);
  }
  return total;
}

async function readExactly(fh: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await fh.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) throw new Error('history file is shorter than its index');
    done += bytesRead;
  }
}

async function writeAll(fh: FileHandle, buffer: Buffer): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesWritten } = await fh.write(buffer, done, buffer.length - done);
    done += bytesWritten;
  }
}

type LineVisitor = (data: Buffer, start: number, end: number, fileOffset: number) => void;

/**
 * Streams the lines of [from, to) in big chunks. The visitor gets positions inside a reused buffer and
 * must not keep it. A last segment without "\n" is visited too. `afterChunk` runs between chunks.
 */
async function scanLines(fh: FileHandle, from: number, to: number, visit: LineVisitor, afterChunk: () => Promise<void>): Promise<void> {
  const chunk = Buffer.allocUnsafe(SCAN_CHUNK);
  let carry = Buffer.alloc(0);
  let dataOffset = from;
  let position = from;
  while (position < to) {
    const { bytesRead } = await fh.read(chunk, 0, Math.min(SCAN_CHUNK, to - position), position);
    if (bytesRead === 0) throw new Error('history file shrank while it was read');
    position += bytesRead;
    const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    let lineStart = 0;
    for (let nl = data.indexOf(NEWLINE); nl !== -1; nl = data.indexOf(NEWLINE, lineStart)) {
      visit(data, lineStart, nl, dataOffset + lineStart);
      lineStart = nl + 1;
    }
    carry = Buffer.from(data.subarray(lineStart));
    dataOffset += lineStart;
    await afterChunk();
  }
  if (carry.length > 0) visit(carry, 0, carry.length, dataOffset);
}

interface Tail {
  /** Latest known version of each record seen near the end (and, until the index is built, of each record written since). */
  records: Map<number, HistoryRecord>;
  /**
   * Every record with an id >= floor is in `records`; -Infinity when the whole file was read, null when
   * nothing could be proven within the budget.
   */
  floor: number | null;
  corrupt: number;
  /** The highest id mark of the meta lines met (0 when none). */
  idMark: number;
}

/**
 * Reads backwards from the end; the first line seen for an id is its latest. A file within the budget
 * is read whole, so its totals are exact from the start.
 */
async function readTail(fh: FileHandle, size: number): Promise<Tail> {
  const whole = size <= TAIL_BUDGET;
  const records = new Map<number, HistoryRecord>();
  let lowestPending = Infinity;
  let corrupt = 0;
  let idMark = 0;
  let carry = Buffer.alloc(0);
  let position = size;
  const provenCount = () => {
    let count = 0;
    for (const id of records.keys()) if (id >= lowestPending) count += 1;
    return count;
  };
  while (position > 0 && size - position < TAIL_BUDGET) {
    const length = Math.min(TAIL_CHUNK, position);
    position -= length;
    const chunk = Buffer.allocUnsafe(length);
    await readExactly(fh, chunk, position);
    const data = carry.length > 0 ? Buffer.concat([chunk, carry]) : chunk;
    // Bytes before the first "\n" may belong to a line that starts in an earlier chunk.
    const stop = position === 0 ? -1 : data.indexOf(NEWLINE);
    if (stop === -1 && position > 0) {
      carry = data;
      continue;
    }
    for (let lineEnd = data.length; lineEnd > stop; ) {
      const nl = lineEnd > 0 ? data.lastIndexOf(NEWLINE, lineEnd - 1) : -1;
      const text = data.toString('utf8', nl + 1, lineEnd);
      lineEnd = nl;
      if (isBlank(text)) continue;
      const record = parseRecord(text);
      if (record === null) {
        const mark = parseMeta(text);
        if (mark === null) corrupt += 1;
        else idMark = Math.max(idMark, mark);
        continue;
      }
      if (!records.has(record.id)) records.set(record.id, record);
      if (record.state === 'pending') lowestPending = Math.min(lowestPending, record.id);
    }
    carry = position === 0 ? Buffer.alloc(0) : Buffer.from(data.subarray(0, stop));
    if (!whole && lowestPending !== Infinity && provenCount() >= TAIL_TARGET) break;
  }
  const floor = position === 0 ? -Infinity : lowestPending === Infinity ? null : lowestPending;
  return { records, floor, corrupt, idMark };
}

interface Head {
  /** The id of the first valid record, to estimate the total before the index is ready. */
  id: number | null;
  /** The mark of the meta lines before it: a rewrite writes one first. */
  idMark: number;
}

async function readHead(fh: FileHandle, size: number): Promise<Head> {
  const head = Buffer.allocUnsafe(Math.min(HEAD_BYTES, size));
  await readExactly(fh, head, 0);
  let idMark = 0;
  let lineStart = 0;
  for (let nl = head.indexOf(NEWLINE); nl !== -1; nl = head.indexOf(NEWLINE, lineStart)) {
    const text = head.toString('utf8', lineStart, nl);
    const record = parseRecord(text);
    if (record) return { id: record.id, idMark };
    idMark = Math.max(idMark, parseMeta(text) ?? 0);
    lineStart = nl + 1;
  }
  return { id: null, idMark };
}

/** One open file and everything known about it; replaced as a whole when the file is rewritten. */
class Generation {
  readonly fh: FileHandle;
  /** Bytes written and synced so far. */
  size: number;
  /** The file does not end with "\n" (a torn line, or an append that failed midway). */
  needsNewline: boolean;
  readonly tornTail: boolean;
  readonly tail: Tail;
  readonly headId: number | null;
  /** The id high-water mark of the meta lines read at open: no id below it may be handed out again. */
  readonly idMark: number;
  /** Records written before the index was built; null once it is. */
  recent: Map<number, HistoryRecord> | null;
  index: RecordIndex | null = null;
  corrupt = 0;
  refs = 0;
  /** The index covers [0, scanEnd) by scanning; lines appended after reach it through `late`. */
  private readonly scanEnd: number;
  private isInflight: IsInflight = () => false;
  /** The build running now; null before the first and after one fails, so the next caller retries. */
  private building: Promise<RecordIndex> | null = null;
  private retired = false;
  private stopped = false;
  private closing: Promise<void> | null = null;
  private late: { record: HistoryRecord; offset: number; length: number; code: number }[] = [];

  constructor(fh: FileHandle, size: number, tornTail: boolean, tail: Tail, head: Head) {
    this.fh = fh;
    this.size = size;
    this.scanEnd = size;
    this.needsNewline = tornTail;
    this.tornTail = tornTail;
    this.tail = tail;
    this.headId = head.id;
    this.idMark = Math.max(tail.idMark, head.idMark);
    this.recent = tail.records;
  }

  static async open(fh: FileHandle): Promise<Generation> {
    const { size } = await fh.stat();
    let tornTail = false;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await readExactly(fh, last, size - 1);
      tornTail = last[0] !== NEWLINE;
    }
    const tail = await readTail(fh, size);
    // A tail that reached the start has seen the head already.
    const head = tail.floor === -Infinity || size === 0 ? { id: null, idMark: 0 } : await readHead(fh, size);
    return new Generation(fh, size, tornTail, tail, head);
  }

  /** Exact once the index is built; before that, corrupt lines are those the tail read met. */
  health(): HistoryHealth {
    return { corruptLines: this.index ? this.corrupt : this.tail.corrupt, tornTail: this.tornTail };
  }

  /** Starts building the index in the background. */
  startIndexing(isInflight: IsInflight): void {
    this.isInflight = isInflight;
    this.indexed().catch(() => undefined);
  }

  /** The index, once built. A failed build rejects its waiters only: the next call starts a new one. */
  indexed(): Promise<RecordIndex> {
    if (this.index) return Promise.resolve(this.index);
    if (this.stopped) return Promise.reject(new Error('history is closed'));
    this.building ??= this.buildIndex().catch((error: unknown) => {
      this.building = null;
      throw error;
    });
    return this.building;
  }

  /** Scans everything before the first append of this generation, then adds the appends since. */
  private async buildIndex(): Promise<RecordIndex> {
    const index = new RecordIndex(Math.max(1024, Math.floor(this.scanEnd / 800)));
    let corrupt = 0;
    await scanLines(
      this.fh,
      0,
      this.scanEnd,
      (data, start, stop, offset) => {
        const text = data.toString('utf8', start, stop);
        if (isBlank(text)) return;
        const record = parseRecord(text);
        if (record !== null) index.upsert(record, offset, stop - start, stateCode(record, this.isInflight));
        else if (parseMeta(text) === null) corrupt += 1;
      },
      async () => {
        if (this.stopped) throw new Error('history closed while indexing');
        await nextTurn();
      },
    );
    for (const entry of this.late) index.upsert(entry.record, entry.offset, entry.length, entry.code);
    index.trim();
    this.late = [];
    this.corrupt = corrupt;
    this.index = index;
    this.tail.records.clear();
    this.recent = null;
    return index;
  }

  /** Appends one line and syncs it. Callers serialise appends. */
  async append(record: HistoryRecord, code: number): Promise<void> {
    const prefix = this.needsNewline ? '\n' : '';
    const bytes = Buffer.from(`${prefix}${JSON.stringify(record)}\n`);
    const offset = this.size + prefix.length;
    try {
      await writeAll(this.fh, bytes);
      await this.fh.datasync();
    } catch (error) {
      // Part of the line may have landed; the next line must start on a fresh one.
      this.needsNewline = true;
      this.size = await this.fh.stat().then((stat) => stat.size, () => this.size);
      throw error;
    }
    this.size += bytes.length;
    this.needsNewline = false;
    const length = bytes.length - prefix.length - 1;
    if (this.index) {
      this.index.upsert(record, offset, length, code);
    } else {
      this.late.push({ record, offset, length, code });
      this.recent?.set(record.id, record);
    }
  }

  /** Reads the latest line of each slot, in the order given, merging reads of nearby lines. */
  async readSlots(index: RecordIndex, slots: readonly number[]): Promise<HistoryRecord[]> {
    const wanted = slots.map((slot, order) => ({ order, offset: index.offsets[slot] ?? 0, length: index.lengths[slot] ?? 0 }));
    const sorted = [...wanted].sort((a, b) => a.offset - b.offset);
    const result: HistoryRecord[] = new Array<HistoryRecord>(slots.length);
    for (let i = 0; i < sorted.length; ) {
      const first = sorted[i];
      if (!first) break;
      let j = i + 1;
      let end = first.offset + first.length;
      for (let next = sorted[j]; next && next.offset - end <= READ_GAP && next.offset + next.length - first.offset <= READ_SPAN_MAX; next = sorted[j]) {
        end = Math.max(end, next.offset + next.length);
        j += 1;
      }
      const buffer = Buffer.allocUnsafe(end - first.offset);
      await readExactly(this.fh, buffer, first.offset);
      for (let k = i; k < j; k++) {
        const item = sorted[k];
        if (!item) continue;
        const at = item.offset - first.offset;
        const record = parseRecord(buffer.toString('utf8', at, at + item.length));
        if (record === null) throw new Error('history file changed on disk behind the index');
        result[item.order] = record;
      }
      i = j;
    }
    return result;
  }

  /** Newest records proven complete by the tail read, or null when the page needs the index. */
  tailPage(offset: number, limit: number): { records: HistoryRecord[]; total: number } | null {
    const { floor } = this.tail;
    if (this.recent === null || floor === null) return null;
    const ids = [...this.recent.keys()].filter((id) => id >= floor).sort((a, b) => b - a);
    if (floor !== -Infinity && offset + limit > ids.length) return null;
    const records = ids.slice(offset, offset + limit).flatMap((id) => this.recent?.get(id) ?? []);
    // Before the index exists the total is estimated from the id range (ids are consecutive unless
    // records were removed in between); it is exact when the whole file fitted in the tail read.
    const newest = ids[0];
    const estimate = floor === -Infinity || this.headId === null || newest === undefined ? ids.length : newest - this.headId + 1;
    return { records, total: Math.max(ids.length, estimate) };
  }

  release(): void {
    this.refs -= 1;
    if (this.retired && this.refs === 0) void this.closeFile();
  }

  /** Stops indexing and closes the file once no reader holds it. */
  async retire(): Promise<void> {
    this.retired = true;
    this.stopped = true;
    await this.building?.catch(() => undefined);
    if (this.refs === 0) await this.closeFile();
  }

  /** Closing a handle only read from or already synced loses nothing, so a failure to close is not reported. */
  private closeFile(): Promise<void> {
    this.closing ??= this.fh.close().catch(() => undefined);
    return this.closing;
  }
}

/** Buffers copied lines and writes them in large blocks. */
class BlockWriter {
  private readonly fh: FileHandle;
  private parts: Buffer[] = [];

  constructor(fh: FileHandle) {
    this.fh = fh;
  }

  push(data: Buffer, start: number, end: number): void {
    this.parts.push(Buffer.from(data.subarray(start, end)), NEWLINE_BYTES);
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const block = Buffer.concat(this.parts);
    this.parts = [];
    await writeAll(this.fh, block);
  }
}

/** Makes a new or renamed entry durable. Windows cannot open a directory for syncing; NTFS journals it itself. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

interface RewritePlan {
  removed: number;
  keepId: (id: number) => boolean;
  /** Whether lines that are not records stay. */
  keepCorrupt: boolean;
}

/**
 * Syncs the folder holding a new file and, when `firstCreated` is the top folder mkdir created on the way,
 * each parent that gained a folder, so the whole path survives power loss.
 */
async function syncNewEntries(dir: string, firstCreated: string | undefined): Promise<void> {
  let folder = path.resolve(dir);
  await syncDirectory(folder);
  if (firstCreated === undefined) return;
  const top = path.dirname(path.resolve(firstCreated));
  while (folder !== top && folder !== path.dirname(folder)) {
    folder = path.dirname(folder);
    await syncDirectory(folder);
  }
}

/** Narrows a file an older version created readable by others. Best effort: the history works either way. */
async function restrictMode(fh: FileHandle): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await fh.stat();
  if ((mode & 0o077) !== 0) await fh.chmod(FILE_MODE).catch(() => undefined);
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
      mode: checked.mode,
      sentBy: checked.sentBy,
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
