import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { VERIFICATION_FILTERS } from '../../../shared/check-schema.ts';
import { SEARCH_MAX_LENGTH, SEARCH_MIN_DIGITS, SEARCH_MIN_LETTERS } from '../../../shared/history-search.ts';
import { useAppStore } from '../app-store.ts';
import { DayField } from './DayField.tsx';
import { datesReversed, hasFilters, OUTCOME_FILTERS, searchTooShort } from './history-query.ts';
import { useHistoryStore } from './history-store.ts';
import { OperatorPicker } from './OperatorPicker.tsx';

/** Ctrl+F (Cmd+F) puts the focus in this box from anywhere in the app (app-store's searchFocusPending). */
const HISTORY_SEARCH_ID = 'history-search';
const SEARCH_HINT_ID = 'history-search-hint';

/** Drops every filter; beside the count, so the filter bar fits one line at the smallest window. */
export function ClearFilters() {
  const { t } = useTranslation('history');
  const active = useHistoryStore((state) => hasFilters(state.filters));
  const clearFilters = useHistoryStore((state) => state.clearFilters);
  return (
    <button type="button" className="button button--small button--quiet" disabled={!active} onClick={clearFilters}>
      {t('filters.clear')}
    </button>
  );
}

/** Says when the search box holds too little to search by, rather than quietly showing everything. */
export function SearchHint() {
  const { t } = useTranslation('history');
  const tooShort = useHistoryStore((state) => searchTooShort(state.filters));
  return (
    <p id={SEARCH_HINT_ID} className="history-search-hint" role="status" data-testid="search-hint">
      {tooShort ? t('filters.searchTooShort', { digits: SEARCH_MIN_DIGITS, letters: SEARCH_MIN_LETTERS }) : ''}
    </p>
  );
}

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

/** Search by number, code or sender, outcome, code check and date range, applied to the table, the count and the export. */
export function HistoryFilters() {
  const { t } = useTranslation('history');
  const filters = useHistoryStore((state) => state.filters);
  const setFilters = useHistoryStore((state) => state.setFilters);
  const reversed = datesReversed(filters);
  const searchRef = useRef<HTMLInputElement>(null);
  const focusPending = useAppStore((state) => state.searchFocusPending);

  // Ctrl+F: the search box takes the focus, with what it holds selected for a new search.
  useEffect(() => {
    if (!focusPending) return;
    searchRef.current?.focus();
    searchRef.current?.select();
    useAppStore.getState().searchFocused();
  }, [focusPending]);

  return (
    <search className="history-filters" aria-label={t('filters.label')}>
      <div className="history-field history-field--search">
        <label className="history-field__label" htmlFor={HISTORY_SEARCH_ID}>
          {t('filters.search')}
        </label>
        <input
          id={HISTORY_SEARCH_ID}
          ref={searchRef}
          className="input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder={t('filters.searchPlaceholder')}
          value={filters.search}
          aria-describedby={SEARCH_HINT_ID}
          onChange={(event) => setFilters({ search: event.target.value })}
        />
      </div>
      <OutcomePicker />
      <OperatorPicker />
      <VerificationPicker />
      <DayField label={t('filters.from')} value={filters.from} invalid={reversed} onChange={(from) => setFilters({ from })} />
      <DayField
        label={t('filters.to')}
        value={filters.to}
        invalid={reversed}
        describedBy={reversed ? 'history-dates-reversed' : undefined}
        onChange={(to) => setFilters({ to })}
      />
      {reversed ? (
        <p id="history-dates-reversed" className="history-filters__hint" role="alert">
          {t('filters.datesReversed')}
        </p>
      ) : null}
    </search>
  );
}
