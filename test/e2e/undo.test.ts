// Onboarding's preview, the first sync on Start Syncing, then "Undo This Run…" from History, in
// Chromium against Radicale and the platform emulator (issue 13 item 2): the confirmation names what
// goes back on each side, the undo is a run in History, and the copy the first sync made is gone.
import { afterEach, describe, expect, it } from 'vitest';
import { radicaleSkipReason } from '../support/radicale';
import { hoursFromNow, icsEvent } from '../support/sync-world';
import { startAppWorld, type AppWorld } from './support/app-world';
import { chromiumAvailable } from './support/browser';
import { shootBothModes } from './support/screenshots';

const run = chromiumAvailable('Undo in Chromium') && !radicaleSkipReason();

describe.skipIf(!run)('undo a run in the browser', () => {
  let app: AppWorld | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('previews and runs the first sync from onboarding, then undoes it from History', { timeout: 90_000 }, async () => {
    app = await startAppWorld({ link: false });
    const { page, world } = app;
    const booked = await world.platform.book({ title: 'Colour and cut', start: hoursFromNow(10, 1), end: hoursFromNow(11, 1) });
    await world.icloud.put('work', 'dentist.ics', icsEvent('dentist', { title: 'Dentist', start: hoursFromNow(14, 2), end: hoursFromNow(15, 2) }));
    await app.open();

    // Onboarding, as a person does it.
    await page.getByRole('heading', { name: 'Welcome to iCloud Sync Companion' }).waitFor();
    await page.getByLabel('Apple ID').fill(world.appleId);
    await page.getByText('Advanced').first().click();
    await page.getByLabel('Calendar server').fill(world.radicale.url);
    await page.getByLabel('App-specific password').fill(world.env.ICLOUD_SYNC_APP_PASSWORD!);
    await page.getByRole('button', { name: 'Connect iCloud' }).click();
    await page.getByLabel('Private Integration Token').fill(world.token);
    await page.getByLabel('Location ID').fill(world.locationId);
    await page.getByText('Advanced').first().click();
    await page.getByLabel('API address').fill(world.emulator.url);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('radio', { name: /Ada Lovelace/ }).check();
    await page.getByRole('button', { name: 'Connect the Platform' }).click();
    const work = page.getByRole('radio', { name: /work/ });
    await work.waitFor();
    await work.check();
    await page.getByRole('button', { name: 'Preview First Sync' }).click();
    await page.getByText(/Will create 1 blocked slot and 1 iCloud event/).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Start Syncing' }).click();
    await page.getByRole('heading', { name: 'Status', level: 1 }).waitFor();
    await expect.poll(() => world.icloud.events('work').map((e) => e.title), { timeout: 20_000 }).toContain(booked.title);
    await expect.poll(() => world.platform.blocks().map((b) => b.title)).toEqual(['Dentist']);

    // History: the first sync, expanded, undone.
    await app.open('history');
    const rows = page.locator('.history-scroll [role=row]');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByRole('button', { expanded: false }).click();
    await rows.first().getByRole('button', { name: 'Undo This Run…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Undo this run?' });
    await expect(dialog.innerText()).resolves.toMatch(/Puts back 1 iCloud event and 1 platform item/);
    await shootBothModes(page, 'history-undo-confirm');
    await dialog.getByRole('button', { name: 'Undo Run' }).click();
    // Said above the table, which reloads with the undo run on top.
    await page.getByText('Undone: 1 iCloud event and 1 platform item put back.').first().waitFor({ timeout: 20_000 });
    await shootBothModes(page, 'history-undone');

    // Both sides as before the first sync; the undo is a run in History.
    expect(world.icloud.events('work').map((e) => e.title)).toEqual(['Dentist']);
    expect(world.platform.blocks()).toEqual([]);
    expect(world.platform.appointments().map((a) => a.title)).toEqual([booked.title]);
    await expect.poll(() => rows.count()).toBe(2);
    await expect(rows.first().innerText()).resolves.toMatch(/Undo/);
    // The undone run is not offered again.
    await rows.nth(1).getByRole('button', { expanded: false }).click();
    await rows.nth(1).locator('.run-details').waitFor();
    expect(await rows.nth(1).getByRole('button', { name: 'Undo This Run…' }).count()).toBe(0);
  });
});
