/**
 * The history file's line format. Lines end with "\n" and each is one of: a complete HistoryRecord as
 * JSON (when an id appears on several lines the last one wins); a meta line `{"meta":{"nextId":N}}`
 * carrying the id high-water mark a rewrite starts the file with; a blank line, skipped; or anything
 * else, skipped and counted as corrupt.
 */
import { z } from 'zod';
import { HistoryRecord } from '../../../shared/history-schema.ts';

export const NEWLINE = 0x0a;

export function parseRecord(text: string): HistoryRecord | null {
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
export function claimedId(text: string): number | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'number') return value.id;
  } catch {
    return null;
  }
  return null;
}

const MetaLine = z.object({ meta: z.object({ nextId: z.number().int().nonnegative() }) });

export function metaLine(nextId: number): Buffer {
  return Buffer.from(JSON.stringify({ meta: { nextId } }));
}

/** The id high-water mark a meta line carries; null when the line is not a meta line. */
export function parseMeta(text: string): number | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = MetaLine.safeParse(value);
  return parsed.success ? parsed.data.meta.nextId : null;
}

export function isBlank(text: string): boolean {
  return text.trim() === '';
}
