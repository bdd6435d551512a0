import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryRow } from '../../../shared/history-schema.ts';

/** The history as the service holds it, newest first; a test adds sends on top. */
let rows: HistoryRow[] = [];
const page = vi.fn(async ({ offset, limit }: { offset: number; limit: number }) => ({ rows: rows.slice(offset, offset + limit), total: rows.length, health: { corruptLines: 0, tornTail: false } }));

function row(id: number): HistoryRow {
  return {
    id, startedAt: 1_700_000_000_000 + id * 1000, state: 'done', phone: `79${String(id).padStart(9, '0')}`, code: null, codeSource: 'generated',
    outcome: 'sent', delivery: 'sent', httpStatus: 200, status: true, statusInfo: 'send ok', operatorName: 'ПАО "МТС"', channel: 'telegram',
    apiId: id, error: null, durationMs: 5, mode: 'sandbox', sentBy: 'QA', osUser: 'qa', host: 'desk', blockedBy: null, reportedCode: null, reportedPhone: null, retryAfterS: null, apiBase: null, check: null, providerStatus: null, codeHidden: false, codeWithheld: false,
  };
}

const addSends = (count: number) => {
  const newest = rows[0]?.id ?? -1;
  rows = [...Array.from({ length: count }, (_, i) => row(newest + count - i)), ...rows];
};

// The store reaches main through window.tgcode; a fresh module (and store) per test.
async function loadStore() {
  vi.resetModules();
  // The store asks for the per-operator summary with every page; its figures are not looked at here.
  vi.stubGlobal('window', { tgcode: { history: { page, summary: async () => ({ operators: [] }) } } });
  return import('../../../renderer/src/history/history-store.ts');
}

beforeEach(() => {
  rows = Array.from({ length: 1000 }, (_, i) => row(999 - i));
  page.mockClear();
});
afterEach(() => vi.unstubAllGlobals());

describe('history store', () => {
  it('keeps a scrolled reader on the rows they were reading when new sends arrive on top', async () => {
    const { useHistoryStore, rowAt, PAGE_SIZE } = await loadStore();
    const store = useHistoryStore.getState();
    expect(await store.reload()).toBe(0);
    // The reader has scrolled down to row 530.
    const reading = 530;
    store.ensureRows(reading - 10, reading + 20);
    await vi.waitFor(() => expect(rowAt(useHistoryStore.getState().pages, reading)).toBeDefined());
    const before = rowAt(useHistoryStore.getState().pages, reading)!;

    addSends(3);
    const added = await store.reload();
    // The table moves the view down by the rows gained...
    expect(added).toBe(3);
    const moved = reading + (added ?? 0);
    useHistoryStore.getState().ensureRows(moved - 10, moved + 20);
    await vi.waitFor(() => expect(rowAt(useHistoryStore.getState().pages, moved)).toBeDefined());
    // ...and finds there the very row the reader was on, not one the new sends pushed into its place.
    expect(rowAt(useHistoryStore.getState().pages, moved)).toEqual(before);
    expect(rowAt(useHistoryStore.getState().pages, 0)?.id).toBe(1002);
    expect(useHistoryStore.getState().total).toBe(1003);
    expect(page.mock.calls.every(([request]) => request.limit === PAGE_SIZE)).toBe(true);
  });

  it('reports no rows gained when nothing arrived, and none for a new query, so that view starts at the top', async () => {
    const { useHistoryStore } = await loadStore();
    const store = useHistoryStore.getState();
    await store.reload();
    expect(await store.reload()).toBe(0);
    useHistoryStore.setState({ filters: { ...useHistoryStore.getState().filters, search: '79000000' } });
    addSends(2);
    expect(await store.reload()).toBe(0);
  });

  it('drops a reload overtaken by a newer one, so the rows gained are counted once', async () => {
    const { useHistoryStore } = await loadStore();
    const store = useHistoryStore.getState();
    await store.reload();
    addSends(4);
    const [first, second] = await Promise.all([store.reload(), store.reload()]);
    expect(first).toBeNull();
    expect(second).toBe(4);
  });
});
