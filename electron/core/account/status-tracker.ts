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
/** How far back a restart looks for sends to pick up: the polls' window plus the longest a send may wait (120 s). */
export const RESUME_LOOKBACK_MS = STATUS_DELAYS_MS.at(-1)! + 120_000;
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
  /**
   * Picks up the polls of a send answered before a restart: the ones its window still holds, counting the
   * requests already recorded against the bound; returns at once.
   */
  resume(record: HistoryRecord): void;
  /** Asks now, on demand, and records the answer; null when there is no such record. */
  refresh(id: number): Promise<HistoryRecord | null>;
  close(): void;
}

/** Whether get_status can be asked about this send at all: only a send with a provider id. */
export function hasStatusId(record: HistoryRecord): record is HistoryRecord & { apiId: number } {
  // An id too large for a safe integer is kept as text (shared/send-outcome.ts): it cannot be asked about.
  return record.outcome === 'sent' && typeof record.apiId === 'number' && Number.isSafeInteger(record.apiId) && record.apiId > 0;
}

/** A send whose status will not change any more: delivered. */
function isSettled(status: ProviderStatus | null): boolean {
  return status?.state === 'known' && status.delivered === true;
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

  /** `wait` is how long after now the poll `attempt` is due (its delay counts from the send's answer). */
  function poll(record: HistoryRecord, attempt: number, wait = (delays[attempt] ?? 0) - (attempt === 0 ? 0 : (delays[attempt - 1] ?? 0))): void {
    if (closed || delays[attempt] === undefined) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      askAndRecord(record).then(
        ({ done }) => {
          if (!done) poll(record, attempt + 1);
        },
        (error: unknown) => deps.log.warn('status.poll_failed', { id: record.id, error: error instanceof Error ? error.message : String(error) }),
      );
    }, Math.max(0, wait));
    // Polling never keeps the process alive on its own.
    timer.unref();
    timers.add(timer);
  }

  return {
    track(record) {
      if (hasStatusId(record)) poll(record, 0);
    },
    resume(record) {
      if (!hasStatusId(record) || isSettled(record.providerStatus)) return;
      const answeredAt = record.startedAt + (record.durationMs ?? 0);
      const elapsed = deps.now() - answeredAt;
      // The next poll not yet asked whose moment is still ahead; one already overdue is asked now, once.
      let attempt = record.providerStatus?.requests ?? 0;
      while (attempt + 1 < delays.length && (delays[attempt + 1] ?? 0) <= elapsed) attempt += 1;
      const delay = delays[attempt];
      if (delay === undefined || elapsed > (delays.at(-1) ?? 0)) return;
      poll(record, attempt, delay - elapsed);
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
