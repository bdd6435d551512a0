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

export const Settings = z.object({
  mode: Mode,
  apiBaseUrl: ApiBaseUrl,
  method: z.enum(['GET', 'POST']),
  timeoutMs: z.number().int().min(1_000).max(120_000),
  /** The API's own pages disagree on `7…` (example) and `8…` (error text), so the operator picks. */
  phonePrefix: z.enum(['7', '8']),
  language: Language,
  operatorName: z.string().trim().max(100),
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

export const SettingsView = z.object({
  settings: Settings,
  /** Keys that were unreadable in the stored file and were reset to defaults. */
  recoveredKeys: z.array(z.string()),
});
export type SettingsView = z.infer<typeof SettingsView>;
