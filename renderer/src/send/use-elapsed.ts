import { useEffect, useState } from 'react';

/** Whole seconds since `since` (epoch ms), re-rendering exactly when the shown second changes. */
export function useElapsedSeconds(since: number): number {
  const [now, setNow] = useState(() => Date.now());
  const elapsed = Math.max(0, now - since);
  useEffect(() => {
    const timer = setTimeout(() => setNow(Date.now()), 1000 - (elapsed % 1000));
    return () => clearTimeout(timer);
  }, [elapsed]);
  return Math.floor(elapsed / 1000);
}
