import pLimit from 'p-limit';
import type { ProviderStatus } from '../../../shared/account-schema.ts';
import type { HistoryRecord } from '../../../shared/history-schema.ts';
import type { StatusAnswer } from '../api/account-answers.ts';
import type { HistoryPort, LogPort } from '../ports.ts';

/**
 * When to ask get_status after a send, from its answer: within the code's 90 s, at most four requests
 * (the send itself is never retried; get_status is read-only, so asking again is safe).
 */
export const STATUS_DELAYS_MS = [2_000, 8_000, 25_000, 60_000] as const;
/** The bound, whatever delays are configured. */
export const MAX_STATUS_POLLS = 4;
/** Status requests under way at once, across polls and refreshes. */
export const STATUS_CONCURRENCY = 4;

export interface StatusTrackerDeps {
  history: HistoryPort;
  /** One get_status request for the send of this record; throws ContractError when it may not be asked. */
  ask: (record: HistoryRecord) => Promise<StatusAnswer>;
  log: LogPort;
  now: () => number;
  delaysMs?: readonly number[];
}

export interface StatusTracker {
  /** Starts the bounded polls for a send just answered; returns at once. */
  track(record: HistoryRecord): void;
  /** Asks now, on demand, and records the answer; null when there is no such record. */
  refresh(id: number): Promise<HistoryRecord | null>;
  close(): void;
}

/** Whether get_status can be asked about this send at all: only a send with a provider id. */
export function hasStatusId(record: HistoryRecord): record is HistoryRecord & { apiId: number } {
  // An id too large for a safe integer is kept as text (shared/send-outcome.ts): it cannot be asked about.
  return record.outcome === 'sent' && typeof record.apiId === 'number' && Number.isSafeInteger(record.apiId) && record.apiId > 0;
}

/** The record's status after one answer. A failure keeps what an earlier answer established. */
export function withAnswer(previous: ProviderStatus | null, answer: StatusAnswer, now: number): ProviderStatus {
  const requests = (previous?.requests ?? 0) + 1;
  if (answer.kind === 'failed') {
    if (previous?.state === 'known') return { ...previous, reason: answer.reason, requests, checkedAt: now };
    return { state: 'unknown', delivered: null, statusInfo: previous?.statusInfo ?? null, price: previous?.price ?? null, createdAt: previous?.createdAt ?? null, reason: answer.reason, requests, checkedAt: now };
  }
  const { kind, delivered, statusInfo, price, createdAt, reason } = answer;
  return { state: kind, delivered, statusInfo, price: price ?? previous?.price ?? null, createdAt: createdAt ?? previous?.createdAt ?? null, reason, requests, checkedAt: now };
}

export function createStatusTracker(deps: StatusTrackerDeps): StatusTracker {
  const delays = (deps.delaysMs ?? STATUS_DELAYS_MS).slice(0, MAX_STATUS_POLLS);
  const limit = pLimit(STATUS_CONCURRENCY);
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  /** One request and its durable record; the answer decides whether polling goes on. */
  async function askAndRecord(record: HistoryRecord): Promise<{ record: HistoryRecord | null; done: boolean }> {
    const answer = await limit(() => deps.ask(record));
    const saved = await deps.history.update(record.id, (current) => ({ ...current, providerStatus: withAnswer(current.providerStatus, answer, deps.now()) }));
    deps.log.info('status', { id: record.id, result: answer.kind, ...(answer.kind === 'failed' ? { reason: answer.reason } : { delivered: answer.delivered }) });
    // A delivered send will not change again, and a refused token will not be accepted on the next try.
    const done = (answer.kind === 'known' && answer.delivered === true) || (answer.kind === 'failed' && answer.final);
    return { record: saved, done };
  }

  function poll(record: HistoryRecord, attempt: number): void {
    const delay = delays[attempt];
    if (closed || delay === undefined) return;
    const previous = attempt === 0 ? 0 : (delays[attempt - 1] ?? 0);
    const timer = setTimeout(() => {
      timers.delete(timer);
      askAndRecord(record).then(
        ({ done }) => {
          if (!done) poll(record, attempt + 1);
        },
        (error: unknown) => deps.log.warn('status.poll_failed', { id: record.id, error: error instanceof Error ? error.message : String(error) }),
      );
    }, delay - previous);
    // Polling never keeps the process alive on its own.
    timer.unref();
    timers.add(timer);
  }

  return {
    track(record) {
      if (hasStatusId(record)) poll(record, 0);
    },
    async refresh(id) {
      const record = await deps.history.get(id);
      if (record === null) return null;
      if (!hasStatusId(record)) return record;
      return (await askAndRecord(record)).record;
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
