import type { Handlers } from '../../shared/contract.ts';
import type { UpdateHandlers } from './update/update-controller.ts';
import { CODE_VISIBLE_MS } from '../../shared/code.ts';
import type { HistoryRecord, HistoryRow } from '../../shared/history-schema.ts';
import { checkPhone, maskPhone } from '../../shared/phone.ts';
import type { ApiOutcome } from '../../shared/send-outcome.ts';
import type { TokenStatus } from '../../shared/token-schema.ts';
import { ApiClient, type ApiClientOptions } from './api/api-client.ts';
import type { HistoryPort, LogPort, SendCompletion, SettingsPort, VaultPort } from './ports.ts';
import type { RuntimeEnv } from './runtime-env.ts';
import { ContractError } from '../../shared/contract-error.ts';
import { DEFAULT_API_BASE } from '../../shared/settings-schema.ts';
import { SANDBOX_TOKEN } from './api/simulator.ts';

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
  now?: () => number;
}

/** Every channel but the updater's, which app-core adds. */
export type ServiceHandlers = Omit<Handlers, keyof UpdateHandlers>;

export interface Service {
  handlers: ServiceHandlers;
  /** Drops history older than the retention setting; run at start-up and whenever the setting changes. */
  applyRetention(): Promise<void>;
  close(): void;
}

/** The token to use and where to send, resolved for each send so settings changes apply at once. */
interface Target {
  mode: 'production' | 'sandbox';
  token: string;
  baseUrl: string;
}

/** The main-process logic behind every IPC channel; runs in plain Node with its dependencies injected. */
export function createService(deps: ServiceDeps): Service {
  const now = deps.now ?? Date.now;
  const revealed = new Set<number>();
  let cached: { key: string; client: ApiClient } | null = null;

  /**
   * The token for one use, decrypted now and never kept: the vault (or TGCODE_TOKEN) is its only holder.
   * `unreadable` tells "no token" apart from "a token is stored but cannot be decrypted right now".
   */
  async function resolveToken(): Promise<{ token: string | null; unreadable: boolean }> {
    if (deps.env.token !== null) return { token: deps.env.token, unreadable: false };
    const token = await deps.vault.read();
    if (token !== null) return { token, unreadable: false };
    return { token: null, unreadable: (await deps.vault.status()).state === 'unreadable' };
  }

  const sandboxReason = ({ token, unreadable }: { token: string | null; unreadable: boolean }): 'no_token' | 'chosen' | null => {
    if (token === null && !unreadable) return 'no_token';
    return deps.settings.get().settings.mode === 'sandbox' ? 'chosen' : null;
  };

  /**
   * Where production sends go. TGCODE_TOKEN only ever goes to TGCODE_API_BASE or the official API, never
   * to an address set from the renderer; a stored token is removed whenever that address changes
   * (see settings:update), so changing it can never hand the token to another server.
   */
  const productionBase = () => deps.env.apiBase ?? (deps.env.token !== null ? DEFAULT_API_BASE : deps.settings.get().settings.apiBaseUrl);

  async function target(): Promise<Target> {
    const resolved = await resolveToken();
    if (sandboxReason(resolved) !== null) return { mode: 'sandbox', token: SANDBOX_TOKEN, baseUrl: await deps.sandboxBaseUrl() };
    // What the administrator meant to lock is unknown, so nothing real leaves until the file is fixed.
    if (deps.settings.get().policy === 'invalid') throw new ContractError('policy_invalid', 'the policy file is invalid');
    // Falling back to the simulator here would report fake codes as sent while the screen says production.
    if (resolved.token === null) throw new ContractError('token_unreadable', 'the stored token cannot be decrypted');
    return { mode: 'production', token: resolved.token, baseUrl: productionBase() };
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

  function toRow(record: HistoryRecord): HistoryRow {
    const expired = now() - record.startedAt > CODE_VISIBLE_MS;
    const codeHidden = record.code !== null && expired && !revealed.has(record.id);
    return { ...record, code: codeHidden ? null : record.code, codeHidden };
  }

  const handlers: ServiceHandlers = {
    'app:info': async () => {
      const { settings, policy, locked } = deps.settings.get();
      const reason = sandboxReason(await resolveToken());
      const base = reason === null ? productionBase() : await deps.sandboxBaseUrl();
      return {
        version: deps.version,
        mode: reason === null ? 'production' : 'sandbox',
        sandboxReason: reason,
        apiHost: new URL(base).host,
        language: settings.language,
        policy,
        lockedSettings: locked,
      };
    },

    'send:code': async ({ phone, code }) => {
      const checked = checkPhone(phone);
      if (!checked.ok) throw new ContractError('invalid_phone', `phone rejected: ${checked.problem}`);
      const { settings } = deps.settings.get();
      const where = await target();
      const record = await deps.history.begin({
        startedAt: now(),
        phone: checked.canonical,
        code: code !== undefined && settings.keepCodes ? code : null,
        codeSource: code === undefined ? 'generated' : 'own',
        mode: where.mode,
        sentBy: settings.operatorName,
      });
      let outcome: ApiOutcome;
      try {
        const client = clientFor({ baseUrl: where.baseUrl, method: settings.method, timeoutMs: settings.timeoutMs });
        outcome = await client.sendCode({ token: where.token, phone: checked.canonical, prefix: settings.phonePrefix, ...(code === undefined ? {} : { code }) });
      } catch (error) {
        // The attempt is already on record; it must end with an outcome rather than vanish.
        outcome = { kind: 'unexpected_response', delivery: 'not_sent', httpStatus: null, message: error instanceof Error ? error.message : 'request not built', durationMs: 0 };
      }
      const result = completion(outcome, code ?? null, settings.keepCodes);
      let done: HistoryRecord;
      try {
        done = await deps.history.complete(record.id, result);
      } catch (error) {
        // The request has left: the operator must still see what the service said (and the code), or a
        // second code may be sent. The history keeps the attempt as "outcome unknown".
        deps.log.error('history.complete_failed', { id: record.id, error: error instanceof Error ? error.message : String(error) });
        done = { ...record, ...result, state: 'done' };
      }
      deps.log.info('send', { id: done.id, phone: maskPhone(done.phone), outcome: outcome.kind, delivery: outcome.delivery, httpStatus: outcome.httpStatus, durationMs: outcome.durationMs, mode: where.mode });
      // The result card shows the code even when the history is set not to keep codes.
      const sentCode = outcome.kind === 'sent' ? (code ?? outcome.data.code) : (code ?? null);
      return { ...toRow(done), code: sentCode, codeHidden: false };
    },

    'settings:get': async () => deps.settings.get(),
    'settings:update': async (patch) => {
      const before = deps.settings.get().settings.apiBaseUrl;
      const view = deps.settings.update(patch);
      if (view.settings.apiBaseUrl !== before) {
        await deps.vault.remove();
        deps.log.warn('token.removed', { reason: 'API address changed' });
      }
      if (patch.retentionDays !== undefined) void applyRetention();
      return view;
    },

    'token:status': () => tokenStatus(deps.vault.status()),
    'token:set': ({ token, acceptWeakStorage }) => tokenStatus(deps.vault.set(token, acceptWeakStorage ?? false)),
    'token:remove': () => tokenStatus(deps.vault.remove()),

    'history:page': async ({ query, offset, limit }) => {
      const page = await deps.history.page(query, offset, limit);
      return { rows: page.records.map(toRow), total: page.total, health: page.health };
    },
    'history:reveal': async ({ id }) => {
      const record = await deps.history.get(id);
      if (!record) throw new ContractError('not_found', 'no such record');
      revealed.add(id);
      return toRow(record);
    },
    'history:export': async ({ query }) => {
      const stamp = new Date(now()).toISOString().slice(0, 19).replace(/[T:]/g, '-');
      const file = await deps.chooseExportFile(`tg-code-history-${stamp}.csv`);
      if (file === null) return { status: 'cancelled', count: 0, fileName: null };
      const count = await deps.writeExport(file, deps.history.iterate(query));
      deps.log.info('history.export', { count });
      return { status: 'saved', count, fileName: file.split(/[\\/]/).pop() ?? null };
    },
    'history:clear': async () => {
      const removed = await deps.history.clear();
      revealed.clear();
      deps.log.info('history.clear', { removed });
      return { removed };
    },
  };

  return { handlers, applyRetention, close: () => cached?.client.close() };
}

function completion(outcome: ApiOutcome, ownCode: string | null, keepCodes: boolean): SendCompletion {
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
  };
}
