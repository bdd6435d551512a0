import { z } from 'zod';
import { Mode } from './settings-schema.ts';

/** A billed send (get_billing_record) with no attempt in this desk's history that matches it. */
export const ForeignSend = z.object({
  /** The provider's own time text, shown as given (it names no time zone). */
  createdAt: z.string().nullable(),
  /** That time read as Moscow time when it names no zone; null when unreadable. */
  at: z.number().nullable(),
  /** Last 4 digits only. */
  phone: z.string().nullable(),
  price: z.number().nullable(),
  statusInfo: z.string().nullable(),
});
export type ForeignSend = z.infer<typeof ForeignSend>;

/**
 * The last comparison of the account's billed sends with the local history. `clear` only when every
 * transaction was read and matched; `incomplete` when some or all could not be compared (an answer
 * of an unexpected shape, items without a phone or a time), never reported as clear; `failed` when no
 * answer could be had.
 */
export const ReconcileReport = z.object({
  checkedAt: z.number(),
  mode: Mode,
  outcome: z.enum(['clear', 'foreign', 'incomplete', 'failed']),
  /** Transactions the answer held, how many matched a local attempt, how many could not be compared. */
  fetched: z.number().int(),
  matched: z.number().int(),
  uncompared: z.number().int(),
  foreign: z.array(ForeignSend),
  /** Foreign sends the operator has not yet looked at: the header warns while this is true. */
  unseen: z.boolean(),
  /** Why nothing or not everything could be compared; no secret in it. */
  reason: z.string().nullable(),
});
export type ReconcileReport = z.infer<typeof ReconcileReport>;
