/**
 * The history file as opened: its synced size, what the tail read proved, and the index, built in the
 * background by streaming the file in 1 MiB chunks with event-loop yields. When the build fails (an I/O
 * error), the calls waiting for it reject with that error and the next call that needs the index starts
 * a new build.
 */
import type { FileHandle } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { HistoryHealth, HistoryRecord } from '../../../shared/history-schema.ts';
import { readExactly, scanLines, writeAll } from './history-file-io.ts';
import { RecordIndex, stateCode, type IsInflight } from './history-index.ts';
import { isBlank, NEWLINE, parseMeta, parseRecord } from './history-line.ts';
import { readHead, readTail, type Head, type Tail } from './history-tail.ts';

/** Reads of nearby lines closer than this are merged into one. */
const READ_GAP = 64 * 1024;
const READ_SPAN_MAX = 1024 * 1024;

/** One open file and everything known about it; replaced as a whole when the file is rewritten. */
export class Generation {
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
