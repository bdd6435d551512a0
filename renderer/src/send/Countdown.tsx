import { useTranslation } from 'react-i18next';
import type { Countdown as CountdownState } from './use-countdown.ts';

/**
 * How long the code stays readable in the person's Telegram chat. A simulated code reached no chat, so its
 * countdown says how long a real one would last, not that anything is visible.
 */
export function Countdown({ countdown, simulated }: { countdown: CountdownState; simulated: boolean }) {
  const { t } = useTranslation('send');
  if (countdown.expired) {
    return (
      <div className="countdown countdown--expired">
        <p className="countdown__expired">{t(simulated ? 'countdown.simulatedExpired' : 'countdown.expired')}</p>
        <p className="countdown__advice">{t('countdown.expiredAdvice')}</p>
      </div>
    );
  }
  return (
    <div className="countdown">
      <div className="countdown__bar" aria-hidden="true">
        <span className="countdown__fill" style={{ transform: `scaleX(${countdown.fraction})` }} />
      </div>
      {/* role="timer" is not announced on every tick, which would drown everything else. */}
      <p className="countdown__text" role="timer">
        {t(simulated ? 'countdown.simulatedLeft' : 'countdown.left', { count: countdown.secondsLeft })}
      </p>
    </div>
  );
}
