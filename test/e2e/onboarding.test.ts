// A first run in the browser against Radicale and the platform emulator: connect iCloud (a
// malformed password is refused before sending, a wrong one is explained), connect the platform
// and pick yourself, choose calendars (ineligible ones greyed with their reason), first sync.
import { afterEach, describe, expect, it } from 'vitest';
import { radicaleSkipReason } from '../support/radicale';
import { hoursFromNow, WORLD_APP_PASSWORD } from '../support/sync-world';
import { startAppWorld, type AppWorld } from './support/app-world';
import { chromiumAvailable } from './support/browser';
import { shootBothModes } from './support/screenshots';

const run = chromiumAvailable('Onboarding in Chromium') && !radicaleSkipReason();

describe.skipIf(!run)('onboarding in the browser', () => {
  let app: AppWorld | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('connects both accounts, links calendars, previews the first sync and runs it on Start Syncing', async () => {
    app = await startAppWorld({ link: false });
    const { page, world, harness } = app;
    const booked = await world.platform.book({ title: 'Colour and cut', start: hoursFromNow(10, 1), end: hoursFromNow(11, 1) });
    await app.open();

    // Step 1: iCloud.
    await page.getByRole('heading', { name: 'Welcome to iCloud Sync Companion' }).waitFor();
    await shootBothModes(page, 'onboarding-1-icloud');
    await page.getByRole('button', { name: 'Open account.apple.com' }).click();
    await expect.poll(() => harness.openedUrls).toEqual(['https://account.apple.com/']); // the normalised URL main checked (external-url.ts)

    await page.getByLabel('Apple ID').fill(world.appleId);
    await page.getByLabel('App-specific password').fill('my normal password');
    await page.getByRole('button', { name: 'Connect iCloud' }).click();
    await expect(page.getByText('four groups of four letters').isVisible()).resolves.toBe(true);
    await shootBothModes(page, 'onboarding-1-icloud-invalid');

    // Well formed but wrong: the server refuses, the person reads words, not a code.
    await page.getByText('Advanced').first().click();
    await page.getByLabel('Calendar server').fill(world.radicale.url);
    await page.getByLabel('App-specific password').fill('wxyz-wxyz-wxyz-wxyz');
    await page.getByRole('button', { name: 'Connect iCloud' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: /password/i });
    await refusal.waitFor();
    const refusalText = await refusal.innerText();
    expect(refusalText).not.toMatch(/\b40[13]\b/);
    expect(refusalText).not.toMatch(/\bat .+:\d+:\d+/);
    // At the default window height the refusal is in view, not below the fold.
    await expect.poll(async () => {
      const box = await refusal.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 520;
    }).toBe(true);
    await shootBothModes(page, 'onboarding-1-icloud-refused');

    // Uppercase and spaces from copying are accepted and normalised.
    await page.getByLabel('App-specific password').fill(` ${WORLD_APP_PASSWORD.toUpperCase()} `);
    await page.getByRole('button', { name: 'Connect iCloud' }).click();

    // Step 2: the platform.
    await page.getByLabel('Private Integration Token').waitFor();
    await shootBothModes(page, 'onboarding-2-platform');
    await page.getByLabel('Private Integration Token').fill(world.token);
    await page.getByLabel('Location ID').fill(world.locationId);
    await page.getByText('Advanced').first().click();
    await page.getByLabel('API address').fill(world.emulator.url);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('radio', { name: /Ada Lovelace/ }).check();
    // The location by its name (GET /locations/{id}), not its id.
    await page.getByText('Which of these people at Lovelace Studio is you?', { exact: false }).waitFor();
    await shootBothModes(page, 'onboarding-2-platform-user');
    await page.getByRole('button', { name: 'Connect the Platform' }).click();

    // Step 3: calendars. Ineligible platform calendars are visible, disabled, with their reason.
    const work = page.getByRole('radio', { name: /work/ });
    await work.waitFor();
    await work.check();
    const simple = page.getByRole('checkbox', { name: /Simple calendar/ });
    await expect(simple.isDisabled()).resolves.toBe(true);
    const personal = page.locator('label.choice', { hasText: "Ada's personal" });
    expect((await personal.innerText()).length).toBeGreaterThan("Ada's personal".length + 3); // the reason is shown beside it
    await expect(page.getByRole('checkbox', { name: /Sales round robin/ }).isChecked()).resolves.toBe(true);
    await shootBothModes(page, 'onboarding-3-calendars');
    const sent = world.emulator.exchanges.length;
    await page.getByRole('button', { name: 'Preview First Sync' }).click();

    // The preview (a dry run): what the first sync will do, and nothing done before Start Syncing.
    await page.getByText('Will create 1 iCloud event.').waitFor({ timeout: 20_000 });
    await shootBothModes(page, 'onboarding-4-preview');
    expect(world.emulator.exchanges.slice(sent).filter((e) => e.method !== 'GET')).toEqual([]);
    expect(world.icloud.events('work').map((e) => e.title)).not.toContain(booked.title);
    await page.getByRole('button', { name: 'Start Syncing' }).click();

    // The first sync: Status with both cards, and the appointment in iCloud.
    await page.getByRole('heading', { name: 'Status', level: 1 }).waitFor();
    await page.getByText(/Today .* — 1 event to iCloud/).waitFor({ timeout: 20_000 });
    expect(world.icloud.events('work').map((e) => e.title)).toContain(booked.title);
    await expect(page.getByRole('region', { name: 'iCloud connection' }).innerText()).resolves.toContain(world.appleId);
    await expect(page.getByRole('region', { name: 'Platform connection' }).innerText()).resolves.toContain('Ada Lovelace');
    await expect(page.getByRole('region', { name: 'Platform connection' }).innerText()).resolves.toContain('Lovelace Studio');
    await shootBothModes(page, 'status');
  });
});
