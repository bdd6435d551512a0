import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayPattern, formatDay, parseDay } from './day-format.ts';

interface DayFieldProps {
  label: string;
  /** ISO `YYYY-MM-DD`, or '' for no day. */
  value: string;
  onChange(value: string): void;
  /** Another problem to point at (the range is reversed), shown by the filter bar. */
  describedBy?: string | undefined;
  invalid?: boolean;
}

/**
 * A day typed as the app's language writes it. What does not read as a day filters nothing and says so,
 * in the field's own error line, while the operator can keep typing.
 */
export function DayField({ label, value, onChange, describedBy, invalid = false }: DayFieldProps) {
  const { t, i18n } = useTranslation('history');
  const language = i18n.language;
  const id = useId();
  const [text, setText] = useState(() => formatDay(value, language));
  // The text is re-written when the value changes from outside (filters cleared) or the language does.
  const [shown, setShown] = useState({ value, language });
  if (shown.value !== value || shown.language !== language) {
    setShown({ value, language });
    if ((parseDay(text, language) ?? '') !== value || shown.language !== language) setText(formatDay(value, language));
  }
  const { order, separator } = dayPattern(language);
  const format = order.map((part) => t(`filters.dayLetters.${part}`)).join(separator);
  const unreadable = text.trim() !== '' && parseDay(text, language) === null;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  return (
    <div className="history-field history-field--day">
      <label className="history-field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input input--day"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        maxLength={10}
        placeholder={format}
        value={text}
        aria-invalid={unreadable || invalid || undefined}
        aria-describedby={[unreadable ? errorId : hintId, describedBy].filter(Boolean).join(' ')}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const day = next.trim() === '' ? '' : parseDay(next, language);
          // Half a date is no filter yet; the one before it is dropped so nothing stale applies.
          if ((day ?? '') !== value) onChange(day ?? '');
        }}
      />
      <span id={hintId} className="visually-hidden">
        {t('filters.dayFormat', { format })}
      </span>
      {unreadable ? (
        <span id={errorId} className="history-field__error">
          {t('filters.dayUnreadable', { format })}
        </span>
      ) : null}
    </div>
  );
}
