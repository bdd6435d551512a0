import type { HistoryRecord } from '../../../shared/history-schema.ts';
import type { BillingItem } from '../api/billing-answer.ts';

/**
 * How far apart a billed send's time and a local attempt's start may be and still be the same send:
 * the request's own time (up to the timeout) and the desk's clock being a few minutes off.
 */
export const MATCH_WINDOW_MS = 10 * 60_000;

export interface BillingMatch {
  matched: number;
  /** Transactions no local attempt accounts for. */
  foreign: BillingItem[];
  /** Transactions without a readable phone or time: they cannot be compared. */
  uncompared: number;
}

/** The local attempts that can stand for a billed send: every one that may have reached the service. */
export const mayBeBilled = (record: HistoryRecord) => record.outcome !== 'blocked';

/**
 * Pairs each transaction with the nearest unpaired local attempt to the same phone within the window,
 * whose code agrees where both have one. Each attempt accounts for one transaction at most, so two
 * billed sends to a number the desk sent to once leave one of them foreign.
 */
export function matchBilling(items: readonly BillingItem[], local: readonly HistoryRecord[]): BillingMatch {
  const byPhone = new Map<string, HistoryRecord[]>();
  for (const record of local) {
    if (!mayBeBilled(record)) continue;
    const list = byPhone.get(record.phone) ?? [];
    list.push(record);
    byPhone.set(record.phone, list);
  }
  const used = new Set<number>();
  const foreign: BillingItem[] = [];
  let matched = 0;
  let uncompared = 0;
  // The ones with a code first, so a code-less transaction cannot take the attempt a coded one needs.
  const ordered = [...items].sort((a, b) => Number(b.code !== null) - Number(a.code !== null));
  for (const item of ordered) {
    if (item.phone === null || item.at === null) {
      uncompared += 1;
      continue;
    }
    let best: HistoryRecord | null = null;
    for (const record of byPhone.get(item.phone) ?? []) {
      if (used.has(record.id)) continue;
      const distance = Math.abs(record.startedAt - item.at);
      if (distance > MATCH_WINDOW_MS) continue;
      if (item.code !== null && record.code !== null && item.code !== record.code) continue;
      if (best === null || distance < Math.abs(best.startedAt - item.at)) best = record;
    }
    if (best === null) {
      foreign.push(item);
    } else {
      used.add(best.id);
      matched += 1;
    }
  }
  foreign.sort((a, b) => (b.at ?? 0) - (a.at ?? 0));
  return { matched, foreign, uncompared };
}
