// A safety guard is a decision in the window (issue 12), in the browser against the real services:
// a sync stops, Status lists what it would delete by title and time, and the user either confirms
// (the next sync goes through) or keeps them (a later sync neither deletes nor re-adopts them).
import { afterEach, describe, expect, it } from 'vitest';
import { radicaleSkipReason } from '../support/radicale';
import { hoursFromNow, icsEvent, type SyncWorld } from '../support/sync-world';
import { startAppWorld, type AppWorld } from './support/app-world';
import { chromiumAvailable } from './support/browser';
import { shootBothModes } from './support/screenshots';

const run = chromiumAvailable('Guards in Chromium') && !radicaleSkipReason();
const lesson = (i: number) => icsEvent(`lesson-${i}`, { title: `Lesson ${i}`, start: hoursFromNow(14, 1 + i), end: hoursFromNow(15, 1 + i) });

/** Twelve iCloud events synced to blocked slots, then deleted in iCloud: the deletion guard stops the next sync. */
async function twelveDeletedInIcloud(world: SyncWorld): Promise<void> {
  for (let i = 0; i < 12; i++) await world.icloud.put('work', `lesson-${i}.ics`, lesson(i));
  await world.sync();
  expect(world.platform.blocks()).toHaveLength(12);
  for (let i = 0; i < 12; i++) await world.icloud.remove('work', `lesson-${i}.ics`);
  expect((await world.sync()).outcome).toBe('guarded');
}

describe.skipIf(!run)('safety guards in the browser', () => {
  let app: AppWorld | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('the user reviews what would be deleted, confirms in the window, and the next sync goes through', async () => {
    app = await startAppWorld();
    const { page, world } = app;
    await twelveDeletedInIcloud(world);

    await app.open('status');
    const guard = page.getByRole('region', { name: /Syncing stopped for safety: 12 events would be deleted from the platform/ });
    await guard.waitFor();
    const items = guard.getByRole('list', { name: 'What the sync would do' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(12);
    await expect(items.first().innerText()).resolves.toMatch(/Lesson 0\s+\S+/);
    await shootBothModes(page, 'status-guard');

    await guard.getByRole('button', { name: 'Delete Them…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete 12 Events?' });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toMatch(/cannot be undone/);
    await shootBothModes(page, 'status-guard-confirm');
    // Escape is "no": nothing deleted.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(world.platform.blocks()).toHaveLength(12);

    await guard.getByRole('button', { name: 'Delete Them…' }).click();
    await dialog.getByRole('button', { name: 'Delete 12 Events', exact: true }).click();
    await guard.waitFor({ state: 'detached' });
    await expect.poll(() => world.platform.blocks().length).toBe(0);
    await page.getByText('Synced', { exact: true }).first().waitFor();
    const next = await world.sync();
    expect(next.outcome).toBe('ok');
    expect((await world.services.status()).guard).toBeUndefined();
  });

  it('the user keeps them: both sides stay, a later sync neither deletes nor re-adopts them, and one can be followed again', async () => {
    app = await startAppWorld();
    const { page, world } = app;
    await twelveDeletedInIcloud(world);

    await app.open('status');
    const guard = page.getByRole('region', { name: /Syncing stopped for safety/ });
    await guard.getByRole('button', { name: 'Keep Them' }).click();
    await guard.waitFor({ state: 'detached' });
    const notFollowed = page.getByRole('region', { name: 'Not followed' });
    await expect.poll(() => notFollowed.getByRole('listitem').count()).toBe(12);
    await shootBothModes(page, 'status-not-followed');
    expect(world.platform.blocks()).toHaveLength(12);

    // Later syncs: nothing deleted, and an event that comes back as it was is not adopted again.
    await world.icloud.put('work', 'lesson-0.ics', lesson(0));
    const later = await world.sync();
    expect(later.outcome).toBe('ok');
    expect(later.counts.platform.deleted + later.counts.platform.created).toBe(0);
    expect(later.items.filter((i) => i.op === 'adopt')).toEqual([]);
    expect(world.platform.blocks()).toHaveLength(12);

    await notFollowed.getByRole('button', { name: 'Follow again: Lesson 0' }).click();
    await expect.poll(() => notFollowed.getByRole('listitem').count()).toBe(11);
    const followed = await world.sync();
    expect(followed.items.filter((i) => i.op === 'adopt').map((i) => i.title)).toEqual(['Lesson 0']);
    expect(world.platform.blocks()).toHaveLength(12);
  });
});
