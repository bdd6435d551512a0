import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { formatPhone } from '../../../shared/phone.ts';
import { useHistoryStore } from './history-store.ts';

/**
 * The code of a send: shown while it is still on the person's screen, behind a button after that,
 * or a note that the history does not have it.
 */
export function CodeValue({ row, compact = false, onRevealed }: { row: HistoryRow; compact?: boolean; onRevealed?: (row: HistoryRow) => void }) {
  const { t } = useTranslation('history');
  const reveal = useHistoryStore((state) => state.reveal);
  const [failed, setFailed] = useState(false);

  if (row.code !== null) return <span className="history-code">{row.code}</span>;
  if (row.codeHidden) {
    return (
      <button
        type="button"
        className="history-reveal"
        aria-label={t('code.showFor', { phone: formatPhone(row.phone) })}
        title={failed ? t('code.revealFailed') : undefined}
        onClick={(event) => {
          // The button sits inside a row that opens the details on click.
          event.stopPropagation();
          reveal(row.id).then(
            (revealed) => onRevealed?.(revealed),
            () => setFailed(true),
          );
        }}
        onKeyDown={(event) => event.stopPropagation()}
      >
        {failed ? t('code.revealFailed') : t(compact ? 'code.showShort' : 'code.show')}
      </button>
    );
  }
  // A sent code is missing only when the operator chose not to keep codes.
  return <span className="history-muted">{row.outcome === 'sent' ? t('code.notKept') : '—'}</span>;
}
