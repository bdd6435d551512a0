/**
 * Chromium cannot lay out a box much taller than 33.5 million px, and a million rows are taller than
 * that. Past this height the scroll area is compressed: the element scrolls over at most this many
 * pixels while the virtualizer sees the full height through the stand-in below.
 */
export const MAX_SCROLL_HEIGHT = 15_000_000;

export interface Compression {
  /** The height to give the scrolling element's content. */
  domHeight: number;
  /** How many full-height pixels one pixel of the element's scroll stands for (1 when not compressed). */
  ratio: number;
}

export function compression(fullHeight: number, viewHeight: number): Compression {
  const domHeight = Math.min(fullHeight, MAX_SCROLL_HEIGHT);
  const domRange = domHeight - viewHeight;
  return { domHeight, ratio: domRange > 0 ? Math.max(1, (fullHeight - viewHeight) / domRange) : 1 };
}

export interface ScaledScroller {
  /** Handed to the virtualizer as its scroll element; speaks in full-height pixels. */
  readonly stand: HTMLElement;
  setFullHeight(height: number): void;
  /** Reports the element's visible size now and on every resize; returns the unsubscribe. */
  observeSize(report: (size: { width: number; height: number }) => void): () => void;
}

export function createScaledScroller(element: HTMLElement): ScaledScroller {
  let fullHeight = 0;
  const ratio = () => compression(fullHeight, element.clientHeight).ratio;
  // The element rounds what it is given; reading back the exact value written keeps the
  // virtualizer from taking its own scroll for the operator's.
  let lastWrite: { full: number; dom: number; ratio: number } | null = null;

  const stand = {
    get scrollTop() {
      const dom = element.scrollTop;
      const scale = ratio();
      if (lastWrite !== null && lastWrite.ratio === scale && Math.abs(dom - lastWrite.dom) < 1) return lastWrite.full;
      return dom * scale;
    },
    get scrollLeft() {
      return element.scrollLeft;
    },
    get scrollHeight() {
      return Math.max(fullHeight, element.clientHeight);
    },
    get scrollWidth() {
      return element.scrollWidth;
    },
    get clientHeight() {
      return element.clientHeight;
    },
    get clientWidth() {
      return element.clientWidth;
    },
    get ownerDocument() {
      return element.ownerDocument;
    },
    get style() {
      return element.style;
    },
    scrollTo(options: ScrollToOptions) {
      if (options.top === undefined) return element.scrollTo(options);
      const scale = ratio();
      const dom = options.top / scale;
      lastWrite = scale === 1 ? null : { full: options.top, dom: Math.round(dom), ratio: scale };
      element.scrollTo({ ...options, top: dom });
    },
    addEventListener: element.addEventListener.bind(element),
    removeEventListener: element.removeEventListener.bind(element),
  };

  return {
    // Only the members above are ever touched by the virtualizer's element adapters.
    stand: stand as unknown as HTMLElement,
    setFullHeight: (height) => {
      fullHeight = height;
    },
    observeSize: (report) => {
      const measure = () => report({ width: element.clientWidth, height: element.clientHeight });
      measure();
      const observer = new ResizeObserver(measure);
      observer.observe(element);
      return () => observer.disconnect();
    },
  };
}
