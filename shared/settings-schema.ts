import { z } from 'zod';

export const LANGUAGES = ['ru', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const Mode = z.enum(['production', 'sandbox']);
export type Mode = z.infer<typeof Mode>;

export const DEFAULT_API_BASE = 'https://api.telefon-ip.ru/api/v1/authcalls';

/** https only; plain http is allowed for 127.0.0.1 so QA can point the app at a local simulator. */
export const ApiBaseUrl = z
  .string()
  .trim()
  .max(300)
  .refine((value) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return false;
    }
    if (url.username || url.password || url.search || url.hash) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === '127.0.0.1');
  }, 'api_base_invalid')
  .transform((value) => value.replace(/\/+$/, ''));

export const OPERATOR_NAME_MAX = 64;
// Control characters (escapes, NUL) and invisible format marks (bidi overrides, zero-width spaces).
const CONTROL = /[\p{Cc}\p{Cf}]/u;
const CONTROL_ALL = /[\p{Cc}\p{Cf}]/gu;
const LINE_BREAKS = /[\r\n\t\v\f\u2028\u2029]+/g;

/** On one line (a pasted line break or tab becomes a space), single spaces, trimmed. */
const singleLine = (value: string) => value.replace(LINE_BREAKS, ' ').replace(/\s{2,}/g, ' ').trim();

/**
 * The name written into the history with every send: one line and trimmed; a control character or
 * invisible mark in it is refused rather than stored. At most 64 characters.
 */
export const OperatorName = z
  .string()
  .transform(singleLine)
  .pipe(z.string().max(OPERATOR_NAME_MAX).refine((value) => !CONTROL.test(value), 'operator_name_control'));

/** A name from elsewhere (the OS user name) made into a valid OperatorName. */
export function toOperatorName(name: string): string {
  return singleLine(name.replace(LINE_BREAKS, ' ').replace(CONTROL_ALL, '')).slice(0, OPERATOR_NAME_MAX).trim();
}

export const Settings = z.object({
  mode: Mode,
  apiBaseUrl: ApiBaseUrl,
  method: z.enum(['GET', 'POST']),
  timeoutMs: z.number().int().min(1_000).max(120_000),
  /** The API's own pages disagree on `7…` (example) and `8…` (error text), so the operator picks. */
  phonePrefix: z.enum(['7', '8']),
  language: Language,
  operatorName: OperatorName,
  /** When false, codes are never written to the history. */
  keepCodes: z.boolean(),
  /** 0 keeps everything. */
  retentionDays: z.number().int().min(0).max(3650),
  csvDelimiter: z.enum([';', ',']),
  /** After a send, the same number is refused this long (0 = off). */
  cooldownSeconds: z.number().int().min(0).max(3600),
  /** Sends per number per local day (0 = off). */
  dailyCapPerPhone: z.number().int().min(0).max(1000),
  /** Billed transactions fetched to compare with the history (get_billing_record/{N}). */
  reconcileCount: z.number().int().min(1).max(1000),
  /** Wrong tries allowed when checking the code a caller reads back, before a new code must be sent. */
  checkTries: z.number().int().min(1).max(10),
  /** The code is never shown to the operator: only what the caller reads can be checked. */
  blindCheck: z.boolean(),
  /** Sends left at or below which the header warns. */
  lowBalanceSends: z.number().int().min(0).max(100_000),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.strictObject(Settings.partial().shape);
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(Settings.shape) as SettingKey[];
export const SettingKeyName = z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]);

/**
 * Whether a machine-wide policy file (electron/core/settings/policy.ts) governs the settings: `active`
 * locks the settings it names; `invalid` locks them all and refuses real sends until it is fixed.
 */
export const PolicyState = z.enum(['none', 'active', 'invalid']);
export type PolicyState = z.infer<typeof PolicyState>;

export const SettingsView = z.object({
  settings: Settings,
  /** Keys that were unreadable in the stored file and were reset to defaults. */
  recoveredKeys: z.array(z.string()),
  policy: PolicyState,
  /** Settings the administrator's policy sets: shown read-only, refused by settings:update. */
  locked: z.array(SettingKeyName),
});
export type SettingsView = z.infer<typeof SettingsView>;
