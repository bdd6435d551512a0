import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCsvExport } from '../../../electron/core/history/history-export.ts';
import { outcomeOf, type HistoryRecord } from '../../../shared/history-schema.ts';
import { OUTCOME_KINDS } from '../../../shared/send-outcome.ts';
import { Token } from '../../../shared/token-schema.ts';
import { BASE_TIME, record } from './fixtures/history-samples.ts';

const LOCALES = path.resolve(import.meta.dirname, '../../../renderer/src/locales');
const readLocale = (language: 'ru' | 'en') => JSON.parse(fs.readFileSync(path.join(LOCALES, language, 'history.json'), 'utf8')) as { outcome: Record<string, string>; delivery: Record<string, string> };

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tgcode-export-'));
  file = path.join(dir, 'history.csv');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function* from(records: readonly HistoryRecord[]): AsyncGenerator<HistoryRecord> {
  for (const item of records) yield item;
}

function readCsv(delimiter: ';' | ','): string[][] {
  const raw = fs.readFileSync(file, 'utf8');
  expect(raw.startsWith('\ufeff')).toBe(true);
  const parsed = Papa.parse<string[]>(raw.slice(1), { delimiter, newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const localTime = (ms: number) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

describe('CSV export', () => {
  // POSIX permission bits; Windows has none to check (an export there inherits the folder's ACL).
  it.skipIf(process.platform === 'win32')('is readable by this OS user only (0600), also when it replaces an older file', async () => {
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    await writeCsvExport(file, from([record(1)]), { delimiter: ';', language: 'ru' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const fresh = path.join(dir, 'fresh.csv');
    await writeCsvExport(fresh, from([record(1)]), { delimiter: ';', language: 'ru' });
    expect(fs.statSync(fresh).mode & 0o777).toBe(0o600);
  });

  it('writes a BOM, a Russian header, CRLF line ends and one row per record with the chosen delimiter', async () => {
    const records = [record(2), record(1, { outcome: 'timeout', delivery: 'unknown', httpStatus: null, status: null, apiId: null, error: 'no answer in 15 s', code: null, codeSource: 'generated' })];
    expect(await writeCsvExport(file, from(records), { delimiter: ';', language: 'ru' })).toBe(2);

    const raw = fs.readFileSync(file);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8');
    expect(text.split('\r\n')).toHaveLength(4);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');

    const [header, first, second] = readCsv(';');
    expect(header).toEqual([
      'Время', 'Телефон', 'Код', 'Источник кода', 'Результат', 'Доставка', 'HTTP-статус', 'Статус', 'Описание статуса', 'Оператор связи', 'ID в API', 'Ошибка', 'Длительность, мс', 'Режим', 'Отправил',
      'Проверка кода', 'Неверных попыток', 'Статус у провайдера', 'Описание статуса у провайдера', 'Цена, руб.',
      'Пользователь ОС', 'Компьютер', 'Причина блокировки',
    ]);
    expect(first).toEqual([localTime(records[0]!.startedAt), '7 924 355-51-00', '1234', 'Свой код', 'Отправлен', 'Код отправлен', '200', 'да', 'Код отправлен', 'МегаФон', '555', '', '120', 'Песочница (встроенный симулятор)', 'Оператор 1', 'не проверен', '', '', '', '', 'irina', 'desk-01', '']);
    expect(second).toEqual([localTime(records[1]!.startedAt), '7 924 355-51-00', '', 'Сгенерирован сервисом', 'Нет ответа', 'Неизвестно', '', '', 'Код отправлен', 'МегаФон', '', 'no answer in 15 s', '120', 'Песочница (встроенный симулятор)', 'Оператор 1', 'не проверен', '', '', '', '', 'irina', 'desk-01', '']);
  });

  it('carries the verification, the provider\'s status as it said it, and the price', async () => {
    const status = { state: 'known', delivered: true, statusInfo: 'Ok: SIP 200 OK', price: 0.2, createdAt: null, reason: null, requests: 1, checkedAt: 0 } as const;
    const records = [
      record(3, { check: { state: 'verified', wrongTries: 1, checks: 2, lastVerdict: 'match', lastAt: 0 }, providerStatus: status }),
      record(2, { check: { state: 'failed', wrongTries: 3, checks: 3, lastVerdict: 'failed', lastAt: 0 }, providerStatus: { ...status, delivered: false, statusInfo: 'not delivered' } }),
      record(1, { check: { state: 'open', wrongTries: 0, checks: 1, lastVerdict: 'expired', lastAt: 0 }, providerStatus: { ...status, state: 'unknown', delivered: null, statusInfo: null, price: null, reason: 'HTTP 500' } }),
    ];
    await writeCsvExport(file, from(records), { delimiter: ';', language: 'en' });
    expect(readCsv(';').map((row) => row.slice(15, 20))).toEqual([
      ['Verification', 'Wrong tries', 'Provider status', 'Provider status info', 'Price, RUB'],
      ['verified', '1', 'success (1)', 'Ok: SIP 200 OK', '0.2'],
      ['check failed', '3', 'failure (0)', 'not delivered', '0.2'],
      ['not verified', '0', 'unknown', '', ''],
    ]);
  });

  it('writes an English header and labels with a comma delimiter, and names interrupted attempts', async () => {
    const interrupted = record(0, { state: 'interrupted', outcome: null, delivery: 'unknown', mode: 'production' });
    await writeCsvExport(file, from([interrupted]), { delimiter: ',', language: 'en' });
    const [header, row] = readCsv(',');
    expect(header?.[0]).toBe('Time');
    expect(header).toHaveLength(23);
    expect(row?.slice(4, 6)).toEqual(['Interrupted (unknown)', 'Unknown']);
    expect(row?.[13]).toBe('Production');
  });

  it('carries the OS account, the computer and why a guard blocked an attempt', async () => {
    const blocked = { outcome: 'blocked' as const, delivery: 'not_sent' as const, code: null, httpStatus: null, status: null, statusInfo: null, operatorName: null, apiId: null };
    const records = [
      record(1, { ...blocked, blockedBy: { rule: 'cooldown', cooldownSeconds: 60, lastSentAt: BASE_TIME, secondsLeft: 42 } }),
      record(2, { ...blocked, blockedBy: { rule: 'daily_cap', count: 5, limit: 5 }, osUser: 'petrov', host: 'desk-02' }),
    ];
    await writeCsvExport(file, from(records), { delimiter: ';', language: 'en' });
    const [header, cooldown, cap] = readCsv(';');
    expect(header?.[14]).toBe('Sent by');
    expect(header?.slice(20)).toEqual(['OS user', 'Computer', 'Blocked by']);
    expect(cooldown?.[4]).toBe('Blocked by limit');
    expect(cooldown?.[14]).toBe('Оператор 1');
    expect(cooldown?.slice(20)).toEqual(['irina', 'desk-01', 'Pause between codes: 42 s of 60 s were left']);
    expect(cap?.slice(20)).toEqual(['petrov', 'desk-02', 'Daily limit: 5 of 5 already sent']);
  });

  it('quotes delimiters, quotes and line breaks so every cell reads back unchanged', async () => {
    const tricky = 'Иванов; "старший"\r\nсмена, 2';
    await writeCsvExport(file, from([record(0, { sentBy: tricky, statusInfo: 'a,b;c' })]), { delimiter: ';', language: 'en' });
    const [, row] = readCsv(';');
    expect(row?.[14]).toBe(tricky);
    expect(row?.[8]).toBe('a,b;c');
  });

  it('neutralises every cell a spreadsheet would run as a formula', async () => {
    const dangerous = ['=HYPERLINK("http://x")', '+7 999', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=1+1\n=2'];
    const records = dangerous.map((value, id) => record(id, { error: value, sentBy: value }));
    await writeCsvExport(file, from(records), { delimiter: ',', language: 'en' });
    const rows = readCsv(',').slice(1);
    expect(rows.map((row) => row[11])).toEqual(dangerous.map((value) => `'${value}`));
    expect(rows.map((row) => row[14])).toEqual(dangerous.map((value) => `'${value}`));
    // The phone is written so that no spreadsheet runs it as a formula, and needs no guard.
    expect(rows.every((row) => row[1] === '7 924 355-51-00')).toBe(true);
  });

  it('names every outcome and delivery in the words the history screen shows, in both languages', async () => {
    const kinds = [...OUTCOME_KINDS.map((outcome) => ({ state: 'done' as const, outcome })), { state: 'pending' as const, outcome: null }, { state: 'interrupted' as const, outcome: null }];
    const deliveries = ['sent', 'not_sent', 'unknown'] as const;
    const records = kinds.map((kind, id) => record(id, { ...kind, delivery: deliveries[id % deliveries.length]! }));
    for (const language of ['ru', 'en'] as const) {
      // The UI's words: what OutcomeBadge and the details dialog take from the locale file.
      const ui = readLocale(language);
      await writeCsvExport(file, from(records), { delimiter: ';', language });
      const rows = readCsv(';').slice(1);
      expect(rows.map((row) => row[4])).toEqual(records.map((r) => ui.outcome[outcomeOf(r)]));
      expect(rows.map((row) => row[5])).toEqual(records.map((r) => ui.delivery[r.delivery]));
      // What the API confirms is that the code was sent, not that it arrived.
      expect(fs.readFileSync(file, 'utf8')).not.toMatch(/доставлен|delivered/i);
      fs.rmSync(file);
    }
  });

  it('writes the phone as a whole readable number that Excel keeps as text, without a guard apostrophe', async () => {
    await writeCsvExport(file, from([record(0, { phone: '79243555100' }), record(1, { phone: '79000000429' })]), { delimiter: ';', language: 'ru' });
    const bytes = fs.readFileSync(file);
    const lines = bytes.toString('utf8').split('\r\n');
    const phoneCell = (line: string | undefined) => line?.split(';')[1];
    expect(phoneCell(lines[1])).toBe('7 924 355-51-00');
    expect(phoneCell(lines[2])).toBe('7 900 000-04-29');
    // The exact bytes between the delimiters: ASCII digits, spaces and hyphens, no quote, no apostrophe.
    expect(bytes.includes(Buffer.from(';7 924 355-51-00;', 'ascii'))).toBe(true);
    expect(bytes.includes(Buffer.from("'7", 'ascii'))).toBe(false);
    expect(bytes.includes(Buffer.from(';79243555100;', 'ascii'))).toBe(false);
  });

  it('contains nothing token-shaped that was not in the records', async () => {
    const records = Array.from({ length: 50 }, (_, id) => record(id, { apiId: id * 7919, phone: `7924${String(id).padStart(7, '0')}` }));
    await writeCsvExport(file, from(records), { delimiter: ';', language: 'ru' });
    const cells = readCsv(';').flat();
    expect(cells.filter((cell) => Token.safeParse(cell).success)).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });

  it('writes large exports in batches and leaves only the finished file', async () => {
    const count = 2_500;
    const records = Array.from({ length: count }, (_, id) => record(id));
    expect(await writeCsvExport(file, from(records), { delimiter: ';', language: 'ru' })).toBe(count);
    expect(readCsv(';')).toHaveLength(count + 1);
    expect(fs.readdirSync(dir)).toEqual(['history.csv']);
  });

  it('leaves neither a half file nor a temp file when the records fail midway, and keeps an older file', async () => {
    fs.writeFileSync(file, 'previous export');
    async function* failing(): AsyncGenerator<HistoryRecord> {
      for (let id = 0; id < 1500; id++) yield record(id);
      throw new Error('history read failed');
    }
    await expect(writeCsvExport(file, failing(), { delimiter: ';', language: 'ru' })).rejects.toThrow('history read failed');
    expect(fs.readdirSync(dir)).toEqual(['history.csv']);
    expect(fs.readFileSync(file, 'utf8')).toBe('previous export');
  });
});
