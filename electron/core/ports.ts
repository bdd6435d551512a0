import type { HistoryHealth, HistoryQuery, HistoryRecord } from '../../shared/history-schema.ts';
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
export type SendDraft = Pick<HistoryRecord, 'startedAt' | 'phone' | 'code' | 'codeSource' | 'mode' | 'sentBy' | 'apiBase'>;
/** What the answer adds. */
export type SendCompletion = Pick<
  HistoryRecord,
  'outcome' | 'delivery' | 'httpStatus' | 'status' | 'statusInfo' | 'operatorName' | 'channel' | 'apiId' | 'error' | 'durationMs' | 'code'
>;

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
