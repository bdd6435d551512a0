import { z } from 'zod';
import { Mode } from './settings-schema.ts';

/**
 * What get_status said about one send, kept on its record. `known` only when the provider's answer
 * carried a readable status flag; anything else is `unknown` with the reason, never "delivered".
 */
export const ProviderStatus = z.object({
  state: z.enum(['known', 'unknown']),
  /** The provider's flag (1/0 or true/false in its answer); null when it gave none readable. */
  delivered: z.boolean().nullable(),
  /** The provider's own text, verbatim (token removed, length capped). */
  statusInfo: z.string().nullable(),
  /** Roubles; null when missing or not a plausible price. */
  price: z.number().nullable(),
  /** As the provider gave it: local time without a zone. */
  createdAt: z.string().nullable(),
  /** Why the status is unknown, or why the last refresh failed while an earlier one succeeded. */
  reason: z.string().nullable(),
  /** get_status requests made for this send so far. */
  requests: z.number().int().nonnegative(),
  checkedAt: z.number(),
});
export type ProviderStatus = z.infer<typeof ProviderStatus>;

/** The account's balance as the header shows it. Unknown never blocks a send. */
export const BalanceView = z.object({
  state: z.enum(['known', 'unknown']),
  /** In sandbox the figures are the simulator's. */
  mode: Mode,
  balance: z.number().nullable(),
  /** Price of one send. */
  price: z.number().nullable(),
  balanceLimit: z.number().nullable(),
  /** floor(balance / price); null when either is unknown. */
  sendsLeft: z.number().int().nullable(),
  /** At or below the low-balance threshold. */
  low: z.boolean(),
  /** The balance may not cover one more send. */
  short: z.boolean(),
  reason: z.string().nullable(),
  checkedAt: z.number().nullable(),
});
export type BalanceView = z.infer<typeof BalanceView>;

export const SpentTotal = z.object({
  /** Sum of the recorded prices over the query, in roubles. */
  total: z.number(),
  /** How many of the matching sends have a recorded price. */
  priced: z.number().int(),
});
export type SpentTotal = z.infer<typeof SpentTotal>;
