// History with 10,000 runs in Chromium, through the harness against the real services: only a
// screenful of rows is in the page wherever the table is scrolled (by the scroll bar or the End
// key), the rows drawn there are fetched, and each row starts exactly where the one above it ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness/server';
import { seedConnectedDataDir } from '../support/harness/seed-history';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser';
import { ensureRendererBuilt } from './support/built-renderer';

const runs = 10_000;

/** What the test reads of a row element in the page (this project's Node types have no DOM). */
interface RowElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { top: number; height: number };
  querySelector(selector: string): unknown;
}

/** The rows in the page, read in one go: their table row numbers (the header is 1), tops and heights, and whether loaded. */
function rowsInPage(page: Page) {
  return page.locator('.history-scroll [role=row]').evaluateAll((elements) =>
    elements.map((element) => {
      const row = element as unknown as RowElement;
      const box = row.getBoundingClientRect();
      return { rowIndex: Number(row.getAttribute('aria-rowindex')), top: box.top, height: box.height, loaded: !row.querySelector('[aria-busy]') };
    }),
  );
}

/** Sorted by position, each row's top is the bottom of the row above (to the pixel). */
function gapsBetween(rows: Awaited<ReturnType<typeof rowsInPage>>): number[] {
  const placed = [...rows].sort((a, b) => a.rowIndex - b.rowIndex);
  return placed.slice(1).map((row, i) => Math.round(row.top - (placed[i].top + placed[i].height)));
}

describe.skipIf(!chromiumAvailable('History with 10,000 runs in Chromium'))('history with 10,000 runs in the browser', () => {
  let harness: Harness;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    ensureRendererBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'history-crowded-'));
    await seedConnectedDataDir(dataDir, runs);
    harness = await startHarness({ dataDir, env: {}, port: 0, schedule: false, log: () => undefined });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a screenful in the page, fetches what it draws, and lays rows end to end wherever it is scrolled', async () => {
    const page = await browser.newPage();
    await page.goto(`${harness.url}#/history`);
    await page.locator('.history-scroll [role=row] .row-toggle').first().waitFor();
    const first = await rowsInPage(page);
    expect(first.length).toBeGreaterThan(5);
    expect(first.length).toBeLessThan(60);
    expect(Math.min(...first.map((row) => row.rowIndex))).toBe(2);

    // Scrolled by the wheel to the middle (30 px rows): the rows there, not the first ones, and all of them fetched.
    await page.locator('.history-scroll').hover();
    await page.mouse.wheel(0, (runs / 2) * 30);
    await expect.poll(async () => (await rowsInPage(page)).every((row) => row.loaded && row.rowIndex > 4000 && row.rowIndex < 6000)).toBe(true);
    const middle = await rowsInPage(page);
    expect(middle.length).toBeLessThan(60);
    expect(new Set(gapsBetween(middle))).toEqual(new Set([0]));

    // The End key, from a row's button, scrolls the table to the oldest run.
    await page.locator('.history-scroll [role=row] .row-toggle').first().focus();
    await page.keyboard.press('End');
    await expect.poll(async () => (await rowsInPage(page)).some((row) => row.rowIndex === runs + 1 && row.loaded)).toBe(true);
    const end = await rowsInPage(page);
    expect(end.length).toBeLessThan(60);
    expect(new Set(gapsBetween(end))).toEqual(new Set([0]));
  });
});
