import { useTranslation } from 'react-i18next';
import { outcomeOf, type HistoryRow } from '../../../shared/history-schema.ts';
import { TONE_MARK, toneOf } from './history-format.ts';

/** The outcome as a coloured badge whose text and mark say the same thing as its colour. */
export function OutcomeBadge({ row }: { row: HistoryRow }) {
  const { t } = useTranslation('history');
  const tone = toneOf(row);
  const label = t(`outcome.${outcomeOf(row)}`);
  return (
    <span className={`history-badge history-badge--${tone}`} title={label}>
      <span className="history-badge__mark" aria-hidden="true">
        {TONE_MARK[tone]}
      </span>
      {label}
    </span>
  );
}
