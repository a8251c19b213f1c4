// The two decisions only a person makes, in the browser against the real services: settling a
// conflict (S17, "ask me"), restoring a detached pair (S6), and cancelling its booking after a
// confirmation that names the customer, the time and the consequence (issue 12).
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
    // The customer (the emulator's contact-1) by name, read from the platform as the dialog opens.
    await confirm.getByText('Customer One', { exact: true }).waitFor();
    await expect(confirm.innerText()).resolves.toMatch(/“Physio session” with Customer One, .*\d:\d\d.*–.*\d:\d\d.*The booking is cancelled on the platform for Customer One/s);
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

  it('cancels a booking after the dialog names its customer; without contacts.readonly it says "the customer" and why', async () => {
    app = await startAppWorld();
    const { page, world } = app;
    const booked = await world.platform.book({ title: 'Colour', contactId: 'contact-2', start: hoursFromNow(10, 3), end: hoursFromNow(11, 3) });
    await world.sync();
    await world.icloud.remove('work', mirrorOf(world, booked.id)!.file);
    await world.sync();

    // First without the scope: the dialog still asks, in the fallback words, and names no one.
    world.emulator.state.withholdScope(world.token, 'contacts.readonly');
    await app.open('status');
    const attention = page.getByRole('region', { name: 'Needs attention' });
    await attention.getByRole('button', { name: 'Cancel Appointment: Colour' }).click();
    let confirm = page.getByRole('alertdialog', { name: 'Cancel “Colour”?' });
    await confirm.getByText(/add the contacts\.readonly scope/).waitFor();
    await expect(confirm.innerText()).resolves.toMatch(/“Colour” with the customer, .*for the customer and the time becomes free to book/s);
    await expect(confirm.innerText()).resolves.not.toContain('Customer Two');
    await shootBothModes(page, 'status-cancel-confirm-no-contact-scope');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });

    // With the scope: the name, the time, the consequence; confirming cancels the booking.
    world.emulator.state.grantScope(world.token, 'contacts.readonly');
    await attention.getByRole('button', { name: 'Cancel Appointment: Colour' }).click();
    confirm = page.getByRole('alertdialog', { name: 'Cancel “Colour”?' });
    await confirm.getByText('Customer Two', { exact: true }).waitFor();
    await expect(confirm.innerText()).resolves.toMatch(/“Colour” with Customer Two, .*\d:\d\d.*–.*\d:\d\d.*cancelled on the platform for Customer Two.*cannot be undone here/s);
    await confirm.getByRole('button', { name: 'Cancel Appointment' }).click();
    await attention.waitFor({ state: 'detached' });
    expect(world.platform.get(booked.id)?.appointmentStatus).toBe('cancelled');
  });
});
