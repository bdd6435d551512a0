import fs from 'node:fs';

/** The part of the electron-store / conf API the core uses (both satisfy it). */
export interface KeyValueStore {
  readonly store: Record<string, unknown>;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** Several keys in one write of the file. */
  set(values: Record<string, unknown>): void;
  delete(key: string): void;
  clear(): void;
  readonly path: string;
}

/**
 * Opens a store via `open()`. conf / electron-store (with `clearInvalidConfig: false`) throw a
 * SyntaxError for a file that is not JSON; that file is renamed to `<file>.corrupt-<timestamp>` (never
 * deleted, so it can still be inspected or repaired by hand) and a fresh store is opened. Any other
 * error (permissions, a full disk) says nothing about the file's content, so it is thrown as it is.
 */
export function openStoreSafely(open: () => KeyValueStore, filePath: string): { store: KeyValueStore; recovered: boolean } {
  try {
    return { store: open(), recovered: false };
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'SyntaxError' || !fs.existsSync(filePath)) throw error;
  }
  fs.renameSync(filePath, freeCorruptName(filePath));
  return { store: open(), recovered: true };
}

const MAX_NAME_ATTEMPTS = 100;

/** A name no earlier corrupt copy holds: renameSync replaces an existing file on POSIX. */
function freeCorruptName(filePath: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
    const candidate = `${filePath}.corrupt-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
    if (!fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`no free name to keep the corrupt copy of ${filePath}`);
}
