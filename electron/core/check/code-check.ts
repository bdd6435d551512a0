import { timingSafeEqual } from 'node:crypto';
import { CODE_VISIBLE_MS } from '../../../shared/code.ts';
import type { CheckState, CheckVerdict } from '../../../shared/check-schema.ts';
import type { HistoryRecord } from '../../../shared/history-schema.ts';

export interface Judgement {
  verdict: CheckVerdict;
  triesLeft: number;
  check: CheckState;
}

/**
 * Compares the digits a caller read back with the code of their send. In order: a send whose wrong
 * tries ran out stays failed; past its 90 s the code is expired (no try used); without a code there is
 * nothing to compare; otherwise it matches, or it uses one wrong try, and the last one fails the send.
 * A send once verified stays verified; a later comparison is still reported as it is.
 */
export function judge(record: HistoryRecord, typed: string, sentCode: string | null, options: { now: number; tries: number }): Judgement {
  const before = record.check;
  const wrongTries = before?.wrongTries ?? 0;
  const triesLeft = (wrong: number) => Math.max(0, options.tries - wrong);
  const next = (verdict: CheckVerdict, wrong: number, state: CheckState['state']): Judgement => ({
    verdict,
    triesLeft: triesLeft(wrong),
    check: { state, wrongTries: wrong, checks: (before?.checks ?? 0) + 1, lastVerdict: verdict, lastAt: options.now },
  });
  const settled = before?.state === 'verified' ? 'verified' : 'open';
  if (before?.state === 'failed') return next('failed', wrongTries, 'failed');
  if (options.now - record.startedAt > CODE_VISIBLE_MS) return next('expired', wrongTries, settled);
  const code = sentCode ?? record.code;
  if (code === null || record.delivery === 'not_sent') return next('no_code', wrongTries, settled);
  if (sameCode(code, typed)) return next('match', wrongTries, 'verified');
  if (settled === 'verified') return next('mismatch', wrongTries, 'verified');
  const wrong = wrongTries + 1;
  return wrong >= options.tries ? next('failed', wrong, 'failed') : next('mismatch', wrong, 'open');
}

/** Constant time, so the comparison itself tells nothing about how many digits were right. */
function sameCode(code: string, typed: string): boolean {
  const a = Buffer.from(code);
  const b = Buffer.from(typed);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The codes of this session's sends for their 90 s, held in main only: with "keep codes" off the
 * history has no code, and in blind mode the renderer never had one, yet the caller can still be checked.
 */
export class SentCodes {
  readonly #codes = new Map<number, { code: string; at: number }>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  remember(id: number, code: string): void {
    this.#forgetExpired();
    this.#codes.set(id, { code, at: this.#now() });
  }

  get(id: number): string | null {
    this.#forgetExpired();
    return this.#codes.get(id)?.code ?? null;
  }

  clear(): void {
    this.#codes.clear();
  }

  #forgetExpired(): void {
    const cutoff = this.#now() - CODE_VISIBLE_MS;
    for (const [id, { at }] of this.#codes) {
      if (at >= cutoff) break;
      this.#codes.delete(id);
    }
  }
}
