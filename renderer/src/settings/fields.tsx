import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface Option<T extends string> {
  value: T;
  label: ReactNode;
  help?: ReactNode;
}

interface RadioGroupProps<T extends string> {
  legend: string;
  value: T;
  options: readonly Option<T>[];
  onChange(value: T): void;
  help?: ReactNode;
  /** Laid out side by side for short labels (GET / POST). */
  inline?: boolean;
}

/** A labelled set of radio buttons: arrow keys move between them, as the browser does natively. */
export function RadioGroup<T extends string>({ legend, value, options, onChange, help, inline = false }: RadioGroupProps<T>) {
  const name = useId();
  const helpId = `${name}-help`;
  return (
    <fieldset className="field" aria-describedby={help ? helpId : undefined}>
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
}

export function TextField({ label, value, onChange, help, error = null, className, ...input }: TextFieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, help ? helpId : null].filter(Boolean).join(' ') || undefined;
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
        aria-invalid={error !== null}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
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
