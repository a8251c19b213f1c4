// The two decisions only a person makes, in the browser against the real services: settling a
// conflict (S17, "ask me") and restoring a detached pair (S6).
import { afterEach, describe, expect, it } from 'vitest';
import { radicaleSkipReason } from '../support/radicale';
import { hoursFromNow } from '../support/sync-world';
import { startAppWorld, type AppWorld } from './support/app-world';
import { chromiumAvailable } from './support/browser';
import { shootBothModes } from './support/screenshots';
import { changeOnBothSides, mirrorOf } from './support/world-helpers';

const run = chromiumAvailable('Decisions in Chromium') && !radicaleSkipReason();

describe.skipIf(!run)('decisions in the browser', () => {
  let app: AppWorld | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('shows a conflict side by side and keeps the iCloud version', async () => {
    app = await startAppWorld();
    const { page, world } = app;
    const kept = await world.platform.book({ title: 'Consult', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2), notes: 'Bring the forms' });
    const other = await world.platform.book({ title: 'Review', start: hoursFromNow(12, 2), end: hoursFromNow(13, 2) });
    await world.sync();
    await changeOnBothSides(world, kept.id, 'Consult (platform)', 'Consult (iCloud)');
    await changeOnBothSides(world, other.id, 'Review (platform)', 'Review (iCloud)');
    const report = await world.sync();
    expect(report.counts.conflicts).toBe(2);

    await app.open('status');
    await page.getByRole('button', { name: 'Conflicts, 2 open' }).click();
    const versions = page.getByRole('table', { name: /Both versions of/ });
    await versions.waitFor();
    const titleRow = versions.getByRole('row', { name: /Title/ });
    expect(await titleRow.getAttribute('class')).toContain('changed');
    const titleText = await titleRow.innerText();
    expect(titleText).toMatch(/differs/);
    expect(titleText).toContain('Consult (iCloud)');
    expect(titleText).toContain('Consult (platform)');
    expect((await versions.getByRole('row', { name: /Notes/ }).getAttribute('class')) ?? '').not.toContain('changed');
    await shootBothModes(page, 'conflicts');

    // Settle the shown one (Consult): the iCloud title goes to the platform.
    await page.getByRole('button', { name: 'Keep iCloud' }).click();
    await page.getByText('1 conflict settled: iCloud version kept.').waitFor();
    await expect.poll(() => world.platform.get(kept.id)?.title).toBe('Consult (iCloud)');
    expect(mirrorOf(world, kept.id)?.title).toBe('Consult (iCloud)');

    // The other one through the tick boxes (the several-at-once path); then nothing is left.
    // (Keep iCloud again: keeping the platform version after an iCloud edit currently fails in the
    // engine with a stale iCloud etag — reported to the sync engine's owner.)
    await page.getByRole('checkbox', { name: 'Select Review' }).check();
    await page.getByRole('button', { name: 'Keep iCloud' }).click();
    await page.getByRole('heading', { name: 'No conflicts' }).waitFor();
    await expect.poll(() => world.platform.get(other.id)?.title).toBe('Review (iCloud)');
    expect((await world.services.conflicts()).length).toBe(0);
    await page.getByRole('button', { name: 'Conflicts', exact: true }).waitFor();
    await shootBothModes(page, 'conflicts-empty');
  });

  it('lists a detached pair under Needs attention and restores its iCloud copy', async () => {
    app = await startAppWorld();
    const { page, world } = app;
    const booked = await world.platform.book({ title: 'Physio session', start: hoursFromNow(8, 3), end: hoursFromNow(9, 3) });
    await world.sync();
    const mirror = mirrorOf(world, booked.id)!;
    await world.icloud.remove('work', mirror.file);
    await world.sync();
    expect(mirrorOf(world, booked.id)).toBeUndefined();

    await app.open('status');
    const attention = page.getByRole('region', { name: 'Needs attention' });
    await attention.getByText('Physio session', { exact: true }).waitFor();
    await expect(attention.innerText()).resolves.toContain('was deleted from iCloud');
    await shootBothModes(page, 'status-attention');
    // Cancelling the booking asks first, naming it; Keep Appointment changes nothing.
    await attention.getByRole('button', { name: 'Cancel Appointment: Physio session' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Cancel “Physio session”?' });
    await expect(confirm.innerText()).resolves.toMatch(/customer's booking is gone/);
    await shootBothModes(page, 'status-cancel-confirm');
    await confirm.getByRole('button', { name: 'Keep Appointment' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(world.platform.get(booked.id)?.appointmentStatus).not.toBe('cancelled');
    await attention.getByRole('button', { name: 'Restore in iCloud: Physio session' }).click();

    await attention.waitFor({ state: 'detached' });
    const restored = mirrorOf(world, booked.id);
    expect(restored?.title).toBe('Physio session');
    expect(world.platform.get(booked.id)?.appointmentStatus).not.toBe('cancelled');
  });
});
