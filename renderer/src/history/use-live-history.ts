import { useEffect, useEffectEvent } from 'react';
import { CODE_VISIBLE_MS } from '../../../shared/code.ts';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { useAppStore } from '../app-store.ts';
import { useHistoryStore } from './history-store.ts';

// The service decides by its own clock; asking a moment later makes sure it agrees the time is up.
const EXPIRY_MARGIN_MS = 500;

type Pages = ReadonlyMap<number, readonly HistoryRow[]>;

const expiryOf = (row: HistoryRow) => row.startedAt + CODE_VISIBLE_MS;

function nextCodeExpiry(pages: Pages, now: number): number | null {
  let next: number | null = null;
  for (const rows of pages.values()) {
    for (const row of rows) {
      const expiry = expiryOf(row);
      if (row.code !== null && expiry > now && (next === null || expiry < next)) next = expiry;
    }
  }
  return next;
}

/** The cached pages showing a code whose time is up by `moment`: only these need asking again. */
function pagesExpiringBy(pages: Pages, moment: number): number[] {
  return [...pages].filter(([, rows]) => rows.some((row) => row.code !== null && expiryOf(row) <= moment)).map(([offset]) => offset);
}

/**
 * Keeps the table current while it is on screen: reloads when it opens and after every completed send,
 * and when a shown code's 90 seconds are over re-reads just the pages holding it (so it gets hidden
 * without the other rows blinking). `onRowsAdded` hears how many rows a reload put on top of the same
 * query, so the view can keep its place.
 */
export function useLiveHistory(onRowsAdded: (count: number) => void) {
  const sendsCompleted = useAppStore((state) => state.sendsCompleted);
  const reload = useHistoryStore((state) => state.reload);
  const refreshPages = useHistoryStore((state) => state.refreshPages);
  const pages = useHistoryStore((state) => state.pages);
  const rowsAdded = useEffectEvent((count: number) => onRowsAdded(count));

  useEffect(() => {
    void reload().then((added) => {
      if (added !== null && added > 0) rowsAdded(added);
    });
  }, [sendsCompleted, reload]);

  useEffect(() => {
    const now = Date.now();
    const expiry = nextCodeExpiry(pages, now);
    if (expiry === null) return;
    const timer = setTimeout(() => refreshPages(pagesExpiringBy(pages, expiry)), expiry - now + EXPIRY_MARGIN_MS);
    return () => clearTimeout(timer);
  }, [pages, refreshPages]);
}
