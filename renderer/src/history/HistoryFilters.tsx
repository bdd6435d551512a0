import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { VERIFICATION_FILTERS } from '../../../shared/check-schema.ts';
import { datesReversed, hasFilters, OUTCOME_FILTERS, PHONE_SEARCH_MAX } from './history-query.ts';
import { useHistoryStore } from './history-store.ts';
import { OperatorPicker } from './OperatorPicker.tsx';

interface PickerProps<T extends string> {
  label: string;
  /** What the button says when nothing is ticked, and when `count` things are. */
  summaryAll: string;
  summarySome: (count: number) => string;
  choices: readonly T[];
  chosen: readonly T[];
  labelOf: (choice: T) => string;
  onChange: (chosen: T[]) => void;
}

/** A filter that is a button opening a list of checkboxes. */
function Picker<T extends string>({ label, summaryAll, summarySome, choices, chosen, labelOf, onChange }: PickerProps<T>) {
  const popoverId = useId();
  const labelId = useId();
  const summary = chosen.length === 0 ? summaryAll : summarySome(chosen.length);

  return (
    <div className="history-field">
      <span id={labelId} className="history-field__label">
        {label}
      </span>
      <button type="button" className="history-select" popoverTarget={popoverId} aria-label={`${label}: ${summary}`}>
        {summary}
        <span aria-hidden="true" className="history-select__arrow">
          ▾
        </span>
      </button>
      {/* A popover closes itself on Esc and on a click outside it. */}
      <div id={popoverId} popover="auto" role="group" aria-labelledby={labelId} className="history-popover">
        {choices.map((choice) => (
          <label key={choice} className="history-check">
            <input
              type="checkbox"
              checked={chosen.includes(choice)}
              onChange={(event) => onChange(event.target.checked ? [...chosen, choice] : chosen.filter((other) => other !== choice))}
            />
            {labelOf(choice)}
          </label>
        ))}
      </div>
    </div>
  );
}

/** The outcome filter: one checkbox per way a send can end. */
function OutcomePicker() {
  const { t } = useTranslation('history');
  const outcomes = useHistoryStore((state) => state.filters.outcomes);
  const setFilters = useHistoryStore((state) => state.setFilters);
  return (
    <Picker
      label={t('filters.outcome')}
      summaryAll={t('filters.outcomeAll')}
      summarySome={(count) => t('filters.outcomeSome', { count })}
      choices={OUTCOME_FILTERS}
      chosen={outcomes}
      labelOf={(kind) => t(`outcome.${kind}`)}
      onChange={(chosen) => setFilters({ outcomes: chosen })}
    />
  );
}

/** Verified, checked but not verified, not checked. */
function VerificationPicker() {
  const { t } = useTranslation('loop');
  const verification = useHistoryStore((state) => state.filters.verification);
  const setFilters = useHistoryStore((state) => state.setFilters);
  return (
    <Picker
      label={t('history.filter')}
      summaryAll={t('history.filterAll')}
      summarySome={(count) => t('history.filterSome', { count })}
      choices={VERIFICATION_FILTERS}
      chosen={verification}
      labelOf={(name) => t(`history.filters.${name}`)}
      onChange={(chosen) => setFilters({ verification: chosen })}
    />
  );
}

/** Search by phone, outcome and date range, applied to the table, the count and the export. */
export function HistoryFilters() {
  const { t } = useTranslation('history');
  const filters = useHistoryStore((state) => state.filters);
  const setFilters = useHistoryStore((state) => state.setFilters);
  const clearFilters = useHistoryStore((state) => state.clearFilters);
  const reversed = datesReversed(filters);

  return (
    <search className="history-filters" aria-label={t('filters.label')}>
      <label className="history-field history-field--phone">
        <span className="history-field__label">{t('filters.phone')}</span>
        <input
          className="input"
          type="search"
          inputMode="tel"
          autoComplete="off"
          spellCheck={false}
          maxLength={PHONE_SEARCH_MAX}
          placeholder={t('filters.phonePlaceholder')}
          value={filters.phone}
          onChange={(event) => setFilters({ phone: event.target.value })}
        />
      </label>
      <OutcomePicker />
      <OperatorPicker />
      <VerificationPicker />
      <label className="history-field">
        <span className="history-field__label">{t('filters.from')}</span>
        <input className="input" type="date" value={filters.from} aria-invalid={reversed || undefined} onChange={(event) => setFilters({ from: event.target.value })} />
      </label>
      <label className="history-field">
        <span className="history-field__label">{t('filters.to')}</span>
        <input
          className="input"
          type="date"
          value={filters.to}
          aria-invalid={reversed || undefined}
          aria-describedby={reversed ? 'history-dates-reversed' : undefined}
          onChange={(event) => setFilters({ to: event.target.value })}
        />
      </label>
      <button type="button" className="button button--quiet" disabled={!hasFilters(filters)} onClick={clearFilters}>
        {t('filters.clear')}
      </button>
      {reversed ? (
        <p id="history-dates-reversed" className="history-filters__hint" role="alert">
          {t('filters.datesReversed')}
        </p>
      ) : null}
    </search>
  );
}
