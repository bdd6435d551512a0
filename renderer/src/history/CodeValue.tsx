import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { formatPhone } from '../../../shared/phone.ts';
import { NoValue } from '../NoValue.tsx';

interface CodeValueProps {
  row: HistoryRow;
  /** Asks main for a hidden code (the history store's `reveal`). */
  reveal: (id: number) => Promise<HistoryRow>;
  compact?: boolean;
  /** False in the table rows other than the active one: the table is one Tab stop, not one per row. */
  tabbable?: boolean;
  onRevealed?: (row: HistoryRow) => void;
}

/**
 * The code of a send: shown while it is still on the person's screen, behind a button after that,
 * or a note that the history does not have it. The code of a send that was not delivered is marked so.
 */
export function CodeValue({ row, reveal, compact = false, tabbable = true, onRevealed }: CodeValueProps) {
  const { t } = useTranslation('history');
  const { t: tl } = useTranslation('loop');
  const [failed, setFailed] = useState(false);
  // The button goes away once the code is in; the focus moves to the code rather than to the page.
  const focusCode = useRef(false);
  const takeFocus = useCallback((node: HTMLElement | null) => {
    if (node === null || !focusCode.current) return;
    focusCode.current = false;
    node.focus({ preventScroll: true });
  }, []);

  if (row.code !== null && row.delivery === 'not_sent') {
    // The code of a send that did not go out was never in anyone's Telegram: struck through and said
    // so, never looking like a code that can be read to the person.
    return (
      <span ref={takeFocus} className="history-code history-code--not-sent" tabIndex={-1} title={compact ? t('code.notSent') : undefined}>
        <s>{row.code}</s> <span className={compact ? 'visually-hidden' : 'history-muted'}>{t('code.notSent')}</span>
      </span>
    );
  }
  if (row.code !== null) {
    return (
      <span ref={takeFocus} className="history-code" tabIndex={-1}>
        {row.code}
      </span>
    );
  }
  // Blind check mode: main sends no code and refuses to reveal one, so there is nothing to offer.
  if (row.codeWithheld) return <span className="history-muted">{tl('history.withheld')}</span>;
  if (row.codeHidden) {
    return (
      <button
        type="button"
        className="history-reveal"
        tabIndex={tabbable ? 0 : -1}
        aria-label={t('code.showFor', { phone: formatPhone(row.phone) })}
        title={failed ? t('code.revealFailed') : undefined}
        onClick={(event) => {
          // The button sits inside a row that opens the details on click.
          event.stopPropagation();
          focusCode.current = event.currentTarget === document.activeElement;
          reveal(row.id).then(
            (revealed) => onRevealed?.(revealed),
            () => {
              focusCode.current = false;
              setFailed(true);
            },
          );
        }}
        onKeyDown={(event) => {
          // Enter and Space press this button, not the row; arrows still move between rows.
          if (event.key === 'Enter' || event.key === ' ') event.stopPropagation();
        }}
      >
        {failed ? t('code.revealFailed') : t(compact ? 'code.showShort' : 'code.show')}
      </button>
    );
  }
  // A sent code is missing only when the operator chose not to keep codes.
  return row.outcome === 'sent' ? <span className="history-muted">{t('code.notKept')}</span> : <NoValue />;
}
