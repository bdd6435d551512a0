import { useTranslation } from 'react-i18next';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { NoValue } from '../NoValue.tsx';

/** Whether the code the caller read back was checked, and how it went; never by colour alone. */
export function VerificationValue({ row }: { row: HistoryRow }) {
  const { t } = useTranslation('loop');
  const { check } = row;
  if (check === null) return <NoValue />;
  const text = check.state === 'open' ? t('history.state.open', { verdict: t(`history.lastVerdict.${check.lastVerdict}`) }) : t(`history.state.${check.state}`);
  const mark = check.state === 'verified' ? '✓' : '✕';
  return (
    // The title gives the whole text where the column cuts it short.
    <span className={`history-verification history-verification--${check.state}`} title={text}>
      <span aria-hidden="true">{mark} </span>
      {text}
    </span>
  );
}
