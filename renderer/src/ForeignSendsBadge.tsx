import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from './app-store.ts';
import { useReconcileStore } from './reconcile-store.ts';

/** How often the header asks main for its last comparison; main itself compares every 15 minutes. */
const POLL_MS = 60_000;

/**
 * The header's warning: the account was billed for sends this desk never made, and the operator has
 * not looked at them yet. It opens the history with the reconciliation, where the list is.
 */
export function ForeignSendsBadge() {
  const { t } = useTranslation('common');
  const report = useReconcileStore((state) => state.report);
  const refresh = useReconcileStore((state) => state.refresh);
  const setView = useAppStore((state) => state.setView);
  const setOpen = useReconcileStore((state) => state.setOpen);
  const sendsCompleted = useAppStore((state) => state.sendsCompleted);

  // Also after each send: the operator is at the desk, and the send path is when a warning matters.
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh, sendsCompleted]);

  if (report === null || !report.unseen || report.foreign.length === 0) return null;
  return (
    <button type="button" className="foreign-badge" onClick={() => {
        setOpen(true);
        setView('history');
      }} data-testid="foreign-badge">
      <span aria-hidden="true">⚠</span> {t('foreign.badge', { count: report.foreign.length })}
    </button>
  );
}
