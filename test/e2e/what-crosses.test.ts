// Settings → What crosses in Chromium against the real services: a title filter typed for the
// linked calendar is saved in the app's settings, a bad one is refused in words and not saved, and
// the next sync keeps the filtered event off the platform with the reason.
import { afterEach, describe, expect, it } from 'vitest';
import { radicaleSkipReason } from '../support/radicale';
import { hoursFromNow, icsEvent } from '../support/sync-world';
import { startAppWorld, type AppWorld } from './support/app-world';
import { chromiumAvailable } from './support/browser';
import { shootBothModes } from './support/screenshots';

const run = chromiumAvailable('What crosses in Chromium') && !radicaleSkipReason();

describe.skipIf(!run)('What crosses in the browser', () => {
  let app: AppWorld | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('sets a title filter for the linked calendar: saved, and the next sync skips the event and says why', async () => {
    app = await startAppWorld();
    const { page, world } = app;
    await app.open('settings');
    const linked = page.getByRole('region', { name: /^Linked calendar/ });
    const titles = linked.getByLabel('Skip events whose title contains');
    await titles.scrollIntoViewIfNeeded();

    // A pattern that could hang a sync is refused by the app, in words under its box, where it stays
    // to be fixed; nothing is saved.
    await titles.fill('/(a+)+$/');
    await titles.blur();
    await linked.getByText(/can take very long to match/).waitFor();
    expect((await world.services.settings.get()).filters).toEqual({});
    await expect(titles.inputValue()).resolves.toBe('/(a+)+$/');
    await expect(titles.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByText(/can take very long to match/).count(), 'shown once').resolves.toBe(1);

    await titles.fill('lunch\n/^private/i');
    await titles.blur();
    await expect.poll(async () => (await world.services.settings.get()).filters).toEqual({
      [world.linkedUrl]: { skipTitles: ['lunch', '/^private/i'], skipAllDay: false, workingHours: '' },
    });
    await expect(linked.getByText(/can take very long to match/).count()).resolves.toBe(0);
    await shootBothModes(page, 'settings-what-crosses');

    await world.icloud.put('work', 'lunch.ics', icsEvent('lunch', { title: 'Team Lunch', start: hoursFromNow(3, 1), end: hoursFromNow(4, 1) }));
    const report = await world.sync();
    expect(world.platform.blocks().filter((block) => block.title === 'Team Lunch')).toEqual([]);
    expect(report.items.find((item) => item.title === 'Team Lunch')?.reason).toBe('skipped by title filter "lunch" (linked calendar): no blocked slot');

    // Reopened, the window shows what was saved.
    await app.open('settings');
    await expect(page.getByRole('region', { name: /^Linked calendar/ }).getByLabel('Skip events whose title contains').inputValue()).resolves.toBe('lunch\n/^private/i');
  });
});
