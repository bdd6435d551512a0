import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { datesReversed, hasFilters, OUTCOME_FILTERS, PHONE_SEARCH_MAX } from './history-query.ts';
import { useHistoryStore } from './history-store.ts';
import { OperatorPicker } from './OperatorPicker.tsx';

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
