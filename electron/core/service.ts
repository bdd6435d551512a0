import type { ErrorCode, Handlers } from '../../shared/contract.ts';
import type { UpdateHandlers } from './update/update-controller.ts';
import { CODE_VISIBLE_MS } from '../../shared/code.ts';
import type { HistoryRecord, HistoryRow } from '../../shared/history-schema.ts';
import { checkPhone, maskPhone } from '../../shared/phone.ts';
import type { ApiOutcome } from '../../shared/send-outcome.ts';
import type { TokenStatus } from '../../shared/token-schema.ts';
import { ApiClient, type ApiClientOptions } from './api/api-client.ts';
import { answerMismatch, NO_MISMATCH, type AnswerMismatch } from './api/answer-mismatch.ts';
import type { HistoryPort, LogPort, SendCompletion, SendDraft, SettingsPort, TokenRead, VaultPort } from './ports.ts';
import { overridesInForce, type RuntimeEnv } from './runtime-env.ts';
import { ContractError } from '../../shared/contract-error.ts';
import type { DeskIdentity } from './desk-identity.ts';
import { localDayStart } from './local-day.ts';
import { decideGuard, guardWindowStart } from './send-guard.ts';
import type { GuardStatus } from '../../shared/send-guard.ts';
import type { BillingAnswer } from './api/billing-answer.ts';
import { createReconciler } from './reconcile/reconciler.ts';
import { DEFAULT_API_BASE, type Settings } from '../../shared/settings-schema.ts';
import { SANDBOX_TOKEN } from './api/simulator.ts';
import { createOperatorLoop, type LoopTarget } from './operator-loop.ts';

export interface ServiceDeps {
  version: string;
  env: RuntimeEnv;
  settings: SettingsPort;
  vault: VaultPort;
  history: HistoryPort;
  log: LogPort;
  /** Base URL of the built-in simulator, started on first use. */
  sandboxBaseUrl: () => Promise<string>;
  /** Asks where to save an export (a save dialog in the app); null when the operator cancels. */
  chooseExportFile: (suggestedName: string) => Promise<string | null>;
  /** Writes the export (electron/core/history/history-export.ts); returns the number of rows. */
  writeExport: (file: string, records: AsyncIterable<HistoryRecord>) => Promise<number>;
  /** The OS account and host name, read by the shell (electron/core/desk-identity.ts). */
  identity: DeskIdentity;
  now?: () => number;
  /** The IANA zone whose midnight starts the daily cap's day; the process's own zone by default. */
  timeZone?: string;
  /** get_billing_record for `count` transactions where sends go now; tests replace it. */
  fetchBilling?: (count: number) => Promise<BillingAnswer>;
  /** How often the billed sends are compared with the history while open (15 minutes by default). */
  reconcileEveryMs?: number;
  /** When get_status is asked after a send (status-tracker.ts has the defaults). */
  statusDelaysMs?: readonly number[];
}

/** Every channel but the updater's, which app-core adds. */
export type ServiceHandlers = Omit<Handlers, keyof UpdateHandlers>;

export interface Service {
  handlers: ServiceHandlers;
  /** Drops history older than the retention setting; run at start-up and whenever the setting changes. */
  applyRetention(): Promise<void>;
  /** Picks up the status polls a restart cut short (operator-loop.ts). */
  resumeStatusPolls(): Promise<void>;
  close(): void;
}

type SandboxReason = 'first_run' | 'chosen';

/** Settings and the first-run fact, read once for one operation so nothing changes under it. */
interface Snapshot {
  settings: Settings;
  firstRunDone: boolean;
}

/** Where one operation goes: the simulator, or production with the token that may go there, or why none may. */
type Resolved =
  | { mode: 'sandbox'; reason: SandboxReason }
  | { mode: 'production'; baseUrl: string; token: string; problem: null }
  | { mode: 'production'; baseUrl: string; token: null; problem: Exclude<TokenRead['problem'], null> };

/** The named refusal and the history's technical detail for a production send that has no usable token. */
/** Why a production send is refused before anything leaves. */
type RefusalProblem = Exclude<TokenRead['problem'], null> | 'policy_invalid';

const REFUSAL: Record<RefusalProblem, { code: ErrorCode; detail: string; outcome: 'no_token' | 'policy_invalid' }> = {
  none: { code: 'token_missing', detail: 'no access token is set', outcome: 'no_token' },
  unreadable: { code: 'token_unreadable', detail: 'the stored token cannot be decrypted', outcome: 'no_token' },
  address_changed: { code: 'token_address_changed', detail: 'the token was entered for another API address', outcome: 'no_token' },
  policy_invalid: { code: 'policy_invalid', detail: 'the policy file is invalid', outcome: 'policy_invalid' },
};

/** The main-process logic behind every IPC channel; runs in plain Node with its dependencies injected. */
export function createService(deps: ServiceDeps): Service {
  const now = deps.now ?? Date.now;
  const revealed = new Set<number>();
  /** Per phone, the guard decision and its `begin` run one at a time, so two sends cannot both pass the cap. */
  const guardQueues = new Map<string, Promise<unknown>>();
  let cached: { key: string; client: ApiClient } | null = null;

  const snapshot = (): Snapshot => ({ settings: deps.settings.get().settings, firstRunDone: deps.settings.firstRunDone() });

  /** Where the stored token goes, and so the address a token entered now is bound to. */
  const vaultBase = (settings: Settings) => deps.env.apiBase ?? settings.apiBaseUrl;

  /**
   * Where production sends go. TGCODE_TOKEN only ever goes to TGCODE_API_BASE or the official API, never
   * to an address set from the renderer; a stored token only to the address it was entered for.
   */
  const productionBase = (settings: Settings) => (deps.env.token !== null ? (deps.env.apiBase ?? DEFAULT_API_BASE) : vaultBase(settings));

  /**
   * Sandbox mode comes only from choosing it, or from a first run (no token, no mode picked yet); a
   * production send without a usable token is refused, never quietly simulated. The token is decrypted
   * for this one use and never kept: the vault (or TGCODE_TOKEN) is its only holder.
   */
  async function resolve(snap: Snapshot): Promise<Resolved> {
    if (snap.settings.mode === 'sandbox') return { mode: 'sandbox', reason: 'chosen' };
    const baseUrl = productionBase(snap.settings);
    if (deps.env.token !== null) return { mode: 'production', baseUrl, token: deps.env.token, problem: null };
    const read = await deps.vault.read(baseUrl);
    if (read.problem === 'none' && !snap.firstRunDone) return { mode: 'sandbox', reason: 'first_run' };
    // A token is there, so the first run is over (installs from before this record never noted it):
    // losing the token later must stop sends, not turn them into simulated ones.
    if (read.problem !== 'none') deps.settings.endFirstRun();
    if (read.token === null) return { mode: 'production', baseUrl, ...read };
    // The decryption took time: if the address changed meanwhile, the token stays here.
    if (productionBase(deps.settings.get().settings) !== baseUrl) return { mode: 'production', baseUrl, token: null, problem: 'address_changed' };
    return { mode: 'production', baseUrl, token: read.token, problem: null };
  }

  // One client (and so one keep-alive connection pool) per API address and connection settings; the
  // token is not part of it. A replaced client closes once its sends under way have ended.
  function clientFor(options: ApiClientOptions): ApiClient {
    const key = JSON.stringify(options);
    if (cached?.key !== key) {
      cached?.client.close();
      cached = { key, client: new ApiClient(options) };
    }
    return cached.client;
  }

  async function applyRetention(): Promise<void> {
    const { retentionDays } = deps.settings.get().settings;
    if (retentionDays === 0) return;
    try {
      const removed = await deps.history.applyRetention(retentionDays);
      deps.log.info('history.retention', { removed, retentionDays });
    } catch (error) {
      deps.log.error('history.retention_failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  // TGCODE_TOKEN wins over the vault for every send, so that is what the operator must be shown.
  async function tokenStatus(pending: Promise<TokenStatus>): Promise<TokenStatus> {
    const vault = await pending;
    return deps.env.token === null ? vault : { state: 'environment', hint: deps.env.token.slice(-4), storage: vault.storage };
  }

  async function guardStatus(phone: string, { cooldownSeconds, dailyCapPerPhone }: Settings): Promise<GuardStatus> {
    const limits = { cooldownSeconds, dailyCap: dailyCapPerPhone };
    const at = now();
    const dayStart = localDayStart(at, deps.timeZone);
    const times = await deps.history.sendTimesSince(phone, guardWindowStart(at, dayStart, limits));
    return decideGuard(phone, times, at, dayStart, limits);
  }

  function underGuard<T>(phone: string, task: () => Promise<T>): Promise<T> {
    const run = (guardQueues.get(phone) ?? Promise.resolve()).then(task);
    const settled = run.catch(() => undefined);
    guardQueues.set(phone, settled);
    void settled.then(() => {
      if (guardQueues.get(phone) === settled) guardQueues.delete(phone);
    });
    return run;
  }

  const blind = () => deps.settings.get().settings.blindCheck;

  // In blind check mode no code ever crosses to the renderer: the operator can only check what the caller reads.
  function toRow(record: HistoryRecord): HistoryRow {
    if (blind()) return { ...record, code: null, reportedCode: null, codeHidden: false, codeWithheld: record.code !== null || record.reportedCode !== null };
    const expired = now() - record.startedAt > CODE_VISIBLE_MS;
    const codeHidden = (record.code !== null || record.reportedCode !== null) && expired && !revealed.has(record.id);
    return codeHidden ? { ...record, code: null, reportedCode: null, codeHidden, codeWithheld: false } : { ...record, codeHidden, codeWithheld: false };
  }

  /**
   * A production send that may not leave (no token that may go where it would, or an invalid policy): on
   * record as not sent (every attempt is), then refused by name. Nothing has left, so a history that
   * cannot be written only costs the record.
   */
  async function refuse(draft: SendDraft, problem: RefusalProblem): Promise<never> {
    const { code, detail, outcome } = REFUSAL[problem];
    try {
      const record = await deps.history.begin(draft);
      await deps.history.complete(record.id, completion({ kind: outcome, delivery: 'not_sent', httpStatus: null, message: detail, retryAfterS: null, durationMs: 0 }, null, NO_MISMATCH, false));
      deps.log.info('send', { id: record.id, phone: maskPhone(draft.phone), outcome, delivery: 'not_sent', problem, mode: draft.mode });
    } catch (error) {
      deps.log.error('history.refusal_failed', { problem, error: error instanceof Error ? error.message : String(error) });
    }
    throw new ContractError(code, detail);
  }

  /**
   * Where the loop's requests (status, balance) go now: resolved from one snapshot exactly as a send, so
   * the token's binding holds for them too; production without a usable token is refused by name.
   */
  async function loopTarget(snap: Snapshot = snapshot()): Promise<LoopTarget> {
    const resolved = await resolve(snap);
    const { method, timeoutMs } = snap.settings;
    if (resolved.mode === 'sandbox') {
      const baseUrl = await deps.sandboxBaseUrl();
      return { mode: 'sandbox', token: SANDBOX_TOKEN, baseUrl, client: clientFor({ baseUrl, method, timeoutMs }) };
    }
    // Under an invalid policy nothing real leaves, not even a status or balance request.
    if (deps.settings.get().policy === 'invalid') throw new ContractError('policy_invalid', 'the policy file is invalid');
    if (resolved.token === null) throw new ContractError(REFUSAL[resolved.problem].code, REFUSAL[resolved.problem].detail);
    return { mode: 'production', token: resolved.token, baseUrl: resolved.baseUrl, client: clientFor({ baseUrl: resolved.baseUrl, method, timeoutMs }) };
  }

  /** Mode and API address sends go to now: what a balance read belongs to. */
  async function targetKey(): Promise<string> {
    const resolved = await resolve(snapshot());
    return resolved.mode === 'sandbox' ? 'sandbox' : `production ${resolved.baseUrl}`;
  }

  const loop = createOperatorLoop({
    history: deps.history,
    settings: deps.settings,
    log: deps.log,
    now,
    toRow,
    targetKey,
    ...(deps.statusDelaysMs === undefined ? {} : { statusDelaysMs: deps.statusDelaysMs }),
    target: loopTarget,
  });

  const reconciler = createReconciler({
    // Where sends go now, from one snapshot with the count asked for: the loop's client and token rules.
    ask: async () => {
      const snap = snapshot();
      const where = await loopTarget(snap);
      const count = snap.settings.reconcileCount;
      const answer = await (deps.fetchBilling ? deps.fetchBilling(count) : where.client.getBillingRecord({ token: where.token, count }));
      return { mode: where.mode, answer };
    },
    history: deps.history,
    log: deps.log,
    now,
    ...(deps.reconcileEveryMs === undefined ? {} : { everyMs: deps.reconcileEveryMs }),
  });

  const handlers: ServiceHandlers = {
    'app:info': async () => {
      const { policy, locked } = deps.settings.get();
      const snap = snapshot();
      const resolved = await resolve(snap);
      const base = resolved.mode === 'production' ? resolved.baseUrl : await deps.sandboxBaseUrl();
      return {
        version: deps.version,
        mode: resolved.mode,
        sandboxReason: resolved.mode === 'sandbox' ? resolved.reason : null,
        apiHost: new URL(base).host,
        language: snap.settings.language,
        overrides: overridesInForce(deps.env),
        policy,
        lockedSettings: locked,
      };
    },

    'send:code': async ({ phone, code, confirmRepeat }) => {
      const checked = checkPhone(phone);
      if (!checked.ok) throw new ContractError('invalid_phone', `phone rejected: ${checked.problem}`);
      // One snapshot for the whole send: the address, the mode, the token's binding and the limits all come from it.
      const { settings, firstRunDone } = snapshot();
      const resolved = await resolve({ settings, firstRunDone });
      // Recorded with the send, so a later status request goes only where the send went.
      const apiBase = resolved.mode === 'sandbox' ? await deps.sandboxBaseUrl() : resolved.baseUrl;
      const draft = (): SendDraft => ({
        startedAt: now(),
        phone: checked.canonical,
        code: code !== undefined && settings.keepCodes ? code : null,
        codeSource: code === undefined ? 'generated' : 'own',
        mode: resolved.mode,
        sentBy: settings.operatorName,
        osUser: deps.identity.osUser,
        host: deps.identity.host,
        apiBase,
      });
      // What the administrator meant to lock is unknown, so nothing real leaves until the file is fixed.
      if (resolved.mode === 'production' && deps.settings.get().policy === 'invalid') return refuse({ ...draft(), code: null }, 'policy_invalid');
      if (resolved.mode === 'production' && resolved.token === null) return refuse({ ...draft(), code: null }, resolved.problem);
      const where = resolved.mode === 'sandbox' ? { token: SANDBOX_TOKEN, baseUrl: apiBase } : resolved;
      const admitted = await underGuard(checked.canonical, async () => {
        const guard = await guardStatus(checked.canonical, settings);
        if (guard.blocked !== null) {
          // Recorded, so the team lead sees refused attempts too; no request leaves.
          const begun = await deps.history.begin(draft());
          const blocked = await deps.history.complete(begun.id, { ...NOTHING_SENT, outcome: 'blocked', blockedBy: guard.blocked });
          deps.log.info('send.blocked', { id: blocked.id, phone: maskPhone(blocked.phone), rule: guard.blocked.rule, mode: resolved.mode });
          return { kind: 'blocked' as const, record: blocked };
        }
        if (guard.lastSentAt !== null && guard.visibleUntil !== null && confirmRepeat !== true) {
          const ageSeconds = Math.floor((guard.now - guard.lastSentAt) / 1000);
          throw new ContractError('confirm_repeat', `a code sent ${ageSeconds} s ago is still visible`, { sentAt: guard.lastSentAt, ageSeconds });
        }
        return { kind: 'admitted' as const, record: await deps.history.begin(draft()) };
      });
      if (admitted.kind === 'blocked') return toRow(admitted.record);
      const { record } = admitted;
      let outcome: ApiOutcome;
      try {
        const client = clientFor({ baseUrl: where.baseUrl, method: settings.method, timeoutMs: settings.timeoutMs });
        outcome = await client.sendCode({ token: where.token, phone: checked.canonical, prefix: settings.phonePrefix, ...(code === undefined ? {} : { code }) });
      } catch (error) {
        // The attempt is already on record; it must end with an outcome rather than vanish.
        outcome = { kind: 'unexpected_response', delivery: 'not_sent', httpStatus: null, message: error instanceof Error ? error.message : 'request not built', retryAfterS: null, durationMs: 0 };
      }
      const mismatch = outcome.kind === 'sent' ? answerMismatch({ phone: checked.canonical, code: code ?? null }, outcome.data) : NO_MISMATCH;
      const result = completion(outcome, code ?? null, mismatch, settings.keepCodes);
      let done: HistoryRecord;
      try {
        done = await deps.history.complete(record.id, result);
      } catch (error) {
        // The request has left: the operator must still see what the service said (and the code), or a
        // second code may be sent. The history keeps the attempt as "outcome unknown".
        deps.log.error('history.complete_failed', { id: record.id, error: error instanceof Error ? error.message : String(error) });
        done = { ...record, ...result, state: 'done' };
      }
      deps.log.info('send', {
        id: done.id, phone: maskPhone(done.phone), outcome: outcome.kind, delivery: outcome.delivery, httpStatus: outcome.httpStatus, durationMs: outcome.durationMs, mode: resolved.mode,
        // Whether the answer disagreed with the request; the codes themselves stay out of the log.
        ...(mismatch.reportedCode === null ? {} : { codeMismatch: true }),
        ...(mismatch.reportedPhone === null ? {} : { phoneMismatch: true }),
        ...(outcome.kind === 'sent' ? {} : { detail: outcome.message }),
      });
      // The result card shows the code even when the history is set not to keep codes, unless blind.
      const sentCode = outcome.kind === 'sent' ? (mismatch.reportedCode ?? code ?? outcome.data.code) : (code ?? null);
      loop.afterSend(done, sentCode);
      if (blind()) return { ...toRow(done), code: null, reportedCode: null, codeHidden: false, codeWithheld: sentCode !== null };
      return { ...toRow(done), code: code ?? sentCode, reportedCode: mismatch.reportedCode, codeHidden: false, codeWithheld: false };
    },

    'send:guard': async ({ phone }) => {
      const checked = checkPhone(phone);
      if (!checked.ok) throw new ContractError('invalid_phone', `phone rejected: ${checked.problem}`);
      return guardStatus(checked.canonical, deps.settings.get().settings);
    },

    'settings:get': async () => deps.settings.get(),
    'settings:update': async (patch) => {
      const before = deps.settings.get().settings.apiBaseUrl;
      // Checked first, then the token goes, then the settings are saved: a refused patch changes nothing,
      // and a vault that cannot be written (a locked vault.json) leaves the old address and its token.
      if (deps.settings.check(patch).apiBaseUrl !== before) {
        await deps.vault.remove();
        deps.settings.endFirstRun();
        deps.log.warn('token.removed', { reason: 'API address changed' });
      }
      const view = deps.settings.update(patch);
      if (patch.retentionDays !== undefined) void applyRetention();
      return view;
    },

    'token:status': () => tokenStatus(deps.vault.status(vaultBase(deps.settings.get().settings))),
    // Bound to the address it would go to now; the vault never lets it go anywhere else.
    'token:set': async ({ token, acceptWeakStorage }) => {
      const status = await tokenStatus(deps.vault.set(token, acceptWeakStorage ?? false, vaultBase(deps.settings.get().settings)));
      // Once a token was entered, having none is a problem to fix, never a reason to simulate.
      deps.settings.endFirstRun();
      return status;
    },
    'token:remove': () => tokenStatus(deps.vault.remove()),

    'history:page': async ({ query, offset, limit }) => {
      const page = await deps.history.page(query, offset, limit);
      return { rows: page.records.map(toRow), total: page.total, health: page.health };
    },
    'history:summary': async ({ query }) => ({ operators: await deps.history.summary(query) }),
    'history:reveal': async ({ id }) => {
      if (blind()) throw new ContractError('forbidden', 'codes are not shown in blind check mode');
      const record = await deps.history.get(id);
      if (!record) throw new ContractError('not_found', 'no such record');
      revealed.add(id);
      return toRow(record);
    },
    'history:export': async ({ query }) => {
      const stamp = new Date(now()).toISOString().slice(0, 19).replace(/[T:]/g, '-');
      const file = await deps.chooseExportFile(`tg-code-history-${stamp}.csv`);
      if (file === null) return { status: 'cancelled', count: 0, fileName: null };
      const count = await deps.writeExport(file, blind() ? withoutCodes(deps.history.iterate(query)) : deps.history.iterate(query));
      deps.log.info('history.export', { count });
      return { status: 'saved', count, fileName: file.split(/[\\/]/).pop() ?? null };
    },
    'reconcile:run': () => reconciler.run(),
    'reconcile:last': async () => reconciler.last(),
    'reconcile:seen': async () => reconciler.markSeen(),

    'history:clear': async () => {
      const removed = await deps.history.clear();
      revealed.clear();
      loop.cleared();
      deps.log.info('history.clear', { removed });
      return { removed };
    },
    ...loop.handlers,
  };

  return {
    handlers,
    applyRetention,
    resumeStatusPolls: () => loop.resumeStatusPolls(),
    close: () => {
      reconciler.stop();
      loop.close();
      cached?.client.close();
    },
  };
}

async function* withoutCodes(records: AsyncIterable<HistoryRecord>): AsyncGenerator<HistoryRecord> {
  for await (const record of records) yield { ...record, code: null, reportedCode: null };
}

/** A completion with nothing from the service in it. */
const NOTHING_SENT: SendCompletion = {
  outcome: null,
  delivery: 'not_sent',
  httpStatus: null,
  status: null,
  statusInfo: null,
  operatorName: null,
  channel: null,
  apiId: null,
  error: null,
  durationMs: null,
  code: null,
};

function completion(outcome: ApiOutcome, ownCode: string | null, mismatch: AnswerMismatch, keepCodes: boolean): SendCompletion {
  if (outcome.kind === 'sent') {
    const { data } = outcome;
    return {
      outcome: 'sent',
      delivery: 'sent',
      httpStatus: outcome.httpStatus,
      status: data.status,
      statusInfo: data.status_info,
      operatorName: data.operator_name,
      channel: data.channel,
      apiId: data.id,
      error: null,
      durationMs: outcome.durationMs,
      code: keepCodes ? (ownCode ?? data.code) : null,
      reportedCode: keepCodes ? mismatch.reportedCode : null,
      reportedPhone: mismatch.reportedPhone,
      retryAfterS: null,
    };
  }
  return {
    outcome: outcome.kind,
    delivery: outcome.delivery,
    httpStatus: outcome.httpStatus,
    status: null,
    statusInfo: null,
    operatorName: null,
    channel: null,
    apiId: null,
    error: outcome.message,
    durationMs: outcome.durationMs,
    code: keepCodes ? ownCode : null,
    reportedCode: null,
    reportedPhone: null,
    retryAfterS: outcome.retryAfterS,
  };
}
