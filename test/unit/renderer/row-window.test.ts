// The History table's virtual list arithmetic: which rows are in view and where they sit, with
// rows of one height and a few taller (opened) ones, at the ends and past them.
import { describe, expect, it } from 'vitest';
import { listHeight, rowAt, rowStart, rowsInView, withMeasured } from '../../../src/renderer/src/views/history/row-window';

const plain = { count: 10_000, rowHeight: 30, extras: [] };
// Row 5 opened to 130 px (+100), row 20 to 60 px (+30).
const opened = { count: 10_000, rowHeight: 30, extras: [[5, 100] as const, [20, 30] as const] };

describe('row window', () => {
  it('places rows of one height by arithmetic', () => {
    expect(rowStart(plain, 0)).toBe(0);
    expect(rowStart(plain, 9_999)).toBe(299_970);
    expect(listHeight(plain)).toBe(300_000);
    expect(rowAt(plain, 0)).toBe(0);
    expect(rowAt(plain, 29)).toBe(0);
    expect(rowAt(plain, 30)).toBe(1);
    expect(rowAt(plain, 1_000_000)).toBe(9_999); // past the end: the last row
  });

  it('counts the extra height of opened rows in the rows after them', () => {
    expect(rowStart(opened, 5)).toBe(150);
    expect(rowStart(opened, 6)).toBe(280);
    expect(rowStart(opened, 21)).toBe(21 * 30 + 130);
    expect(listHeight(opened)).toBe(300_130);
    expect(rowAt(opened, 150)).toBe(5);
    expect(rowAt(opened, 279)).toBe(5); // inside the opened row
    expect(rowAt(opened, 280)).toBe(6);
    expect(rowAt(opened, rowStart(opened, 20) + 59)).toBe(20);
    expect(rowAt(opened, rowStart(opened, 21))).toBe(21);
  });

  it('lists a screenful plus the overscan, each at its start', () => {
    const rows = rowsInView(plain, 300, 300, 2);
    expect(rows.map((r) => r.index)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
    expect(rows[0].start).toBe(240);
    // 300 px from the top falls inside row 6 (280–310 px): the last row in view.
    const around = rowsInView(opened, 0, 300, 0);
    expect(around.map((r) => [r.index, r.start])).toEqual([
      [0, 0], [1, 30], [2, 60], [3, 90], [4, 120], [5, 150], [6, 280],
    ]);
    for (const row of rowsInView(opened, 500, 300, 3)) expect(row.start).toBe(rowStart(opened, row.index));
    expect(rowsInView({ ...plain, count: 0 }, 0, 300, 10)).toEqual([]);
    expect(rowsInView({ ...plain, count: 3 }, 0, 300, 10).map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it('records a measured row, and forgets it when it is back to the usual height', () => {
    const once = withMeasured([], 30, 7, 90);
    expect(once).toEqual([[7, 60]]);
    const twice = withMeasured(once, 30, 2, 45);
    expect(twice).toEqual([[2, 15], [7, 60]]);
    expect(withMeasured(twice, 30, 7, 30)).toEqual([[2, 15]]);
  });
});
