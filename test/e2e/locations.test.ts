// Adding and removing a platform location from the window (issue 15), in Chromium against Radicale
// and one emulator with two locations: Settings → Accounts → Add a Location… connects the second
// with the onboarding form; Remove… asks first (a mistaken click changes nothing), says what goes
// elsewhere, and a removal whose copy was edited since says so and leaves the location connected;
// the sync after a removal deletes the "Busy" slots it made in the other location without stopping
// at the deletion guard, and the run says why; removing the last location brings back onboarding.
import { afterEach, describe, expect, it } from 'vitest';
import { radicaleSkipReason } from '../support/radicale';
import { editIcs } from '../support/ics-edits';
import { TEST_LOCATION, TEST_TOKEN, hoursFromNow } from '../support/sync-world';
import { LOCATION_B, TOKEN_B, bookInB, twoLocationSeed } from '../support/two-locations';
import { startAppWorld, type AppWorld } from './support/app-world';
import { chromiumAvailable } from './support/browser';
import { shootBothModes } from './support/screenshots';
import { mirrorOf } from './support/world-helpers';

const run = chromiumAvailable('Locations in Chromium') && !radicaleSkipReason();
const appointments = 15;

describe.skipIf(!run)('adding and removing a location in the window', () => {
  let app: AppWorld | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('adds a location, refuses nothing by mistake, reports a failed removal, removes it and then the last one', async () => {
    app = await startAppWorld({ seed: twoLocationSeed() });
    const { page, world } = app;
    // The tokens come from the environment in tests (the keychain is never touched); B's is given
    // again in the form, as a person would paste it.
    world.env.ICLOUD_SYNC_PLATFORM_TOKENS = JSON.stringify({ [TEST_LOCATION]: TEST_TOKEN, [LOCATION_B]: TOKEN_B });
    expect((await world.sync()).outcome).toBe('ok');
    await app.open('settings');

    // Add a Location…: the onboarding form, then "which of these is you?".
    await page.getByRole('button', { name: 'Add a Location…' }).click();
    const form = page.getByRole('form', { name: 'Connect the platform' });
    await form.getByLabel('Private Integration Token').fill(TOKEN_B);
    await form.getByLabel('Location ID').fill(LOCATION_B);
    await form.getByText('Advanced').click();
    await form.getByLabel('API address').fill(world.emulator.url);
    await form.getByRole('button', { name: 'Check Token' }).click();
    await page.getByText('Which of these people at Hopper Clinic is you?').waitFor();
    await page.getByRole('button', { name: 'Connect the Platform' }).click();
    const list = page.getByRole('list', { name: 'Platform locations' });
    await list.getByText('Platform: Hopper Clinic').waitFor();
    expect(Object.keys((await world.services.state.read()).accounts.platforms).sort()).toEqual([TEST_LOCATION, LOCATION_B].sort());

    for (let i = 0; i < appointments; i++) bookInB(world, `appt-b-${i}`, `Consult ${i}`, hoursFromNow(10, 3 + i), hoursFromNow(11, 3 + i));
    expect((await world.sync()).outcome).toBe('ok');
    const busyInA = () => world.emulator.state.eventsOf(TEST_LOCATION, 'blocked').filter((slot) => slot.title === 'Busy');
    expect(busyInA()).toHaveLength(appointments);
    await page.getByRole('heading', { name: 'Accounts' }).scrollIntoViewIfNeeded();
    await shootBothModes(page, 'settings-locations');

    // A mistaken click: the sheet opens on Cancel, says what would go, and Return keeps everything.
    await list.getByRole('button', { name: 'Remove Hopper Clinic' }).click();
    const sheet = page.getByRole('alertdialog', { name: 'Remove Hopper Clinic?' });
    await sheet.getByText(`The next sync deletes ${appointments} blocked slots in Lovelace Studio that this app made for its appointments.`).waitFor();
    await shootBothModes(page, 'settings-remove-location');
    expect(await page.locator(':focus').textContent()).toBe('Cancel');
    await page.keyboard.press('Enter');
    await sheet.waitFor({ state: 'detached' });
    expect(Object.keys((await world.services.state.read()).accounts.platforms)).toContain(LOCATION_B);
    expect(busyInA()).toHaveLength(appointments);

    // With its copies: previewed first; one edited in iCloud since makes the removal fail in words.
    await list.getByRole('button', { name: 'Remove Hopper Clinic' }).click();
    await sheet.getByLabel('Also delete the copies this app made for Hopper Clinic').check();
    await sheet.getByText(`Will delete ${appointments} iCloud copies of its appointments and 0 blocked slots this app made there. Your own events and the appointments stay.`).waitFor();
    const edited = mirrorOf(world, 'appt-b-0')!;
    await world.icloud.put('work', edited.file, editIcs(edited.ics, { SUMMARY: 'SUMMARY:Consult 0 (moved to the annex)' }));
    await sheet.getByRole('button', { name: 'Remove Location and Copies' }).click();
    const failure = sheet.getByRole('alert');
    await failure.waitFor();
    expect(await failure.textContent()).toBe(
      `“Consult 0” was not deleted: the event changed in iCloud while deleting it. ${appointments - 1} other copies were deleted. Hopper Clinic is still connected; Remove… again finishes the job.`,
    );
    expect(Object.keys((await world.services.state.read()).accounts.platforms), 'the location stays connected').toContain(LOCATION_B);
    expect(mirrorOf(world, 'appt-b-0')?.title, 'the edited copy is the user’s now: kept').toBe('Consult 0 (moved to the annex)');
    await sheet.getByRole('button', { name: 'Cancel' }).click();

    // Removed without its copies: the next sync deletes the Busy slots in A, past no guard, saying why.
    await list.getByRole('button', { name: 'Remove Hopper Clinic' }).click();
    await sheet.getByRole('button', { name: 'Remove Location' }).click();
    await sheet.waitFor({ state: 'detached' });
    await list.getByText('Platform: Hopper Clinic').waitFor({ state: 'detached' });
    expect(Object.keys((await world.services.state.read()).accounts.platforms)).toEqual([TEST_LOCATION]);
    await app.open('status');
    await page.getByRole('button', { name: 'Sync Now' }).click();
    const reason = 'it blocked an appointment of a location you removed, so it no longer blocks time here';
    // The run is recorded once the cycle is over (after its deletions): wait for it, not for the slots.
    const newestRun = async () => (await world.services.history.list(1))[0];
    await expect.poll(async () => (await newestRun())?.items.filter((item) => item.reason === reason).length, { timeout: 20_000 }).toBe(appointments);
    const after = (await newestRun())!;
    expect(after.guard).toBeUndefined();
    expect(after.items.filter((item) => item.op === 'delete').map((item) => item.reason)).toEqual(Array(appointments).fill(reason));
    expect(busyInA()).toEqual([]);
    expect(await page.getByText('Syncing stopped for safety').count()).toBe(0);
    // Why, in the window: the run in History names each slot deleted and the reason.
    await app.open('history');
    const newest = page.locator('.history-scroll [role=row]').first();
    await newest.getByRole('button', { expanded: false }).click();
    const details = await newest.locator('.run-details').innerText();
    expect(details.split(reason)).toHaveLength(appointments + 1);
    await shootBothModes(page, 'history-location-removed');

    // The last location can go too: the app then asks to connect one, as at first run.
    await app.open('settings');
    await list.getByRole('button', { name: 'Remove Lovelace Studio' }).click();
    const last = page.getByRole('alertdialog', { name: 'Remove Lovelace Studio?' });
    await last.getByText('It is your only location: syncing stops, and the app asks you to connect one, as when you started.').waitFor();
    await last.getByRole('button', { name: 'Remove Location' }).click();
    await page.getByRole('heading', { name: 'Welcome to iCloud Sync Companion' }).waitFor();
    await page.getByLabel('Private Integration Token').waitFor();
    expect((await world.services.status()).platform.connected).toBe(false);
  }, 120_000);
});
