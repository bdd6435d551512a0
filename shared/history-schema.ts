import { z } from 'zod';
import { SEARCH_MAX_LENGTH } from './history-search.ts';
import { ProviderStatus } from './account-schema.ts';
import { CheckState, VerificationFilter } from './check-schema.ts';
import { GuardBlock } from './send-guard.ts';
import { Delivery, RecordOutcome } from './send-outcome.ts';
import { Mode } from './settings-schema.ts';

/**
 * One send attempt. `pending` is written before the request leaves; a record still pending when the
 * history is reopened is `interrupted`: its outcome is unknown.
 */
export const HistoryRecord = z.object({
  id: z.number().int().nonnegative(),
  startedAt: z.number(),
  state: z.enum(['pending', 'done', 'interrupted']),
  phone: z.string(),
  code: z.string().nullable(),
  codeSource: z.enum(['own', 'generated']),
  outcome: RecordOutcome.nullable(),
  delivery: Delivery,
  httpStatus: z.number().int().nullable(),
  status: z.boolean().nullable(),
  statusInfo: z.string().nullable(),
  /** The mobile operator named by the API (`operator_name`). */
  operatorName: z.string().nullable(),
  channel: z.string().nullable(),
  /**
   * The service's id of the send: a number, or its digits as text when too large for one. Read as it
   * was written (records from before the answer was checked as strictly may hold any number).
   */
  apiId: z.union([z.number(), z.string().max(40)]).nullable(),
  error: z.string().nullable(),
  durationMs: z.number().nullable(),
  // Added later: records written before them read as null.
  /** The code the service reports when it differs from the operator's own code (a mismatch). */
  reportedCode: z.string().nullable().default(null),
  /** The number the service reports when it is not the one sent (a mismatch), as it wrote it. */
  reportedPhone: z.string().nullable().default(null),
  /** Seconds the service asked to wait before the next send (a 429's Retry-After), when it said. */
  retryAfterS: z.number().int().nonnegative().nullable().default(null),
  mode: Mode,
  /** The call-centre operator who sent it: the display name from the settings. */
  sentBy: z.string(),
  /**
   * The OS account that ran the app and the machine's name, read in main (never from the renderer).
   * Null on records written before they were kept.
   */
  osUser: z.string().nullable().default(null),
  host: z.string().nullable().default(null),
  /** Set when a repeat-send guard refused the attempt (outcome `blocked`): which rule, and its figures. */
  blockedBy: GuardBlock.nullable().default(null),
  /** The API base the send went to (no token in it): status requests go nowhere else. Null before this was kept. */
  apiBase: z.string().nullable().default(null),
  /** The checks of the code the caller read back; null until the first. */
  check: CheckState.nullable().default(null),
  /** What get_status last said; null until it was asked. */
  providerStatus: ProviderStatus.nullable().default(null),
});
export type HistoryRecord = z.infer<typeof HistoryRecord>;

/** What the renderer receives: the code only while it is still shown in Telegram, or when revealed, and never in blind check mode. */
export const HistoryRow = HistoryRecord.extend({
  codeHidden: z.boolean(),
  /** Blind check mode withholds the code from the operator altogether: it cannot be revealed. */
  codeWithheld: z.boolean().default(false),
});
export type HistoryRow = z.infer<typeof HistoryRow>;

export const OutcomeFilter = z.union([RecordOutcome, z.literal('pending'), z.literal('interrupted')]);
export type OutcomeFilter = z.infer<typeof OutcomeFilter>;

/** Who sent: the display name together with the OS account and machine, as recorded. */
export const Operator = z.strictObject({
  sentBy: z.string().max(100),
  osUser: z.string().max(256).nullable(),
  host: z.string().max(256).nullable(),
});
export type Operator = z.infer<typeof Operator>;

/** The outcome a record shows, on screen and in the export: the answer if one came, else what became of the attempt. */
export function outcomeOf(record: Pick<HistoryRecord, 'state' | 'outcome'>): OutcomeFilter {
  if (record.state === 'done' && record.outcome !== null) return record.outcome;
  return record.state === 'pending' ? 'pending' : 'interrupted';
}

export const HistoryQuery = z.strictObject({
  /** A number or any part of it (in any form), a code, or part of the sender's name: see history-search.ts. */
  search: z.string().max(SEARCH_MAX_LENGTH).optional(),
  outcomes: z.array(OutcomeFilter).max(20).optional(),
  /** An empty list does not filter. */
  verification: z.array(VerificationFilter).max(3).optional(),
  /** Epoch ms, inclusive. */
  from: z.number().optional(),
  /** Epoch ms, exclusive. */
  to: z.number().optional(),
  operator: Operator.optional(),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryPageRequest = z.strictObject({
  query: HistoryQuery,
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500),
});

export const HistoryHealth = z.object({
  /** Lines that could not be read and were skipped (never deleted). */
  corruptLines: z.number().int(),
  /** The file ended in a half-written line (a crash mid-append). */
  tornTail: z.boolean(),
});
export type HistoryHealth = z.infer<typeof HistoryHealth>;

export const HistoryPage = z.object({
  rows: z.array(HistoryRow),
  total: z.number().int(),
  health: HistoryHealth,
});
export type HistoryPage = z.infer<typeof HistoryPage>;

/** Per operator over a query: attempts that left (blocked ones apart), and how they ended. */
export const OperatorSummary = z.object({
  operator: Operator,
  sends: z.number().int(),
  delivered: z.number().int(),
  /** Sends whose code the caller read back correctly. */
  verified: z.number().int(),
  failed: z.number().int(),
  blocked: z.number().int(),
  /** The recorded prices summed, in roubles, and how many sends had one (the rest are not yet known). */
  price: z.number(),
  priced: z.number().int(),
});
export type OperatorSummary = z.infer<typeof OperatorSummary>;

export const HistorySummary = z.object({ operators: z.array(OperatorSummary) });
export type HistorySummary = z.infer<typeof HistorySummary>;
