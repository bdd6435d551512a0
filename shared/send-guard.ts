import { z } from 'zod';

/**
 * The repeat-send guards, decided in main for each send to a phone number (electron/core/send-guard.ts).
 * Only attempts that may have delivered a code count: the answer said sent, or the request left and no
 * clear answer came back (delivery sent or unknown, including attempts still under way or interrupted).
 * A refusal by the service (delivery not sent) and a blocked attempt put no code in anyone's Telegram.
 */

/** Why a send was refused before it left; kept on the blocked record. */
export const GuardBlock = z.discriminatedUnion('rule', [
  z.object({
    rule: z.literal('cooldown'),
    /** The cooldown setting at the time, and the counted send it ran from. */
    cooldownSeconds: z.number().int(),
    lastSentAt: z.number(),
    secondsLeft: z.number().int(),
  }),
  z.object({
    rule: z.literal('daily_cap'),
    /** Counted sends to this number since the local midnight, and the cap at the time. */
    count: z.number().int(),
    limit: z.number().int(),
  }),
]);
export type GuardBlock = z.infer<typeof GuardBlock>;

export const GuardRequest = z.strictObject({ phone: z.string().max(64) });

/** What the send form shows for a number before the operator presses Enter. */
export const GuardStatus = z.object({
  phone: z.string(),
  /** Main's clock when this was decided, so the renderer counts down from the same time. */
  now: z.number(),
  /** Counted sends since the local midnight, and the cap (0 = off). */
  sentToday: z.number().int(),
  dailyCap: z.number().int(),
  /** The newest counted send, if any since the earliest window that matters. */
  lastSentAt: z.number().nullable(),
  /** When the cooldown from that send ends; null when none is running (or the setting is 0). */
  cooldownUntil: z.number().nullable(),
  /** When that send's code stops being visible in Telegram; null when none is visible. */
  visibleUntil: z.number().nullable(),
  /** The rule a send right now would be refused by, if any. */
  blocked: GuardBlock.nullable(),
});
export type GuardStatus = z.infer<typeof GuardStatus>;
