// @vitest-environment happy-dom
// History: loading, error, none, nothing matching, and 10,000 runs — virtualised (only a screenful
// of rows exist), paged from the app, expandable, filterable, exportable through a Blob link.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { HistoryQuery } from '../../../src/shared/ipc/contract';
import { HistoryView } from '../../../src/renderer/src/views/history/HistoryView';
import { dayBars } from '../../../src/renderer/src/views/history/useRecentRuns';
import { fakeApi, never, renderWith, run } from './fake-api';

// Four minutes apart: all 10,000 fall within the chart's last 30 days (about 28 days).
const tenThousand = Array.from({ length: 10_000 }, (_, i) => run(i, { startedAt: new Date(Date.now() - i * 4 * 60_000).toISOString() }));
const listFrom = (runs: typeof tenThousand) =>
  vi.fn(async (query: Partial<HistoryQuery>) => {
    const matching = runs.filter((r) => (!query.outcome || r.outcome === query.outcome) && (!query.text || r.items.some((item) => item.title.toLowerCase().includes(query.text!.toLowerCase()))));
    const offset = query.offset ?? 0;
    return { total: matching.length, runs: matching.slice(offset, offset + (query.limit ?? 50)) };
  });

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/**
 * happy-dom has no layout: give the table's scroll area a height and rows their usual height, and
 * report those sizes to ResizeObserver (happy-dom's never reports), which the virtual list reads.
 */
function withLayout() {
  const height = (element: Element) => (element.classList.contains('history-scroll') ? 300 : 30);
  class LaidOut {
    constructor(private readonly report: ResizeObserverCallback) {}
    observe(target: Element) {
      const entry = { target, contentRect: { width: 600, height: height(target) } } as unknown as ResizeObserverEntry;
      queueMicrotask(() => this.report([entry], this as unknown as ResizeObserver));
    }
    unobserve() {}
    disconnect() {}
  }
  vi.stubGlobal('ResizeObserver', LaidOut);
  // Laid out means in the page's layout (happy-dom has no offsetParent): the virtual list measures only such rows.
  Object.defineProperty(HTMLElement.prototype, 'offsetParent', { configurable: true, get: () => document.body });
  onTestFinished(() => {
    Reflect.deleteProperty(HTMLElement.prototype, 'offsetParent');
  });
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return height(this);
  });
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return height(this);
  });
}

describe('History', () => {
  it('loading', () => {
    const { api } = fakeApi({ history: { list: never } });
    renderWith(api, <HistoryView />);
    expect(screen.getByRole('status').textContent).toMatch(/Loading history/);
  });

  it('error, and try again', async () => {
    const list = vi.fn().mockRejectedValueOnce(new Error('history.json could not be read because it is damaged.')).mockResolvedValue({ total: 0, runs: [] });
    const { api } = fakeApi({ history: { list } });
    renderWith(api, <HistoryView />);
    expect((await screen.findByRole('alert')).textContent).toContain('could not be read');
    await userEvent.click(screen.getByRole('button', { name: 'Try Again' }));
    await screen.findByRole('heading', { name: 'No syncs yet' });
  });

  it('empty: no syncs yet', async () => {
    const { api } = fakeApi();
    renderWith(api, <HistoryView />);
    await screen.findByRole('heading', { name: 'No syncs yet' });
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('crowded: 10,000 runs, newest first, only a screenful in the page, fetched in pages', async () => {
    withLayout();
    const list = listFrom(tenThousand);
    const { api } = fakeApi({ history: { list } });
    renderWith(api, <HistoryView />);
    const table = await screen.findByRole('table', { name: 'Sync history, newest first' });
    expect(table.getAttribute('aria-rowcount')).toBe('10001');
    expect(screen.getByText('10,000 runs')).toBeTruthy();
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(5));
    const rows = within(table).getAllByRole('row');
    expect(rows.length).toBeLessThan(60); // virtualised: not 10,000 nodes
    expect(rows[1].textContent).toMatch(/Today|Yesterday/);
    // The table asked for one small page; the chart reads the last 30 days in large pages.
    expect(list.mock.calls[0][0]).toMatchObject({ limit: 100, offset: 0 });
    await waitFor(() => expect(screen.getByRole('img', { name: /Last 30 days: 10000 runs, 1000 failed/ })).toBeTruthy());

    await userEvent.click(within(rows[1]).getByRole('button', { expanded: false }));
    expect(rows[1].textContent).toMatch(/Created Appointment 0 on iCloud/);
    expect(within(rows[1]).getByRole('button', { expanded: true })).toBeTruthy();
  });

  it('filters by outcome and text, and says when nothing matches', async () => {
    const list = listFrom(tenThousand);
    const { api } = fakeApi({ history: { list } });
    renderWith(api, <HistoryView />);
    await screen.findByText('10,000 runs');
    await userEvent.selectOptions(screen.getByLabelText('Outcome'), 'failed');
    await screen.findByText('1,000 runs match');
    expect(list).toHaveBeenCalledWith({ limit: 100, offset: 0, outcome: 'failed' });
    await userEvent.type(screen.getByLabelText('Search history'), 'nothing like this');
    await screen.findByRole('heading', { name: 'No runs match' }, { timeout: 2000 });
  });

  it('exports what is shown as a download through a Blob link', async () => {
    const created = vi.fn(() => 'blob:fake');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('icloud-sync-history-2030-01-01.csv');
      expect(this.href).toBe('blob:fake');
    });
    const exportRuns = vi.fn(async () => ({ filename: 'icloud-sync-history-2030-01-01.csv', content: 'startedAt\n' }));
    const { api } = fakeApi({ history: { list: listFrom(tenThousand.slice(0, 3)), export: exportRuns } });
    renderWith(api, <HistoryView />);
    await screen.findByText('3 runs');
    await userEvent.selectOptions(screen.getByLabelText('Direction'), 'to-icloud');
    await userEvent.click(screen.getByRole('button', { name: 'Export the shown runs as CSV' }));
    await screen.findByText('Saved icloud-sync-history-2030-01-01.csv to your Downloads.');
    expect(exportRuns).toHaveBeenCalledWith({ format: 'csv', direction: 'to-icloud' });
    expect(clicked).toHaveBeenCalledOnce();
    expect(created).toHaveBeenCalledOnce();
  });

  it('counts runs and failures per day for the chart', () => {
    const now = new Date('2030-01-31T12:00:00');
    const bars = dayBars(
      [
        { startedAt: '2030-01-31T08:00:00', outcome: 'ok' },
        { startedAt: '2030-01-31T09:00:00', outcome: 'failed' },
        { startedAt: '2030-01-30T09:00:00', outcome: 'guarded' },
        { startedAt: '2029-12-01T09:00:00', outcome: 'ok' }, // older than 30 days: not drawn
      ],
      now,
    );
    expect(bars).toHaveLength(30);
    expect(bars[29]).toEqual({ daysAgo: 0, runs: 2, failures: 1 });
    expect(bars[28]).toEqual({ daysAgo: 1, runs: 1, failures: 1 });
    expect(bars.reduce((n, b) => n + b.runs, 0)).toBe(3);
  });
});
