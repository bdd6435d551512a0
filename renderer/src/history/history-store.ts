import { create } from 'zustand';
import type { HistoryHealth, HistoryQuery, HistoryRow, OperatorSummary } from '../../../shared/history-schema.ts';
import { tgcode } from '../tgcode.ts';
import { NO_FILTERS, toQuery, withoutOperator, type HistoryFilters } from './history-query.ts';

/** Rows per `history.page` call. */
export const PAGE_SIZE = 100;
// Enough for several screens around the one in view; older pages are dropped so a long scroll
// through a million rows does not keep them all.
const MAX_CACHED_PAGES = 40;
const SEARCH_DEBOUNCE_MS = 300;

interface HistoryState {
  /** What the filter bar shows; applied to the table after a short pause while typing a search. */
  filters: HistoryFilters;
  /** The query the cached pages belong to. */
  query: HistoryQuery;
  /** Bumped whenever the cached pages are replaced, so late answers for the old ones are dropped. */
  generation: number;
  /** Loaded pages, keyed by their offset. */
  pages: ReadonlyMap<number, readonly HistoryRow[]>;
  /** Null until the first page has arrived. */
  total: number | null;
  health: HistoryHealth;
  failed: boolean;
  /** Per sender, for the filters other than the operator (so every sender stays a choice); null until loaded. */
  operators: readonly OperatorSummary[] | null;
  setFilters(patch: Partial<HistoryFilters>): void;
  clearFilters(): void;
  /** Loads the pages holding rows `first..last` that are neither cached nor on their way. */
  ensureRows(first: number, last: number): void;
  /**
   * Fetches these cached pages again and swaps each one in where it was, with the rest of the cache
   * and the rows on screen left alone (e.g. to hide a code whose time is up). Should the history have
   * changed size meanwhile, the cache is renewed as after any other change.
   */
  refreshPages(offsets: readonly number[]): void;
  /**
   * Reloads from the first page for the current filters, keeping the old rows on screen until the new
   * ones arrive. Resolves to how many rows the same query gained (0 for a new query), or null when a
   * newer reload overtook this one or it failed.
   */
  reload(): Promise<number | null>;
  reveal(id: number): Promise<HistoryRow>;
  /** Asks get_status again for one send (main records it) and shows the answer in place. */
  refreshStatus(id: number): Promise<HistoryRow>;
  clear(): Promise<number>;
}

function withPage(pages: ReadonlyMap<number, readonly HistoryRow[]>, offset: number, rows: readonly HistoryRow[]) {
  const next = new Map(pages).set(offset, rows);
  if (next.size > MAX_CACHED_PAGES) {
    const farthest = [...next.keys()].sort((a, b) => Math.abs(b - offset) - Math.abs(a - offset));
    for (const key of farthest.slice(0, next.size - MAX_CACHED_PAGES)) next.delete(key);
  }
  return next;
}

/** The cached pages with one row replaced where it is, the rest untouched. */
function withRow(pages: ReadonlyMap<number, readonly HistoryRow[]>, changed: HistoryRow) {
  const next = new Map<number, readonly HistoryRow[]>();
  for (const [offset, rows] of pages) next.set(offset, rows.map((row) => (row.id === changed.id ? changed : row)));
  return next;
}

export const useHistoryStore = create<HistoryState>((set, get) => {
  let inflight = new Set<number>();
  let latestReload = 0;
  let debounce: ReturnType<typeof setTimeout> | undefined;

  async function load(offset: number) {
    const { generation, query } = get();
    const pending = inflight;
    pending.add(offset);
    try {
      const page = await tgcode.history.page({ query, offset, limit: PAGE_SIZE });
      const state = get();
      if (state.generation !== generation) return;
      if (state.total !== null && page.total !== state.total) {
        // The history changed under the cache (a send, the retention sweep): the other pages no
        // longer line up with their offsets, so keep only this one and let the rest load again.
        inflight = new Set();
        set({ generation: generation + 1, pages: new Map([[offset, page.rows]]), total: page.total, health: page.health, failed: false });
        return;
      }
      set({ pages: withPage(state.pages, offset, page.rows), total: page.total, health: page.health, failed: false });
    } catch {
      if (get().generation === generation) set({ failed: true });
    } finally {
      pending.delete(offset);
    }
  }

  const reload: HistoryState['reload'] = async () => {
    clearTimeout(debounce);
    const ticket = ++latestReload;
    const query = toQuery(get().filters);
    try {
      const [page, summary] = await Promise.all([
        tgcode.history.page({ query, offset: 0, limit: PAGE_SIZE }),
        tgcode.history.summary({ query: withoutOperator(query) }),
      ]);
      if (ticket !== latestReload) return null;
      const before = get();
      const sameQuery = JSON.stringify(before.query) === JSON.stringify(query);
      inflight = new Set();
      set({
        query,
        generation: before.generation + 1,
        pages: new Map([[0, page.rows]]),
        total: page.total,
        health: page.health,
        failed: false,
        operators: summary.operators,
      });
      return sameQuery && before.total !== null ? page.total - before.total : 0;
    } catch {
      if (ticket === latestReload) set({ failed: true });
      return null;
    }
  };

  return {
    filters: NO_FILTERS,
    query: {},
    generation: 0,
    pages: new Map(),
    total: null,
    health: { corruptLines: 0, tornTail: false },
    failed: false,
    operators: null,

    setFilters: (patch) => {
      set((state) => ({ filters: { ...state.filters, ...patch } }));
      clearTimeout(debounce);
      // A search is typed a character at a time; every other filter is one deliberate click.
      if ('search' in patch) debounce = setTimeout(() => void reload(), SEARCH_DEBOUNCE_MS);
      else void reload();
    },
    clearFilters: () => get().setFilters(NO_FILTERS),

    ensureRows: (first, last) => {
      const { pages, total } = get();
      if (total === null || last < first) return;
      const end = Math.min(last, total - 1);
      for (let offset = Math.floor(Math.max(first, 0) / PAGE_SIZE) * PAGE_SIZE; offset <= end; offset += PAGE_SIZE) {
        if (!pages.has(offset) && !inflight.has(offset)) void load(offset);
      }
    },

    refreshPages: (offsets) => {
      const { pages } = get();
      for (const offset of offsets) if (pages.has(offset) && !inflight.has(offset)) void load(offset);
    },

    reload,

    reveal: async (id) => {
      const revealed = await tgcode.history.reveal({ id });
      set((state) => ({ pages: withRow(state.pages, revealed) }));
      return revealed;
    },

    refreshStatus: async (id) => {
      const refreshed = await tgcode.status.refresh({ id });
      set((state) => ({ pages: withRow(state.pages, refreshed) }));
      return refreshed;
    },

    clear: async () => {
      const { removed } = await tgcode.history.clear();
      await reload();
      return removed;
    },
  };
});

/** The row at `index` if its page is loaded. */
export function rowAt(pages: ReadonlyMap<number, readonly HistoryRow[]>, index: number): HistoryRow | undefined {
  const offset = Math.floor(index / PAGE_SIZE) * PAGE_SIZE;
  return pages.get(offset)?.[index - offset];
}
