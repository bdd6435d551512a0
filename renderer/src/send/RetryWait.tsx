import { useTranslation } from 'react-i18next';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { useCountdown } from './use-countdown.ts';

/** The wait after a 429 when the service does not say (no Retry-After): a minute, as limits usually run. */
export const DEFAULT_RETRY_AFTER_S = 60;

/** After a rate limit: how long is left before sending again makes sense, counted down. */
export function RetryWait({ row }: { row: HistoryRow }) {
  const { t } = useTranslation('send');
  const waitMs = (row.retryAfterS ?? DEFAULT_RETRY_AFTER_S) * 1000;
  // From the answer, not from the start of the request: the wait begins when the service said so.
  const answeredAt = row.startedAt + (row.durationMs ?? 0);
  const countdown = useCountdown(answeredAt + waitMs, waitMs);
  return (
    <p className="result__wait" role="timer" data-testid="retry-wait">
      {countdown.expired ? t('outcome.rate_limited.waitOver') : t('outcome.rate_limited.wait', { count: countdown.secondsLeft })}
    </p>
  );
}
