import { z } from 'zod';
import { CODE_PATTERN } from './code.ts';

/**
 * Every way one call to get_tg_code can end, or not start: `no_token` and `policy_invalid` (the machine's
 * policy file is invalid) never left the app.
 */
export const OUTCOME_KINDS = [
  'sent',
  'invalid_phone',
  'unauthorized',
  'rate_limited',
  'no_telegram',
  'server_error',
  'unexpected_response',
  'network_error',
  'timeout',
  'no_token',
  'policy_invalid',
] as const;
export const OutcomeKind = z.enum(OUTCOME_KINDS);
export type OutcomeKind = z.infer<typeof OutcomeKind>;

/**
 * Every way a recorded attempt can end: an API outcome, or `blocked` — refused by a repeat-send guard
 * (shared/send-guard.ts) before any request left the machine.
 */
export const RECORD_OUTCOMES = [...OUTCOME_KINDS, 'blocked'] as const;
export const RecordOutcome = z.enum(RECORD_OUTCOMES);
export type RecordOutcome = z.infer<typeof RecordOutcome>;

/**
 * Whether a code may have reached the person. `unknown` means the request left this machine and no
 * clear answer came back: resending blindly could deliver a second code.
 */
export const Delivery = z.enum(['sent', 'not_sent', 'unknown']);
export type Delivery = z.infer<typeof Delivery>;

/**
 * The service's id of a send: a positive safe integer, or its digits as text when it is too large for
 * one (the client keeps the raw digits, so nothing is rounded).
 */
const ApiId = z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[1-9][0-9]{0,39}$/)]);

const optionalText = z.string().nullish().transform((value) => value ?? null);

/**
 * The `data` object of a successful response. Only the code is required, and it must be exactly four
 * ASCII digits: anything else is a code nobody can read to the person. The service may leave out or
 * null any other documented field and the send still went out; an `id` that is not a usable id (blank,
 * zero, words) becomes null rather than a number made up from it.
 */
export const SentData = z.object({
  phone: optionalText,
  // A JSON number can only be taken when it has four digits: 421 could have been "0421".
  code: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(CODE_PATTERN)),
  id: z.unknown().optional().transform((value) => {
    const id = ApiId.safeParse(value);
    return id.success ? id.data : null;
  }),
  operator_name: optionalText,
  channel: optionalText,
  status: z.boolean().nullish().transform((value) => value ?? null),
  status_info: optionalText,
});
export type SentData = z.infer<typeof SentData>;

export const SentOutcome = z.object({
  kind: z.literal('sent'),
  delivery: z.literal('sent'),
  httpStatus: z.number().int(),
  data: SentData,
  durationMs: z.number(),
});
export type SentOutcome = z.infer<typeof SentOutcome>;

export const FailedOutcome = z.object({
  kind: OutcomeKind.exclude(['sent']),
  delivery: Delivery,
  httpStatus: z.number().int().nullable(),
  /** Technical detail (the service's error text or the socket error), token already removed. */
  message: z.string(),
  /** Seconds the service asked to wait (a 429's Retry-After), when it said. */
  retryAfterS: z.number().int().nonnegative().nullable(),
  durationMs: z.number(),
});
export type FailedOutcome = z.infer<typeof FailedOutcome>;

export const ApiOutcome = z.discriminatedUnion('kind', [SentOutcome, FailedOutcome]);
export type ApiOutcome = z.infer<typeof ApiOutcome>;
