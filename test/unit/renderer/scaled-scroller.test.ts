import { describe, expect, it } from 'vitest';
import { compression, createScaledScroller } from '../../../renderer/src/history/scaled-scroller.ts';

const ROW = 40;
const ROWS = 1_000_000;
const FULL = ROWS * ROW;
/** Chromium lays out no box taller than this; a taller one is cut to it, and so is its scroll range. */
const CHROMIUM_MAX_HEIGHT = 33_554_428;

/**
 * The history body as Chromium treats it: its content is as tall as the table makes the sizer (capped
 * at Chromium's limit), and scrollTop is clamped to the range and rounded to whole pixels.
 */
class ScrollBox {
  readonly clientHeight = 600;
  readonly clientWidth = 1000;
  readonly scrollWidth = 1000;
  readonly scrollLeft = 0;
  readonly ownerDocument = {};
  readonly style = {};
  sizerHeight = 0;
  #top = 0;
  get scrollHeight() {
    return Math.max(this.clientHeight, Math.min(this.sizerHeight, CHROMIUM_MAX_HEIGHT));
  }
  get scrollTop() {
    return this.#top;
  }
  set scrollTop(value: number) {
    this.#top = Math.round(Math.max(0, Math.min(value, this.scrollHeight - this.clientHeight)));
  }
  scrollTo(options: ScrollToOptions) {
    if (options.top !== undefined) this.scrollTop = options.top;
  }
  addEventListener() {}
  removeEventListener() {}
}

/** A million-row table's body and its scroller, laid out as HistoryTable lays them out. */
function millionRows() {
  const box = new ScrollBox();
  const scroller = createScaledScroller(box as unknown as HTMLElement);
  scroller.setFullHeight(FULL);
  box.sizerHeight = compression(FULL, box.clientHeight).domHeight;
  return { box, scroller, stand: scroller.stand, domMax: box.scrollHeight - box.clientHeight };
}

const topRow = (stand: HTMLElement) => Math.floor(stand.scrollTop / ROW);
const bottomRow = (stand: HTMLElement) => Math.floor((stand.scrollTop + stand.clientHeight - 1) / ROW);

describe('scaled scroller at 1,000,000 rows', () => {
  it('reaches the last row when the scrollbar is dragged to the bottom', () => {
    const { box, stand } = millionRows();
    expect(stand.scrollHeight).toBe(FULL);
    box.scrollTop = Number.MAX_SAFE_INTEGER;
    expect(bottomRow(stand)).toBe(ROWS - 1);
    expect(stand.scrollTop).toBeCloseTo(FULL - box.clientHeight, 0);
  });

  it('reaches the last row when the table scrolls to it (End)', () => {
    const { stand } = millionRows();
    stand.scrollTo({ top: FULL - stand.clientHeight });
    expect(bottomRow(stand)).toBe(ROWS - 1);
  });

  it.each([0, 1, 12_345, 374_999, 500_000, 987_654, ROWS - 15])('maps a scroll to row %i back to that row', (row) => {
    const { box, stand } = millionRows();
    stand.scrollTo({ top: row * ROW });
    // What the virtualizer reads back on the scroll event: exactly what it wrote, not its own scroll
    // mistaken for the operator's.
    expect(stand.scrollTop).toBe(row * ROW);
    expect(topRow(stand)).toBe(row);
    // A fresh reading of the same position (a remount), which knows only the element's whole pixels.
    const again = createScaledScroller(box as unknown as HTMLElement);
    again.setFullHeight(FULL);
    expect(Math.abs(again.stand.scrollTop - row * ROW)).toBeLessThan(ROW / 2);
  });

  it('moves through the list in proportion to the scrollbar, never past its end', () => {
    const { box, stand, domMax } = millionRows();
    let previous = -1;
    for (const fraction of [0, 0.001, 0.25, 0.5, 0.75, 0.999, 1]) {
      box.scrollTop = Math.round(fraction * domMax);
      const row = topRow(stand);
      expect(row).toBeGreaterThan(previous);
      const lastTopRow = (FULL - box.clientHeight) / ROW;
      expect(Math.abs(row - fraction * lastTopRow)).toBeLessThanOrEqual(1);
      previous = row;
    }
  });

  it('leaves a short history uncompressed: one pixel of scroll is one pixel of rows', () => {
    const box = new ScrollBox();
    const scroller = createScaledScroller(box as unknown as HTMLElement);
    scroller.setFullHeight(20_000 * ROW);
    box.sizerHeight = compression(20_000 * ROW, box.clientHeight).domHeight;
    box.scrollTop = 123_456;
    expect(scroller.stand.scrollTop).toBe(123_456);
    expect(box.scrollHeight).toBe(20_000 * ROW);
  });
});
