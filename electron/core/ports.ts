import type { HistoryHealth, HistoryQuery, HistoryRecord, OperatorSummary } from '../../shared/history-schema.ts';
import type { SettingsPatch, SettingsView } from '../../shared/settings-schema.ts';
import type { TokenStatus } from '../../shared/token-schema.ts';

/** What the service needs from the settings store (electron/core/settings/settings-store.ts). */
export interface SettingsPort {
  get(): SettingsView;
  /** Validates and saves; throws ContractError('invalid_settings') on a bad patch. */
  update(patch: SettingsPatch): SettingsView;
}

/** What the service needs from the token vault (electron/core/vault/token-vault.ts). */
export interface VaultPort {
  status(): Promise<TokenStatus>;
  /** Rejects with ContractError('invalid_token') on a malformed token, without echoing it. */
  set(token: string, acceptWeakStorage: boolean): Promise<TokenStatus>;
  remove(): Promise<TokenStatus>;
  /** The plain token, for building one request in main; null when there is none or it is unreadable. */
  read(): Promise<string | null>;
}

/** A send about to leave: everything known before the answer. */
export type SendDraft = Pick<HistoryRecord, 'startedAt' | 'phone' | 'code' | 'codeSource' | 'mode' | 'sentBy' | 'osUser' | 'host'>;
/** What the answer adds (or, for a blocked attempt, the guard's refusal). */
export type SendCompletion = Pick<
  HistoryRecord,
  'outcome' | 'delivery' | 'httpStatus' | 'status' | 'statusInfo' | 'operatorName' | 'channel' | 'apiId' | 'error' | 'durationMs' | 'code' | 'blockedBy'
>;

/** What the service needs from the send history (electron/core/history/history-log.ts). */
export interface HistoryPort {
  /** Durably records a pending attempt before the request leaves. */
  begin(draft: SendDraft): Promise<HistoryRecord>;
  /** Durably records the outcome of a pending attempt. */
  complete(id: number, completion: SendCompletion): Promise<HistoryRecord>;
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
