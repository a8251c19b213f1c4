// History in the browser against the real services: runs listed newest first, filtered by outcome,
// direction and text, a row expanded to its items, and exported as CSV and JSON without a secret.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/shared/run-report';
import { radicaleSkipReason } from '../support/radicale';
import { hoursFromNow, icsEvent, WORLD_APP_PASSWORD } from '../support/sync-world';
import { startAppWorld, type AppWorld } from './support/app-world';
import { chromiumAvailable } from './support/browser';
import { shootBothModes } from './support/screenshots';
import { changeOnBothSides } from './support/world-helpers';

const run = chromiumAvailable('History in Chromium') && !radicaleSkipReason();

describe.skipIf(!run)('history in the browser', () => {
  let app: AppWorld | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('filters runs by outcome, direction and text, expands one, and exports CSV and JSON', async () => {
    app = await startAppWorld();
    const { page, world } = app;
    const trim = await world.platform.book({ title: 'Alpha trim', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) });
    await world.sync(); // ok: 1 to iCloud
    await world.sync(); // ok: nothing to do
    await world.icloud.put('work', 'dentist.ics', icsEvent('dentist-1', { title: 'Dentist', start: hoursFromNow(14, 1), end: hoursFromNow(15, 1) }));
    await world.sync(); // ok: a blocked slot on the platform
    await changeOnBothSides(world, trim.id, 'Alpha trim (platform)', 'Alpha trim (iCloud)');
    const partial = await world.sync(); // partial: a conflict held
    expect(partial.outcome).toBe('partial');

    await app.open('history');
    const count = page.locator('.view-header [role=status]');
    await expect.poll(() => count.innerText()).toBe('4 runs');
    const rows = page.locator('.history-scroll [role=row]');
    await expect.poll(() => rows.count()).toBe(4);
    // Newest first: the partial run is on top.
    await expect(rows.first().innerText()).resolves.toContain('Partly synced');
    await expect.poll(() => page.getByRole('img', { name: /Last 30 days: 4 runs, 0 failed/ }).count()).toBe(1);
    await shootBothModes(page, 'history');

    await page.getByLabel('Outcome').selectOption('partial');
    await expect.poll(() => count.innerText()).toBe('1 run match');
    await page.getByLabel('Outcome').selectOption('');
    await page.getByLabel('Direction').selectOption('to-platform');
    await expect.poll(() => count.innerText()).toBe('1 run match');
    await expect(rows.first().innerText()).resolves.toMatch(/Synced/);
    await page.getByLabel('Direction').selectOption('');

    await page.getByLabel('Search history').fill('dentist');
    await expect.poll(() => count.innerText()).toBe('1 run match');
    await rows.first().getByRole('button', { expanded: false }).click();
    const details = rows.first().locator('.run-details');
    await expect(details.innerText()).resolves.toMatch(/Created Dentist on the platform/);
    await shootBothModes(page, 'history-expanded');

    // Export what is shown (the "dentist" filter) — a real download through a Blob link.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the shown runs as CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^icloud-sync-history-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await csvDownload.path(), 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/^startedAt,finishedAt,trigger,outcome/);
    expect(lines).toHaveLength(2);

    await page.getByLabel('Search history').fill('');
    await expect.poll(() => count.innerText()).toBe('4 runs');
    // The virtual list measures an opened row: the rows after it move down, none overlaps it.
    await rows.first().getByRole('button', { expanded: false }).click();
    await rows.first().locator('.run-details').waitFor();
    await expect.poll(async () => {
      const [open, next] = await Promise.all([rows.nth(0).boundingBox(), rows.nth(1).boundingBox()]);
      return open && next && open.height > 40 ? Math.abs(Math.round(next.y - (open.y + open.height))) : 'not laid out';
    }).toBe(0);
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the shown runs as JSON' }).click()]);
    const json = await readFile(await jsonDownload.path(), 'utf8');
    const exported = JSON.parse(json) as RunReport[];
    expect(exported.map((r) => r.outcome)).toEqual(['partial', 'ok', 'ok', 'ok']);
    for (const secret of [WORLD_APP_PASSWORD, world.token]) {
      expect(json).not.toContain(secret);
      expect(csv).not.toContain(secret);
    }
    await page.getByText(/Saved icloud-sync-history-.*\.json/).waitFor();
  });

  it('saves settings with validation, and shows every place of the window', async () => {
    app = await startAppWorld();
    const { page, world } = app;
    await world.sync();
    await app.open('settings');
    const interval = page.getByLabel('Sync every');
    await interval.fill('0');
    await interval.press('Enter');
    await page.getByText('Enter minutes between syncs, a whole number from 1 to 1440.').waitFor();
    await interval.fill('15');
    await interval.press('Enter');
    await expect.poll(async () => (await world.services.settings.get()).interval).toBe(15);
    await page.getByLabel('When an event changed on both sides').selectOption('newest');
    await expect.poll(async () => (await world.services.settings.get()).conflictPolicy).toBe('newest');
    await page.getByRole('switch', { name: 'Show notifications' }).uncheck();
    await expect.poll(async () => (await world.services.settings.get()).notifications).toBe(false);
    // Calendars: ineligible ones greyed with their reason, here as in onboarding.
    await expect(page.getByRole('checkbox', { name: /Simple calendar/ }).isDisabled()).resolves.toBe(true);
    await shootBothModes(page, 'settings');
    await page.getByRole('heading', { name: 'Accounts' }).scrollIntoViewIfNeeded();
    const accountButtons = page.locator('.account-line .row-actions').first();
    // Reconnect…, Disconnect… and Remove Everything This App Made… side by side on one line at 760 px.
    const [reconnect, disconnect, removeCopies] = await Promise.all([
      accountButtons.getByRole('button', { name: 'Reconnect iCloud', exact: true }).boundingBox(),
      accountButtons.getByRole('button', { name: 'Disconnect iCloud', exact: true }).boundingBox(),
      accountButtons.getByRole('button', { name: 'Remove everything this app made and disconnect iCloud', exact: true }).boundingBox(),
    ]);
    expect(Math.abs((reconnect?.y ?? 0) - (disconnect?.y ?? 1))).toBeLessThan(2);
    expect(Math.abs((reconnect?.y ?? 0) - (removeCopies?.y ?? 1))).toBeLessThan(2);
    // …and neither squeeze the account's name to nothing nor run past the card's edge.
    const icloudRow = page.locator('.account-line').first();
    const [summary, row] = await Promise.all([icloudRow.locator('> :first-child').boundingBox(), icloudRow.boundingBox()]);
    expect(summary?.width ?? 0).toBeGreaterThan(150);
    expect((removeCopies?.x ?? 0) + (removeCopies?.width ?? 0)).toBeLessThanOrEqual((row?.x ?? 0) + (row?.width ?? 0) + 0.5);
    expect(reconnect?.x ?? 0).toBeGreaterThanOrEqual(row?.x ?? 0);
    await shootBothModes(page, 'settings-accounts');
    await page.getByRole('button', { name: 'Disconnect iCloud', exact: true }).click();
    await page.getByRole('alertdialog', { name: 'Disconnect iCloud?' }).waitFor();
    await shootBothModes(page, 'settings-disconnect');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel', exact: true }).click();
    // Removing the only platform location (Settings → Accounts → Remove…).
    await page.getByRole('button', { name: 'Remove Lovelace Studio', exact: true }).click();
    await page.getByRole('alertdialog', { name: 'Remove Lovelace Studio?' }).getByRole('button', { name: 'Remove Location', exact: true }).click();
    // Without the platform the window goes back to onboarding, at the platform step.
    await page.getByLabel('Private Integration Token').waitFor();
    expect((await world.services.status()).platform.connected).toBe(false);

    // Keyboard: the sidebar is reachable and arrow keys move through it (after reconnecting).
    await world.services.accounts.connectPlatform({ locationId: world.locationId, token: world.token, apiUrl: world.emulator.url, userId: world.userId });
    await app.open('status');
    await page.getByRole('button', { name: 'Status', exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => new URL(page.url()).hash).toBe('#/conflicts');
    await shootBothModes(page, 'conflicts-none');
  });
});
