import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSendStore } from './send-store.ts';

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function formatTime(ms: number, language: string): string {
  let format = timeFormats.get(language);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    timeFormats.set(language, format);
  }
  return format.format(ms);
}

/**
 * Main's question before a code that would join one still visible in Telegram. The focus goes to
 * Cancel, so the Enter that sent (or a second one out of habit) never confirms by itself: sending
 * another takes a deliberate Tab and Enter, or a click.
 */
export function RepeatQuestion({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation('send');
  const question = useSendStore((state) => state.question);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();

  useEffect(() => {
    if (question !== null) cancelRef.current?.focus();
  }, [question]);

  if (question === null) return null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  };

  return (
    <div role="alertdialog" aria-labelledby={titleId} aria-describedby={textId} className="repeat-question" onKeyDown={onKeyDown} data-testid="repeat-question">
      <p id={titleId} className="repeat-question__title">
        {t('repeat.label')}
      </p>
      <div id={textId}>
        <p className="repeat-question__text">{t('repeat.question', { count: question.ageSeconds, time: formatTime(question.sentAt, i18n.language) })}</p>
        <p className="repeat-question__hint">{t('repeat.hint')}</p>
      </div>
      <div className="repeat-question__actions">
        <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
          {t('repeat.cancel')}
        </button>
        <button type="button" className="button button--primary" onClick={onConfirm}>
          {t('repeat.confirm')}
        </button>
      </div>
    </div>
  );
}
