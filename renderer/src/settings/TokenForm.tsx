import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../shared/contract-error.ts';
import type { TokenStatus } from '../../../shared/token-schema.ts';
import { useSettingsStore } from './settings-store.ts';

type Problem = 'empty' | 'format' | 'failed';

interface TokenFormProps {
  storage: TokenStatus['storage'];
  fieldLabel: string;
  submitLabel: string;
  onSaved(status: TokenStatus): void | Promise<void>;
  /** Take the focus on mount, where entering the token is the one thing the screen is for. */
  autoFocus?: boolean;
}

/**
 * Entry of a new token. The field is uncontrolled, so what is typed never becomes a DOM attribute,
 * and it is emptied after saving: "show" can only ever reveal what is being typed now.
 */
export function TokenForm({ storage, fieldLabel, submitLabel, onSaved, autoFocus = false }: TokenFormProps) {
  const { t } = useTranslation('settings');
  const setToken = useSettingsStore((state) => state.setToken);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [visible, setVisible] = useState(false);
  const [acceptWeak, setAcceptWeak] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const field = input.current;
    if (!field || busy) return;
    if (field.value.trim() === '') {
      setProblem('empty');
      field.focus();
      return;
    }
    setBusy(true);
    let status: TokenStatus;
    try {
      status = await setToken(field.value, storage === 'weak' && acceptWeak);
    } catch (error) {
      // 'invalid_request' is the client's own check (e.g. an absurdly long paste): also a format problem.
      const code = errorCodeOf(error);
      setProblem(code === 'invalid_token' || code === 'invalid_request' ? 'format' : 'failed');
      field.focus();
      return;
    } finally {
      setBusy(false);
    }
    field.value = '';
    setVisible(false);
    setProblem(null);
    await onSaved(status);
  }

  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  return (
    <form className="token-form" onSubmit={submit} noValidate>
      <label className="field-label" htmlFor={`${id}-token`}>
        {fieldLabel}
      </label>
      <div className="token-input-row">
        <input
          ref={input}
          id={`${id}-token`}
          className="input mono"
          type={visible ? 'text' : 'password'}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={200}
          placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${errorId} ${helpId}` : helpId}
          onInput={() => setProblem(null)}
        />
        <button type="button" className="button" aria-pressed={visible} aria-controls={`${id}-token`} onClick={() => setVisible((shown) => !shown)}>
          {t('token.show')}
        </button>
      </div>
      <p id={helpId} className="field-help">
        {t('token.fieldHelp')}
      </p>
      <p id={errorId} className="field-error" role="alert">
        {problem ? t(`token.errors.${problem}`) : ''}
      </p>
      {storage === 'weak' && (
        <div className="weak-storage">
          <p className="notice warn">{t('token.storage.weak')}</p>
          <label className="check">
            <input type="checkbox" checked={acceptWeak} onChange={(event) => setAcceptWeak(event.target.checked)} />
            <span>{t('token.acceptWeak')}</span>
          </label>
        </div>
      )}
      {storage === 'unavailable' && <p className="notice warn">{t('token.storage.unavailable')}</p>}
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
