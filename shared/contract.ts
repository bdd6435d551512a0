import { z } from 'zod';
import { BalanceView, SpentTotal } from './account-schema.ts';
import { CheckVerdict } from './check-schema.ts';
import { HistoryPage, HistoryPageRequest, HistoryQuery, HistoryRow, HistorySummary } from './history-schema.ts';
import { GuardRequest, GuardStatus } from './send-guard.ts';
import { ReconcileReport } from './reconcile-schema.ts';
import { CODE_PATTERN } from './code.ts';
import { Language, Mode, PolicyState, SettingKeyName, SettingsPatch, SettingsView } from './settings-schema.ts';
import { SetTokenRequest, TokenStatus } from './token-schema.ts';
import { RestartResult, UpdateStatus } from './update-schema.ts';

/** TGCODE_API_BASE, TGCODE_TOKEN, TGCODE_DATA_DIR, TGCODE_POLICY_FILE. */
export const EnvOverride = z.enum(['apiBase', 'token', 'dataDir', 'policyFile']);
export type EnvOverride = z.infer<typeof EnvOverride>;

const None = z.undefined();

export const AppInfo = z.object({
  version: z.string(),
  mode: Mode,
  /**
   * Why the app runs against the built-in simulator: the operator chose it, or this is the first run
   * (no token, no mode picked yet). Production without a usable token refuses to send instead.
   */
  sandboxReason: z.enum(['first_run', 'chosen']).nullable(),
  /** QA overrides from the environment in force in this run (names only, never values). */
  overrides: z.array(EnvOverride),
  /** Host of the API base, for display; never the token-bearing path. */
  apiHost: z.string(),
  language: Language,
  /** The administrator's policy: the app shows a notice while it is invalid. */
  policy: PolicyState,
  /** Settings the policy sets (the top bar's language switch is read-only when it sets the language). */
  lockedSettings: z.array(SettingKeyName),
});
export type AppInfo = z.infer<typeof AppInfo>;

// Requests are strict objects: an unknown key is an error, not something silently dropped.
export const SendRequest = z.strictObject({
  phone: z.string().max(64),
  code: z.string().regex(CODE_PATTERN).optional(),
  /**
   * The operator was told a code sent to this number is still visible in Telegram and chose to send
   * another. Without it main refuses such a send with `confirm_repeat`.
   */
  confirmRepeat: z.literal(true).optional(),
});
export type SendRequest = z.infer<typeof SendRequest>;

const RecordId = z.strictObject({ id: z.number().int().nonnegative() });

/** The digits the caller read back, for the send `id`; main compares them with that send's code. */
export const CheckRequest = z.strictObject({ id: z.number().int().nonnegative(), code: z.string().regex(CODE_PATTERN) });
export const CheckReply = z.object({
  verdict: CheckVerdict,
  /** Wrong tries still allowed for this send. */
  triesLeft: z.number().int().nonnegative(),
  row: HistoryRow,
});
export type CheckReply = z.infer<typeof CheckReply>;

/** `refresh` asks the API now; without it the last known balance is returned (asked once if none). */
export const BalanceRequest = z.strictObject({ refresh: z.boolean() });

export const ExportRequest = z.strictObject({ query: HistoryQuery });
export const ExportResult = z.object({
  status: z.enum(['saved', 'cancelled']),
  count: z.number().int(),
  fileName: z.string().nullable(),
});

/**
 * Every IPC channel, named once: `namespace:method` → schema of its request and of its response.
 * The preload, the main process, the test host and the renderer's types are all derived from this.
 */
export const contract = {
  'app:info': { request: None, response: AppInfo },
  'send:code': { request: SendRequest, response: HistoryRow },
  'send:guard': { request: GuardRequest, response: GuardStatus },
  'settings:get': { request: None, response: SettingsView },
  'settings:update': { request: SettingsPatch, response: SettingsView },
  'token:status': { request: None, response: TokenStatus },
  'token:set': { request: SetTokenRequest, response: TokenStatus },
  'token:remove': { request: None, response: TokenStatus },
  'history:page': { request: HistoryPageRequest, response: HistoryPage },
  'history:reveal': { request: z.strictObject({ id: z.number().int() }), response: HistoryRow },
  'history:row': { request: RecordId, response: HistoryRow },
  'history:spent': { request: z.strictObject({ query: HistoryQuery }), response: SpentTotal },
  'check:code': { request: CheckRequest, response: CheckReply },
  'status:refresh': { request: RecordId, response: HistoryRow },
  'balance:get': { request: BalanceRequest, response: BalanceView },
  'history:export': { request: ExportRequest, response: ExportResult },
  'history:summary': { request: z.strictObject({ query: HistoryQuery }), response: HistorySummary },
  'reconcile:run': { request: None, response: ReconcileReport },
  'reconcile:last': { request: None, response: ReconcileReport.nullable() },
  'reconcile:seen': { request: None, response: ReconcileReport.nullable() },
  'history:clear': { request: None, response: z.object({ removed: z.number().int() }) },
  'update:status': { request: None, response: UpdateStatus },
  'update:restart': { request: None, response: RestartResult },
} as const satisfies Record<`${string}:${string}`, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

/** Failures the renderer can name; details stay in the main-process log. */
export const ErrorCode = z.enum([
  'invalid_request',
  'forbidden',
  'invalid_phone',
  'invalid_token',
  'token_unreadable',
  // Production mode with no token at all (never set, or removed).
  'token_missing',
  // The stored token was entered for another API address than the one a send would use.
  'token_address_changed',
  'invalid_settings',
  // The administrator's policy sets this setting.
  'setting_locked',
  // The policy file is invalid: no real send until it is fixed.
  'policy_invalid',
  'not_found',
  // A code sent to the number is still visible in Telegram: the operator must confirm a repeat.
  'confirm_repeat',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Numbers that come with a named error (`confirm_repeat`: when the older code was sent, how long ago). */
export const ErrorFacts = z.record(z.string().max(40), z.number()).refine((facts) => Object.keys(facts).length <= 8);
export type ErrorFacts = z.infer<typeof ErrorFacts>;

/** What crosses the process boundary: a value or a named error, never a thrown exception. */
export const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: ErrorCode, message: z.string(), facts: ErrorFacts.optional() }) }),
]);
export type Envelope = z.infer<typeof Envelope>;

/** The main-process side of the contract: one handler per channel, on already-validated input. */
export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };
