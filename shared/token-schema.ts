import { z } from 'zod';

/** UUID-shaped: hex groups joined by dashes, as the API's example key. Pasted whitespace is trimmed. */
export const Token = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'token_format');

/**
 * What the renderer may know about the token: never the token itself.
 * - `none`: no token; the app runs in sandbox mode.
 * - `stored`: encrypted by the OS keychain and kept across restarts.
 * - `session`: kept in memory only (the keychain is weak or missing and weak storage was not accepted).
 * - `environment`: given by TGCODE_TOKEN; cannot be changed from the app.
 * - `unreadable`: stored ciphertext no longer decrypts (another OS user, keychain reset).
 * - `address_changed`: the token was entered for another API address than the one in use now
 *   (settings.json edited while the app was closed, or TGCODE_API_BASE): it is never sent there.
 */
export const TokenStatus = z.object({
  state: z.enum(['none', 'stored', 'session', 'environment', 'unreadable', 'address_changed']),
  /** The last 4 characters, or null. */
  hint: z.string().max(4).nullable(),
  /** `secure`: OS keychain; `weak`: Linux basic_text (a fixed key); `unavailable`: no encryption at all. */
  storage: z.enum(['secure', 'weak', 'unavailable']),
});
export type TokenStatus = z.infer<typeof TokenStatus>;

export const SetTokenRequest = z.strictObject({
  token: z.string().max(200),
  acceptWeakStorage: z.boolean().optional(),
});
