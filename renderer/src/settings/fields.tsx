import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Option<T extends string> {
  value: T;
  label: ReactNode;
  help?: ReactNode;
}

/** "Set by your administrator", under a setting the policy file sets. */
export function LockedNote({ id }: { id: string }) {
  const { t } = useTranslation('settings');
  return (
    <p id={id} className="field-locked" data-testid="locked-note">
      <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
        <path d="M7 10V7a5 5 0 0 1 10 0v3M5 10h14v11H5z" />
      </svg>
      {t('policy.lockedNote')}
    </p>
  );
}

interface RadioGroupProps<T extends string> {
  legend: string;
  value: T;
  options: readonly Option<T>[];
  onChange(value: T): void;
  help?: ReactNode;
  /** Laid out side by side for short labels (GET / POST). */
  inline?: boolean;
  /** Set by the administrator's policy: shown, not changeable. */
  locked?: boolean;
}

/** A labelled set of radio buttons: arrow keys move between them, as the browser does natively. */
export function RadioGroup<T extends string>({ legend, value, options, onChange, help, inline = false, locked = false }: RadioGroupProps<T>) {
  const name = useId();
  const helpId = `${name}-help`;
  const lockedId = `${name}-locked`;
  const describedBy = [locked ? lockedId : null, help ? helpId : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="field" aria-describedby={describedBy} disabled={locked}>
      <legend className="field-label">{legend}</legend>
      <div className={inline ? 'radio-list inline' : 'radio-list'}>
        {options.map((option) => (
          <label key={option.value} className="radio">
            <input type="radio" name={name} value={option.value} checked={option.value === value} onChange={() => onChange(option.value)} />
            <span>
              <span className="radio-label">{option.label}</span>
              {option.help && <span className="radio-help">{option.help}</span>}
            </span>
          </label>
        ))}
      </div>
      {locked && <LockedNote id={lockedId} />}
      {help && (
        <p id={helpId} className="field-help">
          {help}
        </p>
      )}
    </fieldset>
  );
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'> {
  label: string;
  value: string;
  onChange(value: string): void;
  help?: ReactNode;
  /** Shown under the field; its line is always there so the layout does not jump. */
  error?: string | null;
  /** Set by the administrator's policy: read-only, still focusable and readable. */
  locked?: boolean;
}

export function TextField({ label, value, onChange, help, error = null, locked = false, className, ...input }: TextFieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const lockedId = `${id}-locked`;
  const describedBy = [error ? errorId : null, locked ? lockedId : null, help ? helpId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        {...input}
        id={id}
        className={['input', className].filter(Boolean).join(' ')}
        value={value}
        readOnly={locked}
        aria-invalid={error !== null}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      {locked && <LockedNote id={lockedId} />}
      {help && (
        <p id={helpId} className="field-help">
          {help}
        </p>
      )}
      <p id={errorId} className="field-error">
        {error ?? ''}
      </p>
    </div>
  );
}
