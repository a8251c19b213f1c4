// A virtual list for the History table: only the rows in view (and a few either side) are in the
// page. Hand-written rather than @tanstack/react-virtual, which was 32 kB of a 318 kB window for
// one table of fixed-height rows (issue 14): here a row is `rowHeight` tall unless it is open, and
// open rows are measured after each render (they only change height when React renders them).
import { useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import { listHeight, rowsInView, withMeasured, type Extras, type PlacedRow } from './row-window';

const none: Extras = [];

interface Options {
  count: number;
  rowHeight: number;
  overscan: number;
  scroller: RefObject<HTMLElement | null>;
  /** The viewport's height before layout (and in test DOMs without layout). */
  fallbackHeight: number;
}

export interface RowWindow {
  rows: PlacedRow[];
  totalHeight: number;
}

export function useRowWindow({ count, rowHeight, overscan, scroller, fallbackHeight }: Options): RowWindow {
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(fallbackHeight);
  // Measurements belong to one list: a new count (a filter, a new run) shifts every index.
  const [measured, setMeasured] = useState<{ count: number; extras: Extras }>({ count, extras: [] });
  const extras = measured.count === count ? measured.extras : none;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onScroll = () => setScrollTop(element.scrollTop);
    const onResize = () => setHeight(element.clientHeight || fallbackHeight);
    onResize();
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(onResize) : undefined;
    observer?.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [scroller, fallbackHeight]);

  // After every render: did a row in the page change height (opened, closed)? Settles at once,
  // since a state update happens only when a height differs from the one recorded.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    let next = extras;
    for (const row of element.querySelectorAll<HTMLElement>('[data-index]')) {
      const index = Number(row.dataset.index);
      if (!row.offsetHeight) continue; // no layout (a test DOM): keep the usual height
      // Never less than the usual height, so a row a pixel short does not re-measure forever.
      const seen = Math.max(row.offsetHeight, rowHeight);
      const known = rowHeight + (next.find(([i]) => i === index)?.[1] ?? 0);
      if (seen !== known) next = withMeasured(next, rowHeight, index, seen);
    }
    if (next !== extras) setMeasured({ count, extras: next });
  });

  return useMemo(() => {
    const layout = { count, rowHeight, extras };
    return { rows: rowsInView(layout, scrollTop, height, overscan), totalHeight: listHeight(layout) };
  }, [count, rowHeight, extras, scrollTop, height, overscan]);
}
