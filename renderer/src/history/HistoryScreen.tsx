import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { HistoryActions, type ActionNotice } from './HistoryActions.tsx';
import { HistoryDetails } from './HistoryDetails.tsx';
import { ClearFilters, HistoryFilters, SearchHint } from './HistoryFilters.tsx';
import { formatCount } from './history-format.ts';
import { hasFilters } from './history-query.ts';
import { useHistoryStore } from './history-store.ts';
import { HistoryTable } from './HistoryTable.tsx';
import { SpentTotal } from './SpentTotal.tsx';
import './history.css';

/** Damaged lines are skipped, never repaired or removed; the operator should know, not worry. */
function HealthNotice() {
  const { t } = useTranslation('history');
  const health = useHistoryStore((state) => state.health);
  if (health.corruptLines === 0 && !health.tornTail) return null;
  return (
    <div className="history-notice" role="note">
      {health.corruptLines > 0 ? <p>{t('health.corrupt', { count: health.corruptLines })}</p> : null}
      {health.tornTail ? <p>{t('health.tornTail')}</p> : null}
    </div>
  );
}

function LoadFailure() {
  const { t } = useTranslation('history');
  const failed = useHistoryStore((state) => state.failed);
  const reload = useHistoryStore((state) => state.reload);
  if (!failed) return null;
  return (
    <div className="history-notice history-notice--error" role="alert">
      <p>{t('loadFailed')}</p>
      <button type="button" className="button" onClick={() => void reload()}>
        {t('retry')}
      </button>
    </div>
  );
}

export function HistoryScreen() {
  const { t, i18n } = useTranslation('history');
  const total = useHistoryStore((state) => state.total);
  const filtered = useHistoryStore((state) => hasFilters(state.filters));
  const [details, setDetails] = useState<HistoryRow | null>(null);
  const [notice, setNotice] = useState<ActionNotice | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (notice?.takeFocus) noticeRef.current?.focus();
  }, [notice]);

  return (
    <section className="history-screen" aria-labelledby="history-title">
      <header className="history-header">
        <h2 id="history-title" className="screen__title">{t('title')}</h2>
        <HistoryActions onNotice={setNotice} />
      </header>
      <HistoryFilters />
      <div className="history-summary">
        <p className="history-count" role="status" data-testid="history-count">
          {total === null ? t('loading') : t('count', { count: total, n: formatCount(total, i18n.language) })}
        </p>
        <SpentTotal />
        <ClearFilters />
        <SearchHint />
        <p
          ref={noticeRef}
          className={`history-action-notice${notice?.failed ? ' history-action-notice--failed' : ''}`}
          role="status"
          tabIndex={-1}
          data-testid="history-notice"
        >
          {notice?.text}
        </p>
      </div>
      <HealthNotice />
      <LoadFailure />
      <HistoryTable onOpen={setDetails} empty={filtered ? t('emptyFiltered') : t('empty')} />
      {details ? <HistoryDetails key={details.id} row={details} onClose={() => setDetails(null)} /> : null}
    </section>
  );
}
