import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorSummary as Counts } from '../../../shared/history-schema.ts';
import { formatMoney } from '../format-money.ts';
import { ModalDialog } from '../ModalDialog.tsx';
import { NoValue } from '../NoValue.tsx';
import { accountOf, formatCount, sameOperator } from './history-format.ts';
import { useHistoryStore } from './history-store.ts';

/**
 * Per operator, for the filters in force: sends, how they ended, how many the caller verified, what the
 * limits blocked, and what they cost. Counted in main.
 */
export function OperatorSummaryDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation('history');
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const operators = useHistoryStore((state) => state.operators);
  const selected = useHistoryStore((state) => state.filters.operator);
  const rows = (operators ?? []).filter((row) => selected === null || sameOperator(row.operator, selected));
  const n = (count: number) => formatCount(count, i18n.language);

  return (
    <ModalDialog labelledBy={titleId} onClose={onClose} initialFocus={closeRef} dialogRef={dialogRef} className="dialog" closeOnBackdrop>
      <div className="dialog__body history-operators" data-testid="operator-summary">
      <h2 id={titleId} className="dialog__title">
        {t('summary.title')}
      </h2>
      {rows.length === 0 ? (
        <p className="history-operators__empty">{t('summary.empty')}</p>
      ) : (
        <div className="history-operators__scroll" tabIndex={0} role="region" aria-label={t('summary.caption')}>
          <table className="history-operators__table">
            <caption className="visually-hidden">{t('summary.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('summary.operator')}</th>
                <th scope="col">{t('summary.account')}</th>
                <th scope="col">{t('summary.sends')}</th>
                <th scope="col">{t('summary.delivered')}</th>
                <th scope="col">{t('summary.verified')}</th>
                <th scope="col">{t('summary.failed')}</th>
                <th scope="col">{t('summary.blocked')}</th>
                <th scope="col">{t('summary.price')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.operator.sentBy}\u0000${row.operator.osUser ?? ''}\u0000${row.operator.host ?? ''}`}>
                  <th scope="row">{row.operator.sentBy || '—'}</th>
                  <td>{accountOf(row.operator) ?? t('whoUnknown')}</td>
                  <td>{n(row.sends)}</td>
                  <td>{n(row.delivered)}</td>
                  <td>{n(row.verified)}</td>
                  <td>{n(row.failed)}</td>
                  <td>{n(row.blocked)}</td>
                  <td>
                    <Price row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="dialog__actions">
        <button type="button" ref={closeRef} className="button" onClick={() => dialogRef.current?.close()}>
          {t('summary.close')}
        </button>
      </div>
      </div>
    </ModalDialog>
  );
}

/** The recorded prices summed; when some sends have none yet, says for how many it is known. */
function Price({ row }: { row: Counts }) {
  const { t, i18n } = useTranslation('loop');
  if (row.priced === 0) return <NoValue />;
  const total = formatMoney(row.price, i18n.language);
  return row.priced === row.sends ? total : `${total} ${t('history.spentPriced', { count: row.priced })}`;
}
