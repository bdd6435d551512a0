import type { BalanceView } from '../../../shared/account-schema.ts';
import type { Mode } from '../../../shared/settings-schema.ts';
import type { BalanceAnswer } from '../api/account-answers.ts';

export interface BalanceMonitorDeps {
  /** One get_balance request where sends go now; `key` names that place (mode and address). */
  ask: () => Promise<{ key: string; mode: Mode; answer: BalanceAnswer }>;
  /** Where sends go now, without asking anything. */
  currentKey: () => Promise<string>;
  lowBalanceSends: () => number;
  now: () => number;
}

export interface BalanceMonitor {
  /** The last balance read for where sends go now; asks when `refresh` or when there is none. */
  get(refresh: boolean): Promise<BalanceView>;
}

export function balanceView(mode: Mode, answer: BalanceAnswer, lowBalanceSends: number, checkedAt: number): BalanceView {
  if (answer.kind === 'failed') {
    return { state: 'unknown', mode, balance: null, price: null, balanceLimit: null, sendsLeft: null, low: false, short: false, reason: answer.reason, checkedAt };
  }
  const { balance, price, balanceLimit } = answer;
  // A free send (price 0) or an unknown price leaves the count unknown rather than infinite.
  const sendsLeft = price !== null && price > 0 ? Math.max(0, Math.floor(balance / price + 1e-9)) : null;
  return {
    state: 'known',
    mode,
    balance,
    price,
    balanceLimit,
    sendsLeft,
    low: sendsLeft !== null && sendsLeft <= lowBalanceSends,
    short: price !== null && price > 0 && balance < price,
    reason: null,
    checkedAt,
  };
}

interface Reading {
  key: string;
  mode: Mode;
  answer: BalanceAnswer;
  at: number;
}

/** Keeps the last balance and asks at most once at a time: concurrent callers share one request. */
export function createBalanceMonitor(deps: BalanceMonitorDeps): BalanceMonitor {
  let last: Reading | null = null;
  let asking: Promise<Reading> | null = null;

  const ask = (): Promise<Reading> => {
    asking ??= deps
      .ask()
      .then(({ key, mode, answer }) => {
        const reading: Reading = { key, mode, answer, at: deps.now() };
        last = reading;
        return reading;
      })
      .finally(() => (asking = null));
    return asking;
  };

  return {
    async get(refresh) {
      const key = await deps.currentKey();
      const known = !refresh && last !== null && last.key === key ? last : await ask();
      return balanceView(known.mode, known.answer, deps.lowBalanceSends(), known.at);
    },
  };
}
