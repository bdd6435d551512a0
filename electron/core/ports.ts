import type { HistoryHealth, HistoryQuery, HistoryRecord, OperatorSummary } from '../../shared/history-schema.ts';
import type { Settings, SettingsPatch, SettingsView } from '../../shared/settings-schema.ts';
import type { TokenStatus } from '../../shared/token-schema.ts';

/** What the service needs from the settings store (electron/core/settings/settings-store.ts). */
export interface SettingsPort {
  get(): SettingsView;
  /**
   * False until the first run is over: the operator picked a mode (on the first-run screen or in
   * Settings, any `update` naming `mode`), or a token was entered (`endFirstRun`).
   */
  firstRunDone(): boolean;
  endFirstRun(): void;
  /** Validates and saves; throws ContractError('invalid_settings') on a bad patch. */
  update(patch: SettingsPatch): SettingsView;
  /** The settings `update` would save, without saving them: throws what `update` would throw. */
  check(patch: SettingsPatch): Settings;
}

/** The token for one request, or why there is none that may go to the address asked for. */
export type TokenRead = { token: string; problem: null } | { token: null; problem: 'none' | 'unreadable' | 'address_changed' };

/** What the service needs from the token vault (electron/core/vault/token-vault.ts). */
export interface VaultPort {
  /** `apiBase` is the address the stored token would go to now: another one reads as `address_changed`. */
  status(apiBase: string): Promise<TokenStatus>;
  /**
   * Stores the token bound to `apiBase`, the address it is entered for. Rejects with
   * ContractError('invalid_token') on a malformed token, without echoing it.
   */
  set(token: string, acceptWeakStorage: boolean, apiBase: string): Promise<TokenStatus>;
  /** Throws, changing nothing, when the vault file cannot be written. */
  remove(): Promise<TokenStatus>;
  /** The plain token for one request in main, only if it was entered for `apiBase`. */
  read(apiBase: string): Promise<TokenRead>;
}

/** A send about to leave: everything known before the answer. */
export type SendDraft = Pick<HistoryRecord, 'startedAt' | 'phone' | 'code' | 'codeSource' | 'mode' | 'sentBy' | 'osUser' | 'host' | 'apiBase'>;
/**
 * What the answer adds (or, for a blocked attempt, the guard's refusal); the facts only some answers
 * have may be left out (they are recorded as null).
 */
export type SendCompletion = Pick<
  HistoryRecord,
  'outcome' | 'delivery' | 'httpStatus' | 'status' | 'statusInfo' | 'operatorName' | 'channel' | 'apiId' | 'error' | 'durationMs' | 'code'
> &
  Partial<Pick<HistoryRecord, 'reportedCode' | 'reportedPhone' | 'retryAfterS' | 'blockedBy'>>;

/** What the service needs from the send history (electron/core/history/history-log.ts). */
export interface HistoryPort {
  /** Durably records a pending attempt before the request leaves. */
  begin(draft: SendDraft): Promise<HistoryRecord>;
  /** Durably records the outcome of a pending attempt. */
  complete(id: number, completion: SendCompletion): Promise<HistoryRecord>;
  /**
   * Durably records a later event of a finished attempt as its new full state (see HistoryLog.update);
   * null when there is no such record.
   */
  update(id: number, change: (current: HistoryRecord) => HistoryRecord | null): Promise<HistoryRecord | null>;
  /** Sum of the recorded prices over the query. */
  spent(query: HistoryQuery): Promise<{ total: number; priced: number }>;
  /** Newest first. */
  page(query: HistoryQuery, offset: number, limit: number): Promise<{ records: HistoryRecord[]; total: number; health: HistoryHealth }>;
  get(id: number): Promise<HistoryRecord | null>;
  /** Start times of the attempts to a phone since `since` that may have delivered a code (for the send guards). */
  sendTimesSince(phone: string, since: number): Promise<number[]>;
  /** Counts per sender over a query. */
  summary(query: HistoryQuery): Promise<OperatorSummary[]>;
  /** Every match, newest first, without holding them all in memory (for export). */
  iterate(query: HistoryQuery): AsyncIterable<HistoryRecord>;
  /** Removes everything; returns how many records there were. */
  clear(): Promise<number>;
  /** Removes records older than `days` days (0 keeps everything); returns how many. */
  applyRetention(days: number): Promise<number>;
}

/** Structured, already-redacted log lines (electron/core/log/logger.ts). */
export interface LogPort {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}
