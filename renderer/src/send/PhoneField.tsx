import { type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHONE_PROBLEM_TEXT } from './messages.ts';
import { phoneStatus } from './phone-status.ts';

export const PHONE_INPUT_ID = 'send-phone';

interface PhoneFieldProps {
  value: string;
  onChange(value: string): void;
  /** The operator tried to send, so a problem is shown even while the field is still focused. */
  attempted: boolean;
  inputRef: Ref<HTMLInputElement>;
}

/** Takes a number typed or pasted in any usual form and shows, live, the number it will send to. */
export function PhoneField({ value, onChange, attempted, inputRef }: PhoneFieldProps) {
  const { t } = useTranslation('send');
  const [left, setLeft] = useState(false);
  const status = phoneStatus(value, attempted || left);
  const statusId = `${PHONE_INPUT_ID}-status`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={PHONE_INPUT_ID}>
        {t('phone.label')}
      </label>
      <input
        id={PHONE_INPUT_ID}
        ref={inputRef}
        className="input input--phone"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('phone.placeholder')}
        value={value}
        aria-invalid={status.tone === 'error'}
        aria-describedby={statusId}
        onChange={(event) => {
          setLeft(false);
          onChange(event.target.value);
        }}
        onBlur={() => setLeft(value.trim() !== '')}
      />
      <p id={statusId} className={`field__status field__status--${status.tone}`} data-testid="phone-status">
        {status.tone === 'ok' && t('phone.preview', { phone: status.display })}
        {status.tone === 'hint' && t('phone.hint')}
        {status.tone === 'typing' && t('phone.typing')}
        {status.tone === 'error' && t(PHONE_PROBLEM_TEXT[status.problem])}
      </p>
    </div>
  );
}
