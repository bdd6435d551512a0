import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { LogPort } from '../ports.ts';
import { maskPhones, redactSecrets } from './redact.ts';

export interface Logger extends LogPort {
  /** Resolves once every line logged so far is in the file. */
  flush(): Promise<void>;
  readonly file: string;
}

export interface LoggerOptions {
  dir: string;
  /**
   * Secrets to redact, in every form (redactSecrets), besides the token-shaped strings that every line
   * loses anyway. Read for every line, so a secret that changes at run time is covered at once.
   */
  secrets: () => readonly string[];
  /** The file rotates before a line would take it past this size. */
  maxBytes?: number;
  /** How many rotated files (`tgcode.1.log` … `tgcode.<maxFiles>.log`) are kept besides the current one. */
  maxFiles?: number;
  /** Also print each (redacted) line to the console, for development. */
  echo?: boolean;
}

type Level = 'info' | 'warn' | 'error';

const FILE_NAME = 'tgcode.log';
const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_FILES = 5;
/** Deep enough for any field the app logs; deeper parts of a foreign object are cut rather than walked. */
const MAX_DEPTH = 8;

/**
 * A rotating, line-per-event log: ISO time, level, event, JSON fields. Every string of the event and its
 * fields (keys, values, error messages and stacks, at any depth) passes through one redaction step before
 * it is serialised, so a secret or a phone number hidden in a nested field is treated the same as one at
 * the top level, and JSON escaping cannot split a secret the redaction would otherwise see whole. Lines
 * are appended asynchronously through one promise chain, which keeps them in call order.
 *
 * Hand-written rather than electron-log's Node build: that build offers no way to wait for its
 * asynchronous writes (flush), keeps a single `.old` file on rotation, and rewrites text after any
 * hook (`%c` style removal), so redaction could not be the last step before the file.
 */
export function createLogger(options: LoggerOptions): Logger {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  const file = path.join(options.dir, FILE_NAME);
  // Outcomes and masked phones: only this OS user may list or read them, like the data folder (the mode
  // applies when the folder is created; umask can only narrow it).
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });

  let size: number | null = null;
  let pending: Promise<void> = Promise.resolve();

  async function append(text: string): Promise<void> {
    size ??= await fileSize(file);
    const bytes = Buffer.byteLength(text);
    if (size > 0 && size + bytes > maxBytes) {
      // On Windows a viewer holding the log open blocks the rename; losing lines would be worse than
      // a longer file, so the line is written anyway and rotation is tried again after maxBytes more.
      await rotate(options.dir, maxFiles).catch(report);
      size = 0;
    }
    await fsp.appendFile(file, text, { encoding: 'utf8', mode: 0o600 });
    size += bytes;
  }

  function report(error: unknown): void {
    console.error(`tgcode log: cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }

  function write(level: Level, event: string, fields: Record<string, unknown> | undefined): void {
    const line = redactedLine(level, event, fields ?? {}, options.secrets);
    if (options.echo) console[level](line);
    pending = pending
      .then(() => append(`${line}\n`))
      .catch((error: unknown) => {
        // A full disk must not take the app down with it; the next line tries again.
        size = null;
        report(error);
      });
  }

  return {
    file,
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
    flush: () => pending,
  };
}

function prefix(level: Level, event: string): string {
  // Whitespace in an event name would let one call forge a second line.
  return `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${event.replace(/\s+/g, '_')}`;
}

/** The single redaction step: every string of the line is redacted before the line is put together. */
function redactedLine(level: Level, event: string, fields: Record<string, unknown>, secrets: () => readonly string[]): string {
  let known: readonly string[];
  try {
    known = secrets();
  } catch {
    // Without the list nothing can be redacted reliably, so the fields are dropped rather than risked;
    // the event name still loses anything token-shaped.
    return `${prefix(level, maskPhones(redactSecrets(event, [])))} {"redaction":"failed"}`;
  }
  // Tokens first: maskPhones would cut a token's long digit groups and leave the rest unrecognisable.
  const clean = (text: string) => maskPhones(redactSecrets(text, known));
  return `${prefix(level, clean(event))} ${JSON.stringify(toJson(fields, 0, [], clean))}`;
}

/**
 * A JSON-safe copy with every string (keys too) passed through `clean`: errors keep their name, message,
 * code, cause and stack; cycles and depth are cut.
 */
function toJson(value: unknown, depth: number, ancestors: readonly object[], clean: (text: string) => string): unknown {
  if (typeof value === 'string') return clean(value);
  if (typeof value === 'bigint') return clean(value.toString());
  if (typeof value === 'function' || typeof value === 'symbol') return `[${typeof value}]`;
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.includes(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[depth]';
  const inside = [...ancestors, value];
  const walk = (item: unknown) => toJson(item, depth + 1, inside, clean);
  const entries = (object: object) => Object.fromEntries(Object.entries(object).map(([key, item]) => [clean(key), walk(item)]));
  if (value instanceof Error) {
    const { name, message, stack } = value;
    return { name: walk(name), message: walk(message), ...entries(value), ...(value.cause === undefined ? {} : { cause: walk(value.cause) }), stack: walk(stack) };
  }
  if ('toJSON' in value && typeof value.toJSON === 'function') return walk(value.toJSON());
  if (Array.isArray(value)) return value.map(walk);
  if (value instanceof Map) return walk(Object.fromEntries(value));
  if (value instanceof Set) return walk([...value]);
  return entries(value);
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await fsp.stat(file)).size;
  } catch {
    return 0;
  }
}

/** tgcode.log → tgcode.1.log, tgcode.1.log → tgcode.2.log, …; the oldest beyond maxFiles is removed. */
async function rotate(dir: string, maxFiles: number): Promise<void> {
  const name = (index: number) => path.join(dir, index === 0 ? FILE_NAME : `tgcode.${index}.log`);
  await fsp.rm(name(maxFiles), { force: true });
  for (let index = maxFiles - 1; index >= 0; index--) {
    await fsp.rename(name(index), name(index + 1)).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
  }
}
