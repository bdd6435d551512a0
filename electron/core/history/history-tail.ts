/**
 * What opening learns before the index is built. The tail read goes backwards from the end so the first
 * page can be served at once; it proves which records are complete through the writer's invariant (see
 * history-log.ts): an id's first line is its `pending` line and ids are assigned in call order. The head
 * read gives the first id, for estimating the total, and the id mark a rewrite writes first.
 */
import type { FileHandle } from 'node:fs/promises';
import type { HistoryRecord } from '../../../shared/history-schema.ts';
import { readExactly } from './history-file-io.ts';
import { isBlank, NEWLINE, parseMeta, parseRecord } from './history-line.ts';

const TAIL_CHUNK = 64 * 1024;
/** How many newest records the tail read tries to prove complete (a page holds at most 500). */
const TAIL_TARGET = 1024;
/** Past this, the tail read gives up and pages wait for the index. */
const TAIL_BUDGET = 8 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

export interface Tail {
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
export async function readTail(fh: FileHandle, size: number): Promise<Tail> {
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

export interface Head {
  /** The id of the first valid record, to estimate the total before the index is ready. */
  id: number | null;
  /** The mark of the meta lines before it: a rewrite writes one first. */
  idMark: number;
}

export async function readHead(fh: FileHandle, size: number): Promise<Head> {
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
