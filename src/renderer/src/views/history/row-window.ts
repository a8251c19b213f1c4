// Which rows of a long list are in view, for the History table's virtual list (useRowWindow).
// Rows are all one height except the few that were measured taller (an expanded run shows its
// items), so positions are computed from that height plus the few extras, never by walking every
// row: 10,000 runs cost as little as 10.

/** Rows measured taller than the usual height: index → the pixels beyond it, sorted by index. */
export type Extras = ReadonlyArray<readonly [index: number, extra: number]>;

export interface RowLayout {
  count: number;
  rowHeight: number;
  extras: Extras;
}

export interface PlacedRow {
  index: number;
  start: number;
}

/** The top of row `index`, in pixels from the top of the list. */
export function rowStart({ rowHeight, extras }: RowLayout, index: number): number {
  let start = index * rowHeight;
  for (const [row, extra] of extras) {
    if (row >= index) break;
    start += extra;
  }
  return start;
}

/** The height of the whole list. */
export function listHeight(layout: RowLayout): number {
  return rowStart(layout, layout.count);
}

/** The row under `offset` pixels from the top (the last row when past the end). */
export function rowAt({ count, rowHeight, extras }: RowLayout, offset: number): number {
  if (count === 0) return 0;
  let index = 0; // the first row not yet passed…
  let top = 0; // …and its top
  for (const [row, extra] of extras) {
    const rowTop = top + (row - index) * rowHeight;
    if (offset < rowTop) break;
    if (offset < rowTop + rowHeight + extra) return Math.min(row, count - 1);
    index = row + 1;
    top = rowTop + rowHeight + extra;
  }
  const more = Math.floor(Math.max(0, offset - top) / rowHeight);
  return Math.min(index + more, count - 1);
}

/** The rows to put in the page for a viewport at `scrollTop` of `height` pixels, `overscan` more each side. */
export function rowsInView(layout: RowLayout, scrollTop: number, height: number, overscan: number): PlacedRow[] {
  if (layout.count === 0) return [];
  const first = Math.max(0, rowAt(layout, scrollTop) - overscan);
  const last = Math.min(layout.count - 1, rowAt(layout, scrollTop + height) + overscan);
  const rows: PlacedRow[] = [];
  let start = rowStart(layout, first);
  let next = 0;
  while (next < layout.extras.length && layout.extras[next][0] < first) next++;
  for (let index = first; index <= last; index++) {
    rows.push({ index, start });
    let extra = 0;
    if (next < layout.extras.length && layout.extras[next][0] === index) extra = layout.extras[next++][1];
    start += layout.rowHeight + extra;
  }
  return rows;
}

/** `extras` with row `index` measured at `height` pixels (rows of the usual height are left out). */
export function withMeasured(extras: Extras, rowHeight: number, index: number, height: number): Extras {
  const others = extras.filter(([row]) => row !== index);
  if (height <= rowHeight) return others;
  return [...others, [index, height - rowHeight] as const].sort((a, b) => a[0] - b[0]);
}
