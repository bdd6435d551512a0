import { z } from 'zod';

/** Every way one call to get_tg_code can end, or not start: `no_token` never left the app. */
export const OUTCOME_KINDS = [
  'sent',
  'invalid_phone',
  'unauthorized',
  'rate_limited',
  'server_error',
  'unexpected_response',
  'network_error',
  'timeout',
  'no_token',
] as const;
export const OutcomeKind = z.enum(OUTCOME_KINDS);
export type OutcomeKind = z.infer<typeof OutcomeKind>;

/**
 * Whether a code may have reached the person. `unknown` means the request left this machine and no
 * clear answer came back: resending blindly could deliver a second code.
 */
export const Delivery = z.enum(['sent', 'not_sent', 'unknown']);
export type Delivery = z.infer<typeof Delivery>;

const optionalText = z.string().nullish().transform((value) => value ?? null);

/**
 * The `data` object of a successful response. Only the code is required: the service may leave out or
 * null any documented field, or send `id` as a string, and the send still went out.
 */
export const SentData = z.object({
  phone: optionalText,
  code: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(16)),
  id: z
    .union([z.number(), z.string()])
    .nullish()
    .transform((value) => (value === null || value === undefined || value === '' || !Number.isFinite(Number(value)) ? null : Number(value))),
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
  durationMs: z.number(),
});
export type FailedOutcome = z.infer<typeof FailedOutcome>;

export const ApiOutcome = z.discriminatedUnion('kind', [SentOutcome, FailedOutcome]);
export type ApiOutcome = z.infer<typeof ApiOutcome>;
