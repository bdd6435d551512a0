import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { openHistoryLog, type HistoryLog } from '../../electron/core/history/history-log.ts';
import type { SendCompletion, SendDraft } from '../../electron/core/ports.ts';
import type { HistoryQuery, HistoryRecord } from '../../shared/history-schema.ts';
import { OUTCOME_KINDS, type OutcomeKind } from '../../shared/send-outcome.ts';

const APPEND_WARMUP = 20;
const APPEND_ROUNDS = 300;
const OPEN_ROUNDS = 3;
const SEARCH_ROUNDS = 20;
const CONF_ROUNDS = 3;
const WRITE_BLOCK = 4 * 1024 * 1024;
const START = Date.UTC(2024, 0, 1);
/** One sample send every 30 s: a million span most of a year, about 2,900 a day. */
export const SAMPLE_SPACING_MS = 30_000;
const FAILURES = OUTCOME_KINDS.filter((kind) => kind !== 'sent');

const DRAFT: SendDraft = { startedAt: START, phone: '79243555100', code: null, codeSource: 'generated', mode: 'production', sentBy: 'Оператор 1', osUser: 'operator1', host: 'desk-01', apiBase: null };
const COMPLETION: SendCompletion = {
  outcome: 'sent', delivery: 'sent', httpStatus: 200, status: true, statusInfo: 'Код отправлен', operatorName: 'МегаФон',
  channel: 'telegram', apiId: 1, error: null, durationMs: 240, code: '5821', blockedBy: null,
};

/** A deterministic spread of phones, so searches hit a realistic share of records. */
export function phoneOf(id: number): string {
  return `79${String((id * 2_654_435_761) % 1_000_000_000).padStart(9, '0')}`;
}

export function sample(id: number): HistoryRecord {
  // One send in ten fails, in turn with each failure kind.
  const outcome: OutcomeKind = id % 10 === 0 ? (FAILURES[(id / 10) % FAILURES.length] ?? 'timeout') : 'sent';
  return {
    id, startedAt: START + id * SAMPLE_SPACING_MS, state: 'done', phone: phoneOf(id), code: String(1000 + (id % 9000)), codeSource: id % 3 === 0 ? 'own' : 'generated',
    outcome, delivery: outcome === 'sent' ? 'sent' : 'not_sent', httpStatus: outcome === 'sent' ? 200 : 422,
    status: outcome === 'sent' ? true : null, statusInfo: outcome === 'sent' ? 'Код отправлен' : null, operatorName: outcome === 'sent' ? 'МегаФон' : null,
    channel: outcome === 'sent' ? 'telegram' : null, apiId: outcome === 'sent' ? 9_000_000 + id : null, error: outcome === 'sent' ? null : 'Некорректный номер',
    durationMs: 180 + (id % 400), reportedCode: null, reportedPhone: null, retryAfterS: null, mode: 'production', sentBy: `Оператор ${id % 40}`, osUser: 'operator1', host: 'desk-01', blockedBy: null, apiBase: null, check: null, providerStatus: null,
  };
}

/** Writes `count` records as the app leaves them (a pending line, then a done line), in big blocks, synced. */
export async function writeHistory(file: string, count: number): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    let block: string[] = [];
    let blockBytes = 0;
    for (let id = 0; id < count; id++) {
      const done = sample(id);
      const pending: HistoryRecord = { ...done, state: 'pending', outcome: null, delivery: 'unknown', httpStatus: null, status: null, statusInfo: null, operatorName: null, channel: null, apiId: null, error: null, durationMs: null };
      const lines = `${JSON.stringify(pending)}\n${JSON.stringify(done)}\n`;
      block.push(lines);
      blockBytes += lines.length;
      if (blockBytes >= WRITE_BLOCK) {
        await handle.appendFile(block.join(''));
        block = [];
        blockBytes = 0;
      }
    }
    await handle.appendFile(block.join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
export const round = (value: number) => Math.round(value * 1000) / 1000;

async function timeSend(log: HistoryLog): Promise<number> {
  const started = performance.now();
  const pending = await log.begin({ ...DRAFT, startedAt: Date.now() });
  await log.complete(pending.id, COMPLETION);
  return performance.now() - started;
}

/** Waits for the background index: a filtered query needs it. */
async function indexed(log: HistoryLog): Promise<void> {
  await log.page({ outcomes: ['sent'] }, 0, 1);
}

/**
 * Append cost at 1k vs 1M records: both logs are open at once and sends alternate between them, so
 * disk and machine noise hit both alike.
 */
async function benchAppends(smallFile: string, bigFile: string): Promise<{ small: number; big: number }> {
  const small = await openHistoryLog(smallFile);
  const big = await openHistoryLog(bigFile);
  try {
    await indexed(small);
    await indexed(big);
    for (let i = 0; i < APPEND_WARMUP; i++) {
      await timeSend(small);
      await timeSend(big);
    }
    const smallTimes: number[] = [];
    const bigTimes: number[] = [];
    for (let i = 0; i < APPEND_ROUNDS; i++) {
      smallTimes.push(await timeSend(small));
      bigTimes.push(await timeSend(big));
    }
    return { small: mean(smallTimes), big: mean(bigTimes) };
  } finally {
    await small.close();
    await big.close();
  }
}

async function benchOpen(file: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < OPEN_ROUNDS; i++) {
    const started = performance.now();
    const log = await openHistoryLog(file);
    const page = await log.page({}, 0, 50);
    times.push(performance.now() - started);
    if (page.records.length !== 50) throw new Error('first page came back short');
    await log.close();
  }
  return median(times);
}

/**
 * The slowest of a few searches, each a first page of 50: a full number in another format, partial
 * digits, the start of a number typed with 8, a code (which also matches numbers), an operator's name.
 */
async function benchSearch(file: string, count: number): Promise<number> {
  const log = await openHistoryLog(file);
  try {
    await indexed(log);
    const known = phoneOf(Math.floor(count / 2));
    const typed = `+7 (${known.slice(1, 4)}) ${known.slice(4, 7)}-${known.slice(7, 9)}-${known.slice(9)}`;
    const queries: HistoryQuery[] = [
      { search: typed }, { search: known.slice(3, 8) }, { search: '924' }, { search: '924', outcomes: ['sent'] },
      { search: `8 ${known.slice(1, 4)} ${known.slice(4, 6)}` }, { search: '5821' }, { search: 'оператор 3' },
    ];
    const perQuery: number[] = [];
    for (const query of queries) {
      const times: number[] = [];
      for (let i = 0; i < SEARCH_ROUNDS; i++) {
        const started = performance.now();
        const page = await log.page(query, 0, 50);
        times.push(performance.now() - started);
        if (page.total === 0) throw new Error(`search found nothing: ${JSON.stringify(query)}`);
      }
      perQuery.push(mean(times));
    }
    return Math.max(...perQuery);
  } finally {
    await log.close();
  }
}

/** The electron-store way: the whole history is one array in one JSON file, rewritten on every append. */
async function benchConf(dir: string, count: number): Promise<number> {
  const store = new Conf<{ records: HistoryRecord[] }>({ cwd: dir, configName: 'history-conf', defaults: { records: [] } });
  store.set('records', Array.from({ length: count }, (_, id) => sample(id)));
  const times: number[] = [];
  for (let i = 0; i < CONF_ROUNDS; i++) {
    const started = performance.now();
    const records = store.get('records');
    records.push(sample(count + i));
    store.set('records', records);
    times.push(performance.now() - started);
  }
  return mean(times);
}

export async function benchHistory(): Promise<Record<string, number>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tgcode-history-bench-'));
  try {
    const file1k = path.join(dir, 'history-1k.jsonl');
    const file100k = path.join(dir, 'history-100k.jsonl');
    const file1m = path.join(dir, 'history-1m.jsonl');
    await writeHistory(file1k, 1_000);
    await writeHistory(file100k, 100_000);
    await writeHistory(file1m, 1_000_000);

    const openMs = await benchOpen(file1m);
    const appends = await benchAppends(file1k, file1m);
    const searchMs = await benchSearch(file100k, 100_000);
    const confMs = await benchConf(dir, 100_000);
    return {
      history_append_1k_ms: round(appends.small),
      history_append_1m_ms: round(appends.big),
      history_append_ratio_1m_vs_1k: round(appends.big / appends.small),
      history_open_1m_first_page_ms: round(openMs),
      history_search_100k_ms: round(searchMs),
      electron_store_append_100k_ms: round(confMs),
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
