/**
 * Writes the history as CSV for Excel: UTF-8 with a BOM (so Excel detects the encoding), the chosen
 * delimiter (Russian Excel expects ';'), CRLF line ends, a header row in the operator's language.
 * Rows are written in batches as they arrive, into a temp file beside the target that is synced and
 * renamed over it only at the end, so a failed or abandoned export never leaves half a file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
// Plain data: the export names outcomes in exactly the UI's words, in the operator's language.
import en from '../../../renderer/src/locales/en/history.json' with { type: 'json' };
import ru from '../../../renderer/src/locales/ru/history.json' with { type: 'json' };
import type { CheckState } from '../../../shared/check-schema.ts';
import { outcomeOf, type HistoryRecord, type OutcomeFilter } from '../../../shared/history-schema.ts';
import { formatPhone } from '../../../shared/phone.ts';
import type { GuardBlock } from '../../../shared/send-guard.ts';
import type { Delivery } from '../../../shared/send-outcome.ts';
import type { Language, Mode } from '../../../shared/settings-schema.ts';

export interface CsvExportOptions {
  delimiter: ';' | ',';
  language: Language;
}

const BATCH_ROWS = 1000;
const BOM = '\ufeff';
const CRLF = '\r\n';
/**
 * Cells Excel would run as a formula (or that start with a control character it strips first) get a
 * leading apostrophe. papaparse's own `escapeFormulae: true` pattern ends in `.*$` without the `s` flag,
 * so it misses such a cell when it also contains a line break; this one checks the first character only.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The CSV's columns, in order; their names are the locale files' `export.columns`. */
const COLUMNS = [
  'time', 'phone', 'code', 'codeSource', 'outcome', 'delivery', 'httpStatus', 'status', 'statusInfo', 'operator', 'apiId', 'error', 'durationMs', 'mode', 'sentBy',
  'check', 'wrongTries', 'providerStatus', 'providerStatusInfo', 'price',
  'osUser', 'host', 'blockedBy',
] as const;

/** The words the export shares with the history screen, read from the same locale files the UI uses. */
interface HistoryWords {
  outcome: Record<OutcomeFilter, string>;
  delivery: Record<Delivery, string>;
  codeSource: Record<HistoryRecord['codeSource'], string>;
  mode: Record<Mode, string>;
  details: { yes: string; no: string };
  blockedBy: Record<GuardBlock['rule'], string>;
  export: {
    columns: Record<(typeof COLUMNS)[number], string>;
    /** The checks of the code the caller read; `none` when never checked. */
    check: Record<CheckState['state'] | 'none', string>;
    /** The provider's flag as get_status gave it, never read as more than it says. */
    providerStatus: { success: string; failure: string; unknown: string };
  };
}

const WORDS: Record<Language, HistoryWords> = { en, ru };

const pad = (value: number) => String(value).padStart(2, '0');

/** Local time as `2025-03-14 09:05:07`: what an operator reads, and what Excel parses as a date. */
function localTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const text = (value: number | string | null) => (value === null ? '' : String(value));

function row(record: HistoryRecord, words: HistoryWords): string[] {
  return [
    localTime(record.startedAt),
    // `7 924 355-51-00`: Excel keeps it as text, whole and readable. Bare digits turn into 7,92E+10,
    // `+7 …` runs as a formula, and an apostrophe guard would show.
    formatPhone(record.phone).replace(/^\+/, ''),
    text(record.code),
    words.codeSource[record.codeSource],
    words.outcome[outcomeOf(record)],
    words.delivery[record.delivery],
    text(record.httpStatus),
    record.status === null ? '' : record.status ? words.details.yes : words.details.no,
    text(record.statusInfo),
    text(record.operatorName),
    text(record.apiId),
    text(record.error),
    record.durationMs === null ? '' : String(Math.round(record.durationMs)),
    words.mode[record.mode],
    record.sentBy,
    words.export.check[record.check?.state ?? 'none'],
    record.check === null ? '' : String(record.check.wrongTries),
    providerStatusText(record, words),
    text(record.providerStatus?.statusInfo ?? null),
    text(record.providerStatus?.price ?? null),
    text(record.osUser),
    text(record.host),
    blockText(record.blockedBy, words),
  ];
}

function providerStatusText({ providerStatus }: HistoryRecord, words: HistoryWords): string {
  if (providerStatus === null) return '';
  const labels = words.export.providerStatus;
  if (providerStatus.delivered === null) return labels.unknown;
  return providerStatus.delivered ? labels.success : labels.failure;
}

/** The history screen's sentence for the rule, its `{{name}}` places filled as i18next fills them there. */
function blockText(block: GuardBlock | null, words: HistoryWords): string {
  if (block === null) return '';
  const values: Record<string, number> =
    block.rule === 'cooldown' ? { left: block.secondsLeft, of: block.cooldownSeconds } : { count: block.count, limit: block.limit };
  return words.blockedBy[block.rule].replace(/\{\{(\w+)\}\}/g, (place, name: string) => String(values[name] ?? place));
}

function csvLines(rows: string[][], delimiter: ';' | ','): string {
  return Papa.unparse(rows, { delimiter, newline: CRLF, quotes: false, escapeFormulae: FORMULA_START }) + CRLF;
}

/** Writes every record to `file` as CSV; returns the number of data rows. */
export async function writeCsvExport(file: string, records: AsyncIterable<HistoryRecord>, options: CsvExportOptions): Promise<number> {
  const words = WORDS[options.language];
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.part`);
  // Phones and codes: only this OS user may read the export (the temp file's mode is the export's after the rename).
  const handle = await fs.open(temp, 'wx', 0o600);
  let count = 0;
  try {
    await handle.appendFile(BOM + csvLines([COLUMNS.map((column) => words.export.columns[column])], options.delimiter));
    let batch: string[][] = [];
    for await (const record of records) {
      batch.push(row(record, words));
      count += 1;
      if (batch.length === BATCH_ROWS) {
        await handle.appendFile(csvLines(batch, options.delimiter));
        batch = [];
      }
    }
    if (batch.length > 0) await handle.appendFile(csvLines(batch, options.delimiter));
    await handle.sync();
    await handle.close();
    await fs.rename(temp, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
  return count;
}
