import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

export const CODE_INPUT_ID = 'send-own-code';
const CODE_LENGTH = 4;

interface OwnCodeFieldProps {
  enabled: boolean;
  code: string;
  onToggle(enabled: boolean): void;
  onCode(code: string): void;
  attempted: boolean;
  readOnly: boolean;
  inputRef: Ref<HTMLInputElement>;
}

/** "Own code" checkbox and its 4-digit field; the field keeps its place while hidden, so nothing moves. */
export function OwnCodeField({ enabled, code, onToggle, onCode, attempted, readOnly, inputRef }: OwnCodeFieldProps) {
  const { t } = useTranslation('send');
  const missing = CODE_LENGTH - code.length;
  const statusId = `${CODE_INPUT_ID}-status`;
  let status: { tone: 'hint' | 'typing' | 'ok' | 'error'; text: string };
  if (!enabled) status = { tone: 'hint', text: t('ownCode.generated') };
  else if (missing === 0) status = { tone: 'ok', text: t('ownCode.ready', { code }) };
  else status = { tone: attempted ? 'error' : 'typing', text: t('ownCode.missing', { count: missing }) };

  return (
    <div className="field">
      <div className="own-code">
        <label className="check">
          <input type="checkbox" checked={enabled} disabled={readOnly} onChange={(event) => onToggle(event.target.checked)} aria-describedby={statusId} />
          <span>{t('ownCode.toggle')}</span>
        </label>
        <label className="visually-hidden" htmlFor={CODE_INPUT_ID}>
          {t('ownCode.label')}
        </label>
        <input
          id={CODE_INPUT_ID}
          ref={inputRef}
          className={enabled ? 'input input--code' : 'input input--code is-hidden'}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          // Not digits: a placeholder must never pass for a code typed in.
          placeholder="····"
          value={code}
          readOnly={readOnly}
          aria-invalid={enabled && attempted && missing > 0}
          aria-describedby={statusId}
          // Only digits get in, whatever is typed or pasted (no maxLength: it would cut "12-34" to "12-3").
          onChange={(event) => onCode(event.target.value.replace(/\D/g, '').slice(0, CODE_LENGTH))}
        />
      </div>
      <p id={statusId} className={`field__status field__status--${status.tone}`} data-testid="code-status">
        {status.text}
      </p>
    </div>
  );
}
