// Settings → a change that re-judges many events (issue 13 item 1), in the browser against the real
// services: widening the sync window shows what the next sync would then do (a dry run: only reads
// reach the platform, nothing is saved), Cancel leaves the setting as it was, Apply saves it.
import { afterEach, describe, expect, it } from 'vitest';
import { radicaleSkipReason } from '../support/radicale';
import { hoursFromNow, icsEvent } from '../support/sync-world';
import { startAppWorld, type AppWorld } from './support/app-world';
import { chromiumAvailable } from './support/browser';
import { shootBothModes } from './support/screenshots';

const run = chromiumAvailable('Settings preview in Chromium') && !radicaleSkipReason();

describe.skipIf(!run)('previewing a settings change in the browser', () => {
  let app: AppWorld | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('a wider window shows its preview; Cancel keeps the setting, Apply saves it', async () => {
    app = await startAppWorld({ settings: { futureDays: 10 } });
    const { page, world } = app;
    await world.icloud.put('work', 'far.ics', icsEvent('far', { title: 'Far away', start: hoursFromNow(14, 40), end: hoursFromNow(15, 40) }));
    await world.platform.book({ title: 'Later booking', start: hoursFromNow(9, 45), end: hoursFromNow(10, 45) });
    await world.sync();
    expect(world.platform.blocks()).toHaveLength(0);

    await app.open('settings');
    const future = page.getByLabel('Days after today');
    await expect.poll(() => future.inputValue()).toBe('10');
    const sent = world.emulator.exchanges.length;
    await future.fill('60');
    await future.press('Enter');
    const panel = page.getByRole('region', { name: 'Preview of this change' });
    await panel.getByText('This change will create 1 blocked slot and 1 iCloud event.').waitFor();
    await expect(panel.innerText()).resolves.toContain('Days after today: 60');
    await shootBothModes(page, 'settings-change-preview');
    // The preview only read: no write reached the platform, and the setting is not saved.
    expect(world.emulator.exchanges.slice(sent).map((e) => e.method).filter((m) => m !== 'GET')).toEqual([]);
    expect((await world.cli(['get', 'futureDays'])).stdout.trim()).toBe('10');

    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(() => future.inputValue()).toBe('10');
    expect((await world.cli(['get', 'futureDays'])).stdout.trim()).toBe('10');
    expect(world.platform.blocks()).toHaveLength(0);

    await future.fill('60');
    await future.press('Enter');
    await panel.getByText('This change will create 1 blocked slot and 1 iCloud event.').waitFor();
    await panel.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(async () => (await world.cli(['get', 'futureDays'])).stdout.trim()).toBe('60');
    await expect.poll(() => future.inputValue()).toBe('60');
    // What the preview said is what the next sync does.
    const real = await world.sync();
    expect(real.counts.platform.created).toBe(1);
    expect(real.counts.icloud.created).toBe(1);
  });
});
