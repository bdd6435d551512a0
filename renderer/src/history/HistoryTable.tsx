import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { formatPhone } from '../../../shared/phone.ts';
import { NoValue } from '../NoValue.tsx';
import { CodeValue } from './CodeValue.tsx';
import { accountOf, formatDateTime, formatDuration } from './history-format.ts';
import { rowAt, useHistoryStore } from './history-store.ts';
import { OutcomeBadge } from './OutcomeBadge.tsx';
import { VerificationValue } from './VerificationValue.tsx';
import { formatMoney } from '../format-money.ts';
import { compression, createScaledScroller } from './scaled-scroller.ts';
import { useLiveHistory } from './use-live-history.ts';

/** Every row has this height (set in history.css too), so positions are arithmetic and nothing jumps. */
export const ROW_HEIGHT = 36;
const OVERSCAN = 10;
const COLUMNS = ['time', 'phone', 'code', 'outcome', 'operator', 'duration', 'sentBy', 'verification', 'price'] as const;

type Column = (typeof COLUMNS)[number];

interface RowCellsProps {
  row: HistoryRow;
  /** Only compared: a new language re-renders the cells that format dates and numbers. */
  language: string;
  /** Whether this is the active row, whose "show code" button takes Tab. */
  tabbable: boolean;
  reveal: (id: number) => Promise<HistoryRow>;
}

// Memoised: scrolling moves every row each frame, but a row's cells change only with its data.
const RowCells = memo(function RowCells({ row, language, tabbable, reveal }: RowCellsProps) {
  const content: Record<Column, ReactNode> = {
    time: formatDateTime(row.startedAt, language),
    phone: formatPhone(row.phone),
    code: <CodeValue row={row} reveal={reveal} tabbable={tabbable} compact />,
    outcome: <OutcomeBadge row={row} />,
    verification: <VerificationValue row={row} />,
    price: row.providerStatus?.price == null ? <NoValue /> : formatMoney(row.providerStatus.price, language),
    operator: row.operatorName ?? <NoValue />,
    duration: row.durationMs === null ? <NoValue /> : formatDuration(row.durationMs, language),
    sentBy: <SentBy row={row} />,
  };
  const account = accountOf(row);
  const titles: Partial<Record<Column, string | undefined>> = { operator: row.operatorName ?? undefined, sentBy: [row.sentBy, account].filter(Boolean).join(' · ') || undefined };
  return COLUMNS.map((column) => (
    <span role="gridcell" key={column} className={`history-cell history-cell--${column}`} title={titles[column]}>
      {content[column]}
    </span>
  ));
});

/** The display name, and under it the OS account and computer that really ran the send. */
function SentBy({ row }: { row: HistoryRow }) {
  const account = accountOf(row);
  return (
    <span className="history-who">
      <span className="history-who__name">{row.sentBy || <NoValue />}</span>
      {account === null ? null : <span className="history-who__account">{account}</span>}
    </span>
  );
}

function PlaceholderCells({ label }: { label: string }) {
  return COLUMNS.map((column, i) => (
    <span role="gridcell" key={column} className={`history-cell history-cell--${column}`}>
      {i === 0 ? <span className="visually-hidden">{label}</span> : null}
      <span className="history-skeleton" aria-hidden="true" />
    </span>
  ));
}

/**
 * The send history as a grid with a virtualised body: only the rows in view are in the page, and
 * their pages are fetched as they come into view. The grid is one Tab stop (the active row, then its
 * "show code" button if it has one); arrow keys, Page Up/Down, Home and End move between rows and
 * Enter opens the one in focus.
 */
export function HistoryTable({ onOpen, empty }: { onOpen: (row: HistoryRow) => void; empty: string }) {
  const { t, i18n } = useTranslation('history');
  const { t: tl } = useTranslation('loop');
  const pages = useHistoryStore((state) => state.pages);
  const total = useHistoryStore((state) => state.total);
  const query = useHistoryStore((state) => state.query);
  const generation = useHistoryStore((state) => state.generation);
  const ensureRows = useHistoryStore((state) => state.ensureRows);
  const reveal = useHistoryStore((state) => state.reveal);
  const count = total ?? 0;
  const queryKey = JSON.stringify(query);

  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const scroller = useMemo(() => (element ? createScaledScroller(element) : null), [element]);
  // The row that takes Tab focus; back to the first one whenever the query changes.
  const [focus, setFocus] = useState({ queryKey, index: 0 });
  const active = focus.queryKey === queryKey ? Math.min(focus.index, Math.max(count - 1, 0)) : 0;
  // Set only by the keys that move between rows. A new object per key press, so the row is focused
  // once per press, even when the press lands on the row that is already active, and never because
  // `active` changed for another reason (a new filter while the operator types in the search box).
  const [focusRequest, setFocusRequest] = useState<{ index: number } | null>(null);

  useLayoutEffect(() => scroller?.setFullHeight(count * ROW_HEIGHT), [scroller, count]);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders the table itself.
  const virtualizer = useVirtualizer<HTMLElement, HTMLDivElement>({
    count,
    getScrollElement: () => scroller?.stand ?? null,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    observeElementRect: (_instance, report) => scroller?.observeSize(report),
    // The focused row stays mounted even when scrolled away, so focus is never dropped.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      return count > 0 && !indexes.includes(active) ? [...indexes, active].sort((a, b) => a - b) : indexes;
    },
  });

  useLiveHistory((added) => {
    // Rows arrived on top: a reader further down keeps the rows they were looking at.
    if ((virtualizer.scrollOffset ?? 0) > 0) {
      virtualizer.scrollBy(added * ROW_HEIGHT);
      setFocus({ queryKey, index: active + added });
    }
  });

  const items = virtualizer.getVirtualItems();
  const first = virtualizer.range?.startIndex ?? 0;
  const last = virtualizer.range?.endIndex ?? -1;
  useEffect(() => ensureRows(first - OVERSCAN, last + OVERSCAN), [ensureRows, first, last, generation, count]);

  useEffect(() => virtualizer.scrollToOffset(0), [virtualizer, queryKey]);

  useEffect(() => {
    if (focusRequest === null) return;
    element?.querySelector<HTMLElement>(`[data-index="${focusRequest.index}"]`)?.focus({ preventScroll: true });
  }, [element, focusRequest]);

  const viewHeight = virtualizer.scrollRect?.height ?? 0;
  const { domHeight, ratio } = compression(count * ROW_HEIGHT, viewHeight);
  const offset = virtualizer.scrollOffset ?? 0;
  // Where the compressed element really is, against where the virtualizer places the rows.
  const shift = offset - offset / ratio;

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(index, count - 1));
    setFocus({ queryKey, index: next });
    setFocusRequest({ index: next });
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (count === 0) return;
    const perScreen = Math.max(1, Math.floor(viewHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + perScreen,
      PageUp: active - perScreen,
      Home: 0,
      End: count - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    // From the row, or from a code shown in it (a "show code" button keeps Enter and Space to itself).
    const rowElement = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('[data-index]') : null;
    if ((event.key === 'Enter' || event.key === ' ') && rowElement !== null) {
      event.preventDefault();
      const row = rowAt(pages, Number(rowElement.dataset.index));
      if (row) onOpen(row);
    }
  }

  return (
    <div className="history-table-wrap">
      <div role="grid" aria-label={t('table.label')} aria-rowcount={count + 1} className="history-table">
        <div role="rowgroup" className="history-table__head">
          <div role="row" aria-rowindex={1} className="history-row history-row--head">
            {COLUMNS.map((column) => (
              <span role="columnheader" key={column} className={`history-cell history-cell--${column}`}>
                {column === 'verification' || column === 'price' ? tl(`history.${column}`) : t(`column.${column}`)}
              </span>
            ))}
          </div>
        </div>
        <div role="rowgroup" ref={setElement} className="history-table__body" onKeyDown={onKeyDown}>
          <div role="presentation" className="history-table__sizer" style={{ height: domHeight }}>
            {items.map((item) => {
              const row = rowAt(pages, item.index);
              return (
                <div
                  role="row"
                  key={item.index}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  aria-describedby={row ? 'history-row-hint' : undefined}
                  tabIndex={item.index === active ? 0 : -1}
                  className={`history-row${row ? '' : ' history-row--loading'}`}
                  style={{ transform: `translateY(${item.start - shift}px)` }}
                  onFocus={(event) => {
                    // Focus anywhere in the row (the row itself or its button) makes it the active one,
                    // which stays mounted while scrolled away, so the focus is never dropped.
                    if (event.currentTarget.contains(event.target) && item.index !== active) setFocus({ queryKey, index: item.index });
                  }}
                  onClick={() => row && onOpen(row)}
                >
                  {row ? (
                    <RowCells row={row} language={i18n.language} tabbable={item.index === active} reveal={reveal} />
                  ) : (
                    <PlaceholderCells label={t('loading')} />
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {total === 0 ? <p className="history-empty">{empty}</p> : null}
      <span id="history-row-hint" className="visually-hidden">
        {t('table.rowHint')}
      </span>
    </div>
  );
}
