import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReconcileStore } from '../reconcile-store.ts';
import { tgcode } from '../tgcode.ts';
import { ConfirmClearDialog } from './ConfirmClearDialog.tsx';
import { formatCount } from './history-format.ts';
import { hasFilters, toQuery } from './history-query.ts';
import { useHistoryStore } from './history-store.ts';
import { OperatorSummaryDialog } from './OperatorSummaryDialog.tsx';
import { ReconcileDialog } from './ReconcileDialog.tsx';

export interface ActionNotice {
  text: string;
  failed: boolean;
  /** The control that started the action is gone or disabled: the notice takes the keyboard focus. */
  takeFocus: boolean;
}

/**
 * The reconciliation and the per-operator summary (each in its dialog, so the table keeps its rows at
 * 720 × 560), export of what the filters show, and clearing the whole history after a confirmation.
 */
export function HistoryActions({ onNotice }: { onNotice: (notice: ActionNotice) => void }) {
  const { t, i18n } = useTranslation('history');
  const filters = useHistoryStore((state) => state.filters);
  const total = useHistoryStore((state) => state.total);
  // A filter can hide every row while the history still holds some.
  const historyEmpty = useHistoryStore((state) => state.total === 0 && !hasFilters(state.filters));
  const clear = useHistoryStore((state) => state.clear);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [operators, setOperators] = useState(false);
  const reconciling = useReconcileStore((state) => state.open);
  const setReconciling = useReconcileStore((state) => state.setOpen);
  const foreign = useReconcileStore((state) => (state.report?.unseen ? state.report.foreign.length : 0));

  async function run(action: () => Promise<string>, failure: string, takeFocus = false) {
    setBusy(true);
    try {
      onNotice({ text: await action(), failed: false, takeFocus });
    } catch {
      onNotice({ text: failure, failed: true, takeFocus });
    } finally {
      setBusy(false);
    }
  }

  const exportCsv = () =>
    run(async () => {
      // What the filter bar shows, even if the table is still catching up with the last keystroke.
      // Main asks where to save; the delimiter comes from the settings.
      const result = await tgcode.history.export({ query: toQuery(filters) });
      if (result.status === 'cancelled') return t('export.cancelled');
      return t('export.saved', { count: result.count, n: formatCount(result.count, i18n.language), file: result.fileName ?? '' });
    }, t('export.failed'));

  // The clear button is disabled while this runs (and for good once the history is empty), so the
  // focus, handed back to it by the closing dialog, goes to the notice that says what happened.
  const clearAll = () =>
    run(
      async () => {
        const removed = await clear();
        return t('clear.done', { count: removed, n: formatCount(removed, i18n.language) });
      },
      t('clear.failed'),
      true,
    );

  return (
    <div className="history-actions">
      <button
        type="button"
        className={`button history-action${foreign > 0 ? ' history-action--alert' : ''}`}
        title={t('reconcile.title')}
        onClick={() => setReconciling(true)}
      >
        <svg className="history-action__icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M4 6h10M4 12h10M4 18h7M16 16l2 2 4-4" />
        </svg>
        <span className="history-action__text">{t('reconcile.action')}</span>
        {foreign > 0 ? <span className="history-action__count">{t('reconcile.unseen', { count: foreign })}</span> : null}
      </button>
      <button type="button" className="button history-action" title={t('summary.title')} onClick={() => setOperators(true)}>
        <svg className="history-action__icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20c0-3 3-5 6-5s6 2 6 5M16 5a3 3 0 0 1 0 6M18 15c2 .5 3 2.5 3 5" />
        </svg>
        <span className="history-action__text">{t('summary.title')}</span>
      </button>
      <button type="button" className="button history-action" title={t('export.button')} disabled={busy || !total} onClick={() => void exportCsv()}>
        <svg className="history-action__icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
        </svg>
        <span className="history-action__text">{t('export.button')}</span>
      </button>
      <button
        type="button"
        className="button history-action history-button--danger-quiet"
        title={t('clear.button')}
        disabled={busy || total === null || historyEmpty}
        onClick={() => setConfirming(true)}
      >
        <svg className="history-action__icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" />
        </svg>
        <span className="history-action__text">{t('clear.button')}</span>
      </button>
      {confirming ? <ConfirmClearDialog onConfirm={() => void clearAll()} onClose={() => setConfirming(false)} /> : null}
      {reconciling ? <ReconcileDialog onClose={() => setReconciling(false)} /> : null}
      {operators ? <OperatorSummaryDialog onClose={() => setOperators(false)} /> : null}
    </div>
  );
}
