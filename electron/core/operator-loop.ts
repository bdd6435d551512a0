/**
 * The channels of the operator's loop after a send: checking the code the caller reads back, the
 * send's delivery status and price, and the account balance. Wired into the service (service.ts),
 * which owns where requests go; every request here goes through the same client and token rules.
 */
import type { Handlers } from '../../shared/contract.ts';
import { ContractError } from '../../shared/contract-error.ts';
import type { HistoryRecord, HistoryRow } from '../../shared/history-schema.ts';
import type { Mode } from '../../shared/settings-schema.ts';
import type { ApiClient } from './api/api-client.ts';
import { createBalanceMonitor } from './account/balance-monitor.ts';
import { createStatusTracker, hasStatusId, RESUME_LOOKBACK_MS, type StatusTracker } from './account/status-tracker.ts';
import { judge, SentCodes } from './check/code-check.ts';
import type { HistoryPort, LogPort, SettingsPort } from './ports.ts';

/** Where requests go now: resolved by the service exactly as for a send. */
export interface LoopTarget {
  mode: Mode;
  token: string;
  baseUrl: string;
  client: ApiClient;
}

export interface OperatorLoopDeps {
  history: HistoryPort;
  settings: SettingsPort;
  log: LogPort;
  now: () => number;
  target: () => Promise<LoopTarget>;
  /** Mode and address sends go to now, without resolving the token. */
  targetKey: () => Promise<string>;
  toRow: (record: HistoryRecord) => HistoryRow;
  statusDelaysMs?: readonly number[];
}

type LoopChannels = 'history:row' | 'history:spent' | 'check:code' | 'status:refresh' | 'balance:get';

export interface OperatorLoop {
  handlers: Pick<Handlers, LoopChannels>;
  /** After a send's answer is recorded: keeps its code for checking and starts its status polls. */
  afterSend(record: HistoryRecord, sentCode: string | null): void;
  /** At start: the status polls of sends answered just before the app closed go on where they stopped. */
  resumeStatusPolls(): Promise<void>;
  /** The history was cleared: no code of a removed send stays checkable. */
  cleared(): void;
  close(): void;
}

export function createOperatorLoop(deps: OperatorLoopDeps): OperatorLoop {
  const codes = new SentCodes(deps.now);

  /**
   * A status request goes only where the send went: the same mode, and in production the same API
   * address. (The simulator's port changes between runs; its ids do not survive it anyway.)
   */
  async function statusTarget(record: HistoryRecord): Promise<LoopTarget> {
    const where = await deps.target();
    if (where.mode !== record.mode) throw new ContractError('forbidden', `the send was made in ${record.mode} mode`);
    if (where.mode === 'production' && record.apiBase !== null && record.apiBase !== where.baseUrl) {
      throw new ContractError('forbidden', 'the send went to another API address');
    }
    return where;
  }

  const tracker: StatusTracker = createStatusTracker({
    history: deps.history,
    log: deps.log,
    now: deps.now,
    ...(deps.statusDelaysMs === undefined ? {} : { delaysMs: deps.statusDelaysMs }),
    ask: async (record) => {
      const where = await statusTarget(record);
      if (!hasStatusId(record)) throw new ContractError('not_found', 'the send has no id to ask about');
      return where.client.getStatus({ token: where.token, id: record.apiId });
    },
  });

  const balance = createBalanceMonitor({
    now: deps.now,
    currentKey: deps.targetKey,
    lowBalanceSends: () => deps.settings.get().settings.lowBalanceSends,
    ask: async () => {
      const key = await deps.targetKey();
      let where: LoopTarget;
      try {
        where = await deps.target();
      } catch (error) {
        // An unreadable token: the balance is unknown, which never blocks anything by itself.
        return { key, mode: 'production', answer: { kind: 'failed', reason: error instanceof ContractError ? error.code : 'no target' } };
      }
      return { key, mode: where.mode, answer: await where.client.getBalance({ token: where.token }) };
    },
  });

  const found = (record: HistoryRecord | null): HistoryRecord => {
    if (record === null) throw new ContractError('not_found', 'no such record');
    return record;
  };

  const handlers: OperatorLoop['handlers'] = {
    'history:row': async ({ id }) => deps.toRow(found(await deps.history.get(id))),
    'history:spent': ({ query }) => deps.history.spent(query),

    'check:code': async ({ id, code }) => {
      const tries = deps.settings.get().settings.checkTries;
      let judged: ReturnType<typeof judge> | null = null;
      // Judged inside the history's append queue on the latest record, so concurrent checks of one
      // send each use a try; the verdict is returned only once its record is on disk.
      const saved = found(
        await deps.history.update(id, (current) => {
          judged = judge(current, code, codes.get(id), { now: deps.now(), tries });
          return { ...current, check: judged.check };
        }),
      );
      const result = judged as ReturnType<typeof judge> | null;
      if (result === null) throw new ContractError('not_found', 'no such record');
      deps.log.info('check', { id, verdict: result.verdict, wrongTries: result.check.wrongTries });
      return { verdict: result.verdict, triesLeft: result.triesLeft, row: deps.toRow(saved) };
    },

    'status:refresh': async ({ id }) => deps.toRow(found(await tracker.refresh(id))),

    'balance:get': ({ refresh }) => balance.get(refresh),
  };

  return {
    handlers,
    afterSend(record, sentCode) {
      if (sentCode !== null && record.delivery !== 'not_sent') codes.remember(record.id, sentCode);
      tracker.track(record);
    },
    async resumeStatusPolls() {
      const { records } = await deps.history.page({ outcomes: ['sent'], from: deps.now() - RESUME_LOOKBACK_MS }, 0, 500);
      // The simulator starts afresh with the app and does not know the ids of a previous run.
      for (const record of records) if (record.mode === 'production') tracker.resume(record);
    },
    cleared: () => codes.clear(),
    close: () => tracker.close(),
  };
}
