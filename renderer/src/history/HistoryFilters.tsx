import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_MAX_LENGTH, SEARCH_MIN_DIGITS, SEARCH_MIN_LETTERS } from '../../../shared/history-search.ts';
import { useAppStore } from '../app-store.ts';
import { DayField } from './DayField.tsx';
import { datesReversed, hasFilters, OUTCOME_FILTERS, searchTooShort } from './history-query.ts';
import { useHistoryStore } from './history-store.ts';

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

/** The outcome filter: a button that opens a list of checkboxes, one per way a send can end. */
function OutcomePicker() {
  const { t } = useTranslation('history');
  const outcomes = useHistoryStore((state) => state.filters.outcomes);
  const setFilters = useHistoryStore((state) => state.setFilters);
  const popoverId = useId();
  const labelId = useId();
  const summary = outcomes.length === 0 ? t('filters.outcomeAll') : t('filters.outcomeSome', { count: outcomes.length });

  return (
    <div className="history-field">
      <span id={labelId} className="history-field__label">
        {t('filters.outcome')}
      </span>
      <button type="button" className="history-select" popoverTarget={popoverId} aria-label={`${t('filters.outcome')}: ${summary}`}>
        {summary}
        <span aria-hidden="true" className="history-select__arrow">
          ▾
        </span>
      </button>
      {/* A popover closes itself on Esc and on a click outside it. */}
      <div id={popoverId} popover="auto" role="group" aria-labelledby={labelId} className="history-popover">
        {OUTCOME_FILTERS.map((kind) => (
          <label key={kind} className="history-check">
            <input
              type="checkbox"
              checked={outcomes.includes(kind)}
              onChange={(event) =>
                setFilters({ outcomes: event.target.checked ? [...outcomes, kind] : outcomes.filter((other) => other !== kind) })
              }
            />
            {t(`outcome.${kind}`)}
          </label>
        ))}
      </div>
    </div>
  );
}

/** Search by number, code or sender, outcome and date range, applied to the table, the count and the export. */
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
