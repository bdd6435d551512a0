import type { HistoryRecord } from '../../../shared/history-schema.ts';
import { maskPhone } from '../../../shared/phone.ts';
import type { ForeignSend, ReconcileReport } from '../../../shared/reconcile-schema.ts';
import type { Mode } from '../../../shared/settings-schema.ts';
import type { BillingAnswer, BillingItem } from '../api/billing-answer.ts';
import type { HistoryPort, LogPort } from '../ports.ts';
import { matchBilling, MATCH_WINDOW_MS } from './match-billing.ts';

/** Automatic comparisons run no more often than this while the app is open. */
export const RECONCILE_EVERY_MS = 15 * 60_000;

export interface ReconcilerDeps {
  /**
   * Asks get_billing_record where the desk's sends go now (the mode, address and token of one settings
   * snapshot); its texts come back token-free (ApiClient.getBillingRecord).
   */
  ask(): Promise<{ mode: Mode; answer: BillingAnswer }>;
  history: Pick<HistoryPort, 'iterate'>;
  log: LogPort;
  now(): number;
  everyMs?: number;
}

export interface Reconciler {
  /** Compares now; a comparison already under way is shared, not repeated. */
  run(): Promise<ReconcileReport>;
  last(): ReconcileReport | null;
  /** The operator has looked at the foreign sends: the header stops warning until new ones appear. */
  markSeen(): ReconcileReport | null;
  stop(): void;
}

const keyOf = (item: BillingItem) => JSON.stringify([item.createdAt, item.phone, item.code, item.price]);

/** What the renderer may see of a foreign send: the phone masked (the texts are already token-free). */
const foreignView = (item: BillingItem): ForeignSend => ({
  createdAt: item.createdAt,
  at: item.at,
  phone: item.phone === null ? null : maskPhone(item.phone),
  price: item.price,
  statusInfo: item.statusInfo,
});

/**
 * Compares the account's last billed sends (get_billing_record) with this desk's history, on demand
 * and every RECONCILE_EVERY_MS after the last comparison. A billed send no local attempt accounts for
 * was made by someone else with this token: another desk sharing it, or a leaked token.
 */
export function createReconciler(deps: ReconcilerDeps): Reconciler {
  const everyMs = deps.everyMs ?? RECONCILE_EVERY_MS;
  let report: ReconcileReport | null = null;
  const seen = new Set<string>();
  let current: BillingItem[] = [];
  let running: Promise<ReconcileReport> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = () => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void run().catch(() => undefined), everyMs);
    timer.unref?.();
  };

  async function localAttempts(items: readonly BillingItem[], mode: Mode): Promise<HistoryRecord[]> {
    const times = items.flatMap((item) => (item.at === null ? [] : [item.at]));
    if (times.length === 0) return [];
    const records: HistoryRecord[] = [];
    const query = { from: Math.min(...times) - MATCH_WINDOW_MS, to: Math.max(...times) + MATCH_WINDOW_MS + 1 };
    for await (const record of deps.history.iterate(query)) if (record.mode === mode) records.push(record);
    return records;
  }

  async function compare(): Promise<ReconcileReport> {
    const checkedAt = deps.now();
    const { mode, answer: read } = await deps.ask();
    const base = { checkedAt, mode, fetched: 0, matched: 0, uncompared: 0, foreign: [], unseen: false };
    if (read.kind === 'failed') return { ...base, outcome: 'failed', reason: read.reason };
    if (read.kind === 'unreadable') return { ...base, outcome: 'incomplete', reason: read.reason };
    const match = matchBilling(read.items, await localAttempts(read.items, mode));
    current = match.foreign;
    const uncompared = match.uncompared + read.unreadableItems;
    const outcome = match.foreign.length > 0 ? 'foreign' : uncompared > 0 ? 'incomplete' : 'clear';
    return {
      checkedAt,
      mode,
      outcome,
      fetched: read.items.length + read.unreadableItems,
      matched: match.matched,
      uncompared,
      foreign: match.foreign.map(foreignView),
      unseen: match.foreign.some((item) => !seen.has(keyOf(item))),
      reason: uncompared > 0 ? 'some transactions have no readable phone or time' : null,
    };
  }

  function run(): Promise<ReconcileReport> {
    running ??= compare()
      .then((result) => {
        report = result;
        deps.log.info('reconcile', { outcome: result.outcome, fetched: result.fetched, matched: result.matched, foreign: result.foreign.length, uncompared: result.uncompared, mode: result.mode });
        return result;
      })
      .finally(() => {
        running = null;
        schedule();
      });
    return running;
  }

  schedule();
  return {
    run,
    last: () => report,
    markSeen: () => {
      for (const item of current) seen.add(keyOf(item));
      if (report !== null) report = { ...report, unseen: false };
      return report;
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
