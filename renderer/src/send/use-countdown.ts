import { useEffect, useState } from 'react';

export interface Countdown {
  /** Whole seconds left, rounded up, so the last second reads "1" rather than "0". */
  secondsLeft: number;
  /** 1 at the start, 0 when expired. */
  fraction: number;
  expired: boolean;
}

/** Counts down to `deadline` (epoch ms), re-rendering exactly when the shown second changes. */
export function useCountdown(deadline: number, total: number): Countdown {
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, deadline - now);
  useEffect(() => {
    if (left <= 0) return;
    // Wake at the next whole-second boundary before the deadline instead of on a drifting interval.
    const timer = setTimeout(() => setNow(Date.now()), left % 1000 || 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return { secondsLeft: Math.ceil(left / 1000), fraction: Math.min(1, left / total), expired: left <= 0 };
}
