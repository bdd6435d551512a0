import { useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../shared/contract-error.ts';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { formatMoney } from '../format-money.ts';
import { NoValue } from '../NoValue.tsx';
import { providerStatusText } from '../provider-status-text.ts';
import { useHistoryStore } from './history-store.ts';

interface Props {
  row: HistoryRow;
  onRow: (row: HistoryRow) => void;
  /** The details dialog's own field layout. */
  Field: ComponentType<{ label: string; children: ReactNode }>;
}

/** The send's status and price at the provider, and "refresh status" for a send that has an id there. */
export function ProviderStatusFields({ row, onRow, Field }: Props) {
  const { t, i18n } = useTranslation('loop');
  const refreshStatus = useHistoryStore((state) => state.refreshStatus);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<'refreshFailed' | 'otherApi' | null>(null);
  const status = row.providerStatus;
  const askable = row.outcome === 'sent' && row.apiId !== null;

  const refresh = async () => {
    setBusy(true);
    setProblem(null);
    try {
      onRow(await refreshStatus(row.id));
    } catch (error) {
      setProblem(errorCodeOf(error) === 'forbidden' ? 'otherApi' : 'refreshFailed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Field label={t('status.label')}>
        <span data-testid="details-provider-status">{providerStatusText(status, t)}</span>
        {askable ? (
          <span className="history-fields__note">
            <button type="button" className="button button--small" aria-disabled={busy} onClick={() => void (busy ? undefined : refresh())}>
              {busy ? t('status.refreshing') : t('status.refresh')}
            </button>{' '}
            <span role="status">{problem === null ? '' : t(`status.${problem}`)}</span>
          </span>
        ) : null}
      </Field>
      <Field label={t('status.price')}>{status?.price == null ? <NoValue /> : formatMoney(status.price, i18n.language)}</Field>
      <Field label={t('status.createdAt')}>{status?.createdAt ?? <NoValue />}</Field>
    </>
  );
}
