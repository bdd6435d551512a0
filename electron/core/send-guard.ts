import { CODE_VISIBLE_MS } from '../../shared/code.ts';
import type { GuardBlock, GuardStatus } from '../../shared/send-guard.ts';

export interface GuardLimits {
  /** 0 = off. */
  cooldownSeconds: number;
  /** 0 = off. */
  dailyCap: number;
}

/** How far back the sends that decide the guards can lie: the local day, the cooldown, the visible code. */
export function guardWindowStart(now: number, dayStart: number, limits: GuardLimits): number {
  return Math.min(dayStart, now - Math.max(limits.cooldownSeconds * 1000, CODE_VISIBLE_MS));
}

/**
 * Decides the guards for one send to one number, from the start times of its counted sends since
 * guardWindowStart (any order). The daily cap is checked first: it lasts longer than a cooldown.
 * Edges: a send exactly `cooldownSeconds` after the last one passes; with a cap of 5 the 6th is refused.
 */
export function decideGuard(phone: string, sendTimes: readonly number[], now: number, dayStart: number, limits: GuardLimits): GuardStatus {
  let sentToday = 0;
  let lastSentAt: number | null = null;
  for (const at of sendTimes) {
    if (at >= dayStart) sentToday += 1;
    if (lastSentAt === null || at > lastSentAt) lastSentAt = at;
  }
  const cooldownMs = limits.cooldownSeconds * 1000;
  const cooldownUntil = lastSentAt !== null && cooldownMs > 0 && now - lastSentAt < cooldownMs ? lastSentAt + cooldownMs : null;
  const visibleUntil = lastSentAt !== null && now - lastSentAt < CODE_VISIBLE_MS ? lastSentAt + CODE_VISIBLE_MS : null;
  let blocked: GuardBlock | null = null;
  if (limits.dailyCap > 0 && sentToday >= limits.dailyCap) {
    blocked = { rule: 'daily_cap', count: sentToday, limit: limits.dailyCap };
  } else if (cooldownUntil !== null && lastSentAt !== null) {
    // A send stamped in the future (the clock was set back) still waits no longer than the cooldown.
    const secondsLeft = Math.min(limits.cooldownSeconds, Math.ceil((cooldownUntil - now) / 1000));
    blocked = { rule: 'cooldown', cooldownSeconds: limits.cooldownSeconds, lastSentAt, secondsLeft };
  }
  return { phone, now, sentToday, dailyCap: limits.dailyCap, lastSentAt, cooldownUntil, visibleUntil, blocked };
}
