import { useTranslation } from 'react-i18next';
import { useSendStore } from './send-store.ts';
import { useCountdown } from './use-countdown.ts';

function CooldownLine({ deadline, total }: { deadline: number; total: number }) {
  const { t } = useTranslation('send');
  const countdown = useCountdown(deadline, total);
  if (countdown.expired) return null;
  return (
    <p className="send-form__guard send-form__guard--wait" data-testid="guard-cooldown">
      {t('guard.cooldown', { count: countdown.secondsLeft })}
    </p>
  );
}

/**
 * The repeat-send limits for the number typed, before Enter: the cooldown counting down live and the
 * count against the daily cap. Main decides at the send; this only says what it will decide.
 */
export function GuardNote({ id }: { id: string }) {
  const { t } = useTranslation('send');
  const guard = useSendStore((state) => state.guard);
  const lines = [];
  if (guard !== null) {
    const { status, receivedAt } = guard;
    if (status.cooldownUntil !== null && status.lastSentAt !== null) {
      // Main's clock may differ from this one: count the time main said was left, from when it said so.
      const deadline = receivedAt + (status.cooldownUntil - status.now);
      lines.push(<CooldownLine key={`cooldown-${status.cooldownUntil}`} deadline={deadline} total={status.cooldownUntil - status.lastSentAt} />);
    }
    if (status.dailyCap > 0) {
      const reached = status.sentToday >= status.dailyCap;
      lines.push(
        <p key="cap" className={`send-form__guard${reached ? ' send-form__guard--wait' : ''}`} data-testid="guard-today">
          {t(reached ? 'guard.capReached' : 'guard.today', { count: status.sentToday, limit: status.dailyCap })}
        </p>,
      );
    } else if (status.sentToday > 0) {
      lines.push(
        <p key="count" className="send-form__guard" data-testid="guard-today">
          {t('guard.todayNoCap', { count: status.sentToday })}
        </p>,
      );
    }
  }
  return (
    <div id={id} className="send-form__guards">
      {lines}
    </div>
  );
}
