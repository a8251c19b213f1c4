// A location's own iCloud calendar chosen in the window (issue 15), in Chromium against Radicale and
// one emulator with two locations: Settings → Calendars → "Appointments from Hopper Clinic go to"
// previews the move (nothing written, nothing saved), Cancel keeps the main calendar, Apply saves it,
// the next sync moves the copy, and Status names the calendar.
import { afterEach, describe, expect, it } from 'vitest';
import { radicaleSkipReason } from '../support/radicale';
import { hoursFromNow } from '../support/sync-world';
import { LOCATION_B, bookInB, connectSecondLocation, twoLocationSeed } from '../support/two-locations';
import { startAppWorld, type AppWorld } from './support/app-world';
import { chromiumAvailable } from './support/browser';
import { mirrorOf } from './support/world-helpers';

const run = chromiumAvailable('A location\'s calendar in Chromium') && !radicaleSkipReason();

describe.skipIf(!run)('a location\'s own iCloud calendar in the window', () => {
  let app: AppWorld | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('chooses it per location, previewed first; Cancel changes nothing; Apply then sync moves the copy', async () => {
    app = await startAppWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'] });
    const { page, world } = app;
    await connectSecondLocation(world);
    bookInB(world, 'appt-b-1', 'Clinic consult', hoursFromNow(14, 2), hoursFromNow(15, 2));
    expect((await world.sync()).outcome).toBe('ok');
    expect(mirrorOf(world, 'appt-b-1')?.title).toBe('Clinic consult');

    await app.open('settings');
    const chooser = page.getByLabel('Appointments from Hopper Clinic go to');
    await expect.poll(() => chooser.inputValue()).toBe('default');
    const sent = world.emulator.exchanges.length;
    await chooser.selectOption({ label: 'clinic' });
    const panel = page.getByRole('region', { name: 'Preview of this change' });
    await panel.getByText('This change will update 1 iCloud event.').waitFor();
    expect(world.emulator.exchanges.slice(sent).map((e) => e.method).filter((m) => m !== 'GET'), 'the preview only read').toEqual([]);
    expect(mirrorOf(world, 'appt-b-1', 'clinic')).toBeUndefined();
    expect((await world.services.state.read()).accounts.platforms[LOCATION_B]!.icloudCalendar).toBeUndefined();

    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(() => page.getByLabel('Appointments from Hopper Clinic go to').inputValue()).toBe('default');
    expect((await world.services.state.read()).accounts.platforms[LOCATION_B]!.icloudCalendar).toBeUndefined();

    await page.getByLabel('Appointments from Hopper Clinic go to').selectOption({ label: 'clinic' });
    await panel.getByText('This change will update 1 iCloud event.').waitFor();
    await panel.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Saved. The next sync moves those appointment copies.').waitFor();
    expect((await world.services.state.read()).accounts.platforms[LOCATION_B]!.icloudCalendar).toBe(world.calendarUrl('clinic'));

    const moved = await world.sync();
    expect(moved.counts.icloud).toEqual({ created: 0, updated: 1, deleted: 0 });
    expect(mirrorOf(world, 'appt-b-1', 'clinic')?.title).toBe('Clinic consult');
    expect(mirrorOf(world, 'appt-b-1')).toBeUndefined();

    await app.open('status');
    await page.getByRole('region', { name: 'Platform: Hopper Clinic connection' }).getByText('Appointments go to').waitFor();
  });
});
