import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReconcileReport } from '../../../shared/reconcile-schema.ts';
import { ModalDialog } from '../ModalDialog.tsx';
import { NoValue } from '../NoValue.tsx';
import { useReconcileStore } from '../reconcile-store.ts';
import { formatCount, formatDateTime } from './history-format.ts';

function Verdict({ report }: { report: ReconcileReport }) {
  const { t, i18n } = useTranslation('history');
  const when = formatDateTime(report.checkedAt, i18n.language);
  const n = (count: number) => formatCount(count, i18n.language);
  switch (report.outcome) {
    case 'clear':
      return <p className="reconcile__verdict reconcile__verdict--ok">{t('reconcile.clear', { count: report.fetched, n: n(report.fetched), when })}</p>;
    case 'foreign':
      return <p className="reconcile__verdict reconcile__verdict--danger">{t('reconcile.foreign', { count: report.foreign.length, n: n(report.foreign.length), when })}</p>;
    case 'incomplete':
      return <p className="reconcile__verdict reconcile__verdict--warn">{t('reconcile.incomplete', { when, reason: report.reason ?? '' })}</p>;
    case 'failed':
      return <p className="reconcile__verdict reconcile__verdict--warn">{t('reconcile.failed', { when, reason: report.reason ?? '' })}</p>;
  }
}

/**
 * "Reconcile", in a dialog opened from the history's actions (or the header's warning): the account's
 * last billed sends against this history. Sends no attempt here accounts for are listed as made by
 * someone else with this token; seeing the list clears the header's warning.
 */
export function ReconcileDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation('history');
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const runRef = useRef<HTMLButtonElement>(null);
  const report = useReconcileStore((state) => state.report);
  const running = useReconcileStore((state) => state.running);
  const failed = useReconcileStore((state) => state.failed);
  const run = useReconcileStore((state) => state.run);
  const markSeen = useReconcileStore((state) => state.markSeen);
  const unseen = report?.unseen === true;

  useEffect(() => {
    if (unseen) void markSeen();
  }, [unseen, markSeen]);

  return (
    <ModalDialog labelledBy={titleId} onClose={onClose} initialFocus={runRef} dialogRef={dialogRef} className="dialog" closeOnBackdrop>
      <div className="dialog__body reconcile" data-testid="reconcile">
      <div className="reconcile__head">
        <h2 id={titleId} className="dialog__title reconcile__title">
          {t('reconcile.title')}
        </h2>
        <button type="button" ref={runRef} className="button" aria-disabled={running} onClick={() => void run()}>
          {running ? t('reconcile.running') : t('reconcile.run')}
        </button>
      </div>
      <div role="status" className="reconcile__status">
        {failed ? <p className="reconcile__verdict reconcile__verdict--warn">{t('reconcile.requestFailed')}</p> : report === null ? <p>{t('reconcile.never')}</p> : <Verdict report={report} />}
        {report !== null && report.outcome === 'foreign' && report.uncompared > 0 ? <p>{t('reconcile.alsoUncompared', { count: report.uncompared })}</p> : null}
      </div>
      {report !== null && report.foreign.length > 0 ? (
        // Focusable, so a keyboard can scroll a long list.
        <div className="reconcile__scroll" tabIndex={0} role="region" aria-label={t('reconcile.listCaption')}>
          <table className="reconcile__table">
            <caption className="visually-hidden">{t('reconcile.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reconcile.time')}</th>
                <th scope="col">{t('reconcile.phone')}</th>
                <th scope="col">{t('reconcile.price')}</th>
              </tr>
            </thead>
            <tbody>
              {report.foreign.map((send, index) => (
                <tr key={`${send.createdAt ?? ''}-${send.phone ?? ''}-${index}`}>
                  <td>{send.at === null ? (send.createdAt ?? <NoValue />) : formatDateTime(send.at, i18n.language)}</td>
                  <td>{send.phone ?? <NoValue />}</td>
                  <td>{send.price === null ? <NoValue /> : t('reconcile.priceValue', { price: send.price.toLocaleString(i18n.language, { minimumFractionDigits: 2 }) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
          {t('reconcile.close')}
        </button>
      </div>
      </div>
    </ModalDialog>
  );
}
