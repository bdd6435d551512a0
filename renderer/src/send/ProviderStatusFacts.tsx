import { useTranslation } from 'react-i18next';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { formatMoney } from '../format-money.ts';
import { NoValue } from '../NoValue.tsx';
import { providerStatusText } from '../provider-status-text.ts';

/** The send's delivery status and price as get_status gave them, shown as main records them. */
export function ProviderStatusFacts({ row }: { row: HistoryRow }) {
  const { t, i18n } = useTranslation('loop');
  const status = row.providerStatus;
  const price = status?.price ?? null;
  return (
    <dl className="facts facts--provider" data-testid="provider-status">
      <div className="facts__row">
        <dt>{t('status.label')}</dt>
        <dd>{status === null ? <span className="muted">{t('status.waiting')}</span> : providerStatusText(status, t)}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('status.price')}</dt>
        <dd data-testid="provider-price">{price === null ? <NoValue /> : formatMoney(price, i18n.language)}</dd>
      </div>
    </dl>
  );
}
