import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../shared/history-schema.ts';
import { accountOf, sameOperator } from './history-format.ts';
import { useHistoryStore } from './history-store.ts';

/** Narrows the history to one sender: a display name together with the OS account and computer it ran on. */
export function OperatorPicker() {
  const { t } = useTranslation('history');
  const selected = useHistoryStore((state) => state.filters.operator);
  const operators = useHistoryStore((state) => state.operators);
  const setFilters = useHistoryStore((state) => state.setFilters);
  const selectId = useId();
  const choices: Operator[] = (operators ?? []).map((row) => row.operator);
  // A choice that no longer matches anything under the other filters stays selectable, so it can be seen and undone.
  if (selected !== null && !choices.some((operator) => sameOperator(operator, selected))) choices.push(selected);
  const value = selected === null ? '' : String(choices.findIndex((operator) => sameOperator(operator, selected)));
  const label = (operator: Operator) => `${operator.sentBy || '—'} (${accountOf(operator) ?? t('whoUnknown')})`;

  return (
    <div className="history-field history-field--operator">
      {/* A label of its own, so the select's name is not read together with the chosen value. */}
      <label htmlFor={selectId} className="history-field__label">
        {t('filters.operator')}
      </label>
      <select
        id={selectId}
        className="history-select"
        value={value}
        onChange={(event) => setFilters({ operator: event.target.value === '' ? null : (choices[Number(event.target.value)] ?? null) })}
      >
        <option value="">{t('filters.operatorAll')}</option>
        {choices.map((operator, index) => (
          <option key={`${operator.sentBy}\u0000${operator.osUser ?? ''}\u0000${operator.host ?? ''}`} value={String(index)}>
            {label(operator)}
          </option>
        ))}
      </select>
    </div>
  );
}
