/**
 * Low-level file helpers for the history: whole reads and writes, streaming lines, copying lines in
 * blocks, syncing directory entries and narrowing file modes. Opens go through the default
 * `node:fs/promises` object so test/unit/history/fixtures/history-faults.ts can spy on them.
 */
import type { FileHandle } from 'node:fs/promises';
import fs from 'node:fs/promises';
import path from 'node:path';
import { NEWLINE } from './history-line.ts';

/** The file holds full phone numbers and codes: owner read and write only. */
export const FILE_MODE = 0o600;

export async function readExactly(fh: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await fh.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) throw new Error('history file is shorter than its index');
    done += bytesRead;
  }
}

export async function writeAll(fh: FileHandle, buffer: Buffer): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesWritten } = await fh.write(buffer, done, buffer.length - done);
    done += bytesWritten;
  }
}

export type LineVisitor = (data: Buffer, start: number, end: number, fileOffset: number) => void;

/** Bytes read per chunk; test/unit/history/fixtures/history-faults.ts recognises the index scan by this buffer size. */
const SCAN_CHUNK = 1024 * 1024;

/**
 * Streams the lines of [from, to) in big chunks. The visitor gets positions inside a reused buffer and
 * must not keep it. A last segment without "\n" is visited too. `afterChunk` runs between chunks.
 */
export async function scanLines(fh: FileHandle, from: number, to: number, visit: LineVisitor, afterChunk: () => Promise<void>): Promise<void> {
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

const NEWLINE_BYTES = Buffer.from('\n');

/** Buffers copied lines and writes them in large blocks. */
export class BlockWriter {
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
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Syncs the folder holding a new file and, when `firstCreated` is the top folder mkdir created on the way,
 * each parent that gained a folder, so the whole path survives power loss.
 */
export async function syncNewEntries(dir: string, firstCreated: string | undefined): Promise<void> {
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
export async function restrictMode(fh: FileHandle): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await fh.stat();
  if ((mode & 0o077) !== 0) await fh.chmod(FILE_MODE).catch(() => undefined);
}
