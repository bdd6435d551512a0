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
import type { HistoryRecord } from '../../../shared/history-schema.ts';
import type { Delivery, OutcomeKind } from '../../../shared/send-outcome.ts';
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

interface Labels {
  header: readonly string[];
  codeSource: Record<HistoryRecord['codeSource'], string>;
  outcome: Record<OutcomeKind, string>;
  /** Shown in the outcome column when there is none. */
  state: Record<HistoryRecord['state'], string>;
  delivery: Record<Delivery, string>;
  mode: Record<Mode, string>;
  yes: string;
  no: string;
}

const LABELS: Record<Language, Labels> = {
  en: {
    header: ['Time', 'Phone', 'Code', 'Code source', 'Outcome', 'Delivery', 'HTTP status', 'Status', 'Status info', 'Mobile operator', 'API id', 'Error', 'Duration, ms', 'Mode', 'Sent by'],
    codeSource: { own: 'own', generated: 'generated' },
    outcome: {
      sent: 'sent',
      invalid_phone: 'invalid phone',
      unauthorized: 'unauthorized',
      rate_limited: 'rate limited',
      server_error: 'server error',
      unexpected_response: 'unexpected response',
      network_error: 'network error',
      timeout: 'timeout',
    },
    state: { pending: 'in progress', interrupted: 'interrupted', done: '' },
    delivery: { sent: 'sent', not_sent: 'not sent', unknown: 'unknown' },
    mode: { production: 'production', sandbox: 'sandbox' },
    yes: 'yes',
    no: 'no',
  },
  ru: {
    header: ['Время', 'Телефон', 'Код', 'Источник кода', 'Результат', 'Доставка', 'HTTP-статус', 'Статус', 'Описание статуса', 'Оператор связи', 'ID в API', 'Ошибка', 'Длительность, мс', 'Режим', 'Отправил'],
    codeSource: { own: 'свой', generated: 'сгенерирован' },
    outcome: {
      sent: 'отправлен',
      invalid_phone: 'неверный номер',
      unauthorized: 'нет доступа',
      rate_limited: 'лимит запросов',
      server_error: 'ошибка сервера',
      unexpected_response: 'непонятный ответ',
      network_error: 'ошибка сети',
      timeout: 'нет ответа',
    },
    state: { pending: 'в процессе', interrupted: 'прерван', done: '' },
    delivery: { sent: 'доставлен', not_sent: 'не доставлен', unknown: 'неизвестно' },
    mode: { production: 'рабочий', sandbox: 'песочница' },
    yes: 'да',
    no: 'нет',
  },
};

const pad = (value: number) => String(value).padStart(2, '0');

/** Local time as `2025-03-14 09:05:07`: what an operator reads, and what Excel parses as a date. */
function localTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const text = (value: number | string | null) => (value === null ? '' : String(value));

function row(record: HistoryRecord, labels: Labels): string[] {
  return [
    localTime(record.startedAt),
    // Canonical digits: Excel reads `+7 …` as a formula, and an apostrophe-guarded cell shows the apostrophe.
    record.phone,
    text(record.code),
    labels.codeSource[record.codeSource],
    record.outcome === null ? labels.state[record.state] : labels.outcome[record.outcome],
    labels.delivery[record.delivery],
    text(record.httpStatus),
    record.status === null ? '' : record.status ? labels.yes : labels.no,
    text(record.statusInfo),
    text(record.operatorName),
    text(record.apiId),
    text(record.error),
    record.durationMs === null ? '' : String(Math.round(record.durationMs)),
    labels.mode[record.mode],
    record.sentBy,
  ];
}

function csvLines(rows: string[][], delimiter: ';' | ','): string {
  return Papa.unparse(rows, { delimiter, newline: CRLF, quotes: false, escapeFormulae: FORMULA_START }) + CRLF;
}

/** Writes every record to `file` as CSV; returns the number of data rows. */
export async function writeCsvExport(file: string, records: AsyncIterable<HistoryRecord>, options: CsvExportOptions): Promise<number> {
  const labels = LABELS[options.language];
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.part`);
  // Phones and codes: only this OS user may read the export (the temp file's mode is the export's after the rename).
  const handle = await fs.open(temp, 'wx', 0o600);
  let count = 0;
  try {
    await handle.appendFile(BOM + csvLines([[...labels.header]], options.delimiter));
    let batch: string[][] = [];
    for await (const record of records) {
      batch.push(row(record, labels));
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
