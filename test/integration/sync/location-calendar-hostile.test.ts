// A location's own iCloud calendar (issue 15) attacked: a move stopped between the new copy's PUT and
// the old copy's DELETE — the new copy written, its pair lost as in a SIGKILL — and the appointment
// cancelled on top before the next cycle. Against Radicale and two emulator locations.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mirrorUid } from '../../../src/main/sync/mirror-ids';
import { TEST_LOCATION, hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { LOCATION_B, bookInB, connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { inWorld, mirrorIds, mirrorsIn, skipWithoutRadicale } from './helpers';

const slotTitlesIn = (world: SyncWorld, location: string) => world.emulator.state.eventsOf(location, 'blocked').map((b) => b.title).sort();

/** Both locations connected and one appointment booked in A ("Sales call"), synced once. */
async function bookedInA(world: SyncWorld) {
  await connectSecondLocation(world);
  const a1 = await world.platform.book({ title: 'Sales call', start: hoursFromNow(16, 2), end: hoursFromNow(17, 2) });
  expect((await world.sync()).outcome).toBe('ok');
  return a1;
}

async function linkAToClinic(world: SyncWorld): Promise<void> {
  expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', world.calendarUrl('clinic')])).code).toBe(0);
}

/** The next cycle changes nothing on either side. */
async function expectIdle(world: SyncWorld): Promise<void> {
  const idle = await world.sync();
  expect(idle.counts.icloud).toEqual({ created: 0, updated: 0, deleted: 0 });
  expect(idle.counts.platform).toEqual({ created: 0, updated: 0, deleted: 0 });
}

describe.skipIf(skipWithoutRadicale)('a location\'s own iCloud calendar, attacked', () => {
  it('new copy written, pair lost (SIGKILL), then the appointment cancelled: no copy left anywhere', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'], proxy: true }, async (world) => {
      const a1 = await bookedInA(world);
      await linkAToClinic(world);
      const stateFile = join(world.dataDir, 'state.json');
      const beforeMove = readFileSync(stateFile, 'utf8');
      world.proxy!.intercepts.push(({ method }) => (method === 'DELETE' ? { status: 500, body: 'down' } : undefined));
      await world.sync(); // the new copy is PUT in clinic; the old one's DELETE fails
      world.proxy!.intercepts.length = 0;
      writeFileSync(stateFile, beforeMove); // the pair written since is lost, as in a SIGKILL
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id]);
      expect(mirrorIds(world, 'work')).toEqual([a1.id]);

      world.platform.cancel(a1.id);
      const after = await world.sync();
      expect(after.outcome, JSON.stringify(after.error)).toBe('ok');
      const settled = await world.sync();
      expect(settled.outcome, JSON.stringify(settled.error)).toBe('ok');
      expect(mirrorIds(world, 'work'), 'the old copy went with the cancellation').toEqual([]);
      expect(mirrorIds(world, 'clinic'), 'the new copy went too: none left for a cancelled booking').toEqual([]);
      const state = await world.services.state.read();
      expect(Object.values(state.pairs).filter((pair) => pair.platformId === a1.id)).toEqual([]);
    });
  }, 180_000);

  it('a user\'s own event in X with the UID of a copy in the main calendar: the move neither takes it nor overwrites it', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'] }, async (world) => {
      const a1 = await bookedInA(world);
      await world.icloud.put('clinic', 'mine.ics', icsEvent(mirrorUid(a1.id), { title: 'Dentist', start: hoursFromNow(8, 5), end: hoursFromNow(9, 5) }));
      await linkAToClinic(world);
      const moved = await world.sync();
      const again = await world.sync();
      expect(world.icloud.events('clinic').filter((e) => e.title === 'Dentist'), 'the user\'s event stays as it was').toHaveLength(1);
      expect(world.emulator.state.eventsOf(TEST_LOCATION, 'appointment').find((e) => e.id === a1.id)?.title, 'the booking is not renamed').toBe('Sales call');
      expect(mirrorIds(world, 'clinic'), 'not written over the user\'s event').toEqual([]);
      expect(mirrorIds(world, 'work'), 'the copy stays where it was').toEqual([a1.id]);
      for (const run of [moved, again]) {
        const item = run.items.find((i) => i.pair === `appt:${a1.id}`);
        expect(run.outcome).toBe('partial');
        expect(item?.error, 'the user is told why the copy did not move').toContain('already has this copy\'s UID');
        expect(item?.reason).not.toContain('changed while syncing');
      }
    });
  }, 180_000);

  it('the chosen calendar deleted in iCloud before the move: nothing lost, the copy stays, the user is told', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'] }, async (world) => {
      const a1 = await bookedInA(world);
      await linkAToClinic(world);
      rmSync(join(world.radicale.storageDir, 'collection-root', 'alice@example.com', 'clinic'), { recursive: true, force: true });
      const run = await world.sync();
      const again = await world.sync();
      for (const failed of [run, again]) {
        expect(failed.outcome).toBe('failed');
        expect(failed.error?.message, 'the user is told which calendar and what to do').toContain('The iCloud calendar “clinic” no longer exists in iCloud: choose another for');
        expect(failed.error?.message).toContain(`--location-id ${TEST_LOCATION} --icloud default`);
      }
      expect(mirrorIds(world, 'work'), 'the copy stays where it was').toEqual([a1.id]);
      expect(world.emulator.state.eventsOf(TEST_LOCATION, 'appointment').map((e) => e.id)).toContain(a1.id);
      // Sent back to the main calendar (the link check refuses nothing: 'default' is the main one), the sync is whole again.
      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', 'default'])).code).toBe(0);
      const back = await world.sync();
      expect(back.outcome, JSON.stringify(back.error)).toBe('ok');
      expect(mirrorIds(world, 'work')).toEqual([a1.id]);
    });
  }, 180_000);

  it('a calendar spelled differently (no trailing slash, @ not percent-encoded) is the same calendar: the main one is the main one', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'] }, async (world) => {
      const a1 = await bookedInA(world);
      const respell = (url: string) => url.replace(/\/$/, '').replace('%40', '@');
      expect(respell(world.linkedUrl)).not.toBe(world.linkedUrl);
      const toClinic = await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', respell(world.calendarUrl('clinic'))]);
      expect(toClinic.code, toClinic.stderr).toBe(0);
      expect((await world.services.state.read()).accounts.platforms[TEST_LOCATION]!.icloudCalendar, 'stored as the account lists it').toBe(world.calendarUrl('clinic'));
      expect((await world.sync()).outcome).toBe('ok');
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id]);
      const toMain = await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', respell(world.linkedUrl)]);
      expect(toMain.code, toMain.stderr).toBe(0);
      expect((await world.services.state.read()).accounts.platforms[TEST_LOCATION]!.icloudCalendar, 'the main calendar, however spelled, is the main one').toBeUndefined();
      const back = await world.sync();
      expect(back.outcome, JSON.stringify(back.error)).toBe('ok');
      expect(mirrorIds(world, 'work')).toEqual([a1.id]);
      expect(mirrorIds(world, 'clinic')).toEqual([]);
    });
  }, 180_000);

  it('two locations sent to the same calendar: one copy each, its events block each location once; it is released only when neither uses it', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'] }, async (world) => {
      await connectSecondLocation(world);
      const a1 = await world.platform.book({ title: 'Sales call', start: hoursFromNow(16, 2), end: hoursFromNow(17, 2) });
      bookInB(world, 'appt-b-1', 'Clinic consult', hoursFromNow(14, 2), hoursFromNow(15, 2));
      await world.icloud.put('clinic', 'inventory.ics', icsEvent('inventory-1', { title: 'Inventory', start: hoursFromNow(8, 5), end: hoursFromNow(9, 5) }));
      expect((await world.sync()).outcome).toBe('ok');
      for (const location of [TEST_LOCATION, LOCATION_B]) {
        expect((await world.cli(['link', '--location-id', location, '--icloud', world.calendarUrl('clinic')])).code).toBe(0);
      }
      const moved = await world.sync();
      expect(moved.outcome, JSON.stringify(moved.error)).toBe('ok');
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id, 'appt-b-1'].sort());
      expect(mirrorIds(world, 'work')).toEqual([]);
      expect(slotTitlesIn(world, TEST_LOCATION), 'Inventory blocks A once').toEqual(['Busy', 'Inventory']);
      expect(slotTitlesIn(world, LOCATION_B)).toEqual(['Busy', 'Inventory']);

      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', 'default'])).code).toBe(0);
      const half = await world.sync();
      expect(half.outcome, JSON.stringify(half.error)).toBe('ok');
      expect(mirrorIds(world, 'clinic'), 'B still uses it').toEqual(['appt-b-1']);
      expect(slotTitlesIn(world, TEST_LOCATION), 'still followed: Inventory still blocks A').toEqual(['Busy', 'Inventory']);
      expect(slotTitlesIn(world, LOCATION_B)).toEqual(['Busy', 'Inventory']);

      expect((await world.cli(['link', '--location-id', LOCATION_B, '--icloud', 'default'])).code).toBe(0);
      const none = await world.sync();
      expect(none.outcome, JSON.stringify(none.error)).toBe('ok');
      expect(mirrorIds(world, 'clinic')).toEqual([]);
      expect(mirrorIds(world, 'work')).toEqual([a1.id, 'appt-b-1'].sort());
      expect(slotTitlesIn(world, TEST_LOCATION)).toEqual(['Busy']);
      expect(slotTitlesIn(world, LOCATION_B)).toEqual(['Busy']);
      await expectIdle(world);
    });
  }, 180_000);

  it('a move stopped before the old copy went, then sent back before the next sync: one copy, in the main calendar, none left in X', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'], proxy: true }, async (world) => {
      const a1 = await bookedInA(world);
      await linkAToClinic(world);
      world.proxy!.intercepts.push(({ method }) => (method === 'DELETE' ? { status: 500, body: 'down' } : undefined));
      expect((await world.sync()).outcome).toBe('failed');
      world.proxy!.intercepts.length = 0;
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id]);
      expect(mirrorIds(world, 'work')).toEqual([a1.id]);
      expect((await world.services.state.read()).pairs[`appt:${a1.id}`]?.movedFrom?.calendarUrl).toBe(world.linkedUrl);

      const preview = await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', 'default', '--dry-run', '--json']);
      expect([0, 1]).toContain(preview.code);
      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', 'default'])).code).toBe(0);
      const back = await world.sync();
      expect(back.outcome, JSON.stringify(back.error)).toBe('ok');
      const settled = await world.sync();
      expect(settled.outcome, JSON.stringify(settled.error)).toBe('ok');
      expect(mirrorIds(world, 'work'), 'one copy, in the main calendar').toEqual([a1.id]);
      expect(mirrorIds(world, 'clinic'), 'none left in X').toEqual([]);
      const pair = (await world.services.state.read()).pairs[`appt:${a1.id}`];
      expect(pair?.status).toBe('synced');
      expect(pair?.movedFrom).toBeUndefined();
      expect(pair?.icloud?.calendarUrl).toBe(world.linkedUrl);
    });
  }, 180_000);

  it('a move stopped before the old copy went, then sent to a third calendar: one copy, in the third, none in the other two', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic', 'lab'], proxy: true }, async (world) => {
      const a1 = await bookedInA(world);
      await linkAToClinic(world);
      world.proxy!.intercepts.push(({ method }) => (method === 'DELETE' ? { status: 500, body: 'down' } : undefined));
      expect((await world.sync()).outcome).toBe('failed');
      world.proxy!.intercepts.length = 0;
      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', world.calendarUrl('lab')])).code).toBe(0);
      const run = await world.sync();
      expect(run.outcome, JSON.stringify(run.error)).toBe('ok');
      expect((await world.sync()).outcome).toBe('ok');
      expect(mirrorIds(world, 'lab')).toEqual([a1.id]);
      expect(mirrorIds(world, 'clinic')).toEqual([]);
      expect(mirrorIds(world, 'work')).toEqual([]);
      expect((await world.services.state.read()).pairs[`appt:${a1.id}`]?.movedFrom).toBeUndefined();
    });
  }, 180_000);

  it('removing a location whose appointments sit in its own calendar, with --remove-copies: its copies there go, and what that calendar blocked in the other location goes on the next sync', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'] }, async (world) => {
      await connectSecondLocation(world);
      const a1 = await world.platform.book({ title: 'Sales call', start: hoursFromNow(16, 2), end: hoursFromNow(17, 2) });
      bookInB(world, 'appt-b-1', 'Clinic consult', hoursFromNow(14, 2), hoursFromNow(15, 2));
      await world.icloud.put('clinic', 'inventory.ics', icsEvent('inventory-1', { title: 'Inventory', start: hoursFromNow(8, 5), end: hoursFromNow(9, 5) }));
      await linkAToClinic(world);
      expect((await world.sync()).outcome).toBe('ok');
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id]);
      expect(slotTitlesIn(world, LOCATION_B)).toEqual(['Busy', 'Inventory']);

      const removed = await world.cli(['disconnect', 'platform', '--location-id', TEST_LOCATION, '--remove-copies', '--yes', '--json']);
      expect(removed.code, removed.stderr).toBe(0);
      expect(mirrorIds(world, 'clinic'), 'A\'s copy in its own calendar went').toEqual([]);
      expect(world.icloud.events('clinic').map((e) => e.title), 'the user\'s event stays').toEqual(['Inventory']);
      expect(mirrorIds(world, 'work')).toEqual(['appt-b-1']);
      const next = await world.sync();
      expect(next.outcome, JSON.stringify(next.error)).toBe('ok');
      expect(slotTitlesIn(world, LOCATION_B), 'neither A\'s Busy nor the unfollowed calendar\'s Inventory blocks B').toEqual([]);
      await expectIdle(world);
    });
  }, 180_000);

  it('the chosen calendar turned read-only mid-move: the copy stays, the user is told; made a busy source later: refused, nothing saved', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'], proxy: true }, async (world) => {
      const a1 = await bookedInA(world);
      await linkAToClinic(world);
      world.proxy!.intercepts.push(({ method }) => (method === 'PUT' ? { status: 403, body: 'read-only' } : undefined));
      const refused = await world.sync();
      world.proxy!.intercepts.length = 0;
      expect(refused.outcome).toBe('partial');
      expect(refused.items.find((item) => item.pair === `appt:${a1.id}`)?.error).toContain('may be read-only');
      expect(mirrorIds(world, 'work'), 'the copy stays where it was').toEqual([a1.id]);
      expect(mirrorIds(world, 'clinic')).toEqual([]);

      const busy = await world.cli(['link', '--icloud', world.linkedUrl, '--busy', world.calendarUrl('clinic')]);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain('cannot also be a busy source');
      const state = await world.services.state.read();
      expect(state.links.busySources, 'nothing saved').toEqual([]);
      expect(state.accounts.platforms[TEST_LOCATION]!.icloudCalendar).toBe(world.calendarUrl('clinic'));

      const healed = await world.sync();
      expect(healed.outcome, JSON.stringify(healed.error)).toBe('ok');
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id]);
      expect(mirrorIds(world, 'work')).toEqual([]);
    });
  }, 180_000);

  it('previews in between change nothing: A→X previewed and applied, X→main previewed, then the sync moves A to X as chosen; a 401 between the new copy and the deletion of the old one converges once iCloud accepts again', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'], proxy: true }, async (world) => {
      await connectSecondLocation(world);
      const a1 = await world.platform.book({ title: 'Sales call', start: hoursFromNow(16, 2), end: hoursFromNow(17, 2) });
      await world.icloud.put('clinic', 'inventory.ics', icsEvent('inventory-1', { title: 'Inventory', start: hoursFromNow(8, 5), end: hoursFromNow(9, 5) }));
      expect((await world.sync()).outcome).toBe('ok');
      const stateFile = join(world.dataDir, 'state.json');
      const before = readFileSync(stateFile, 'utf8');
      const there = await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', world.calendarUrl('clinic'), '--dry-run', '--json']);
      expect(there.code, there.stderr).toBe(0);
      expect(readFileSync(stateFile, 'utf8'), 'a preview saves nothing').toBe(before);
      expect(mirrorIds(world, 'clinic')).toEqual([]);
      await linkAToClinic(world);
      const applied = readFileSync(stateFile, 'utf8');
      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', 'default', '--dry-run', '--json'])).code).toBe(0);
      expect(readFileSync(stateFile, 'utf8'), 'a preview back saves nothing either').toBe(applied);

      // The password revoked between the new copy's PUT and the old copy's DELETE.
      world.proxy!.intercepts.push(({ method }) => (method === 'DELETE' ? { status: 401, body: 'revoked' } : undefined));
      const revoked = await world.sync();
      world.proxy!.intercepts.length = 0;
      expect(revoked.outcome).toBe('failed');
      expect(revoked.error?.kind).toBe('auth');
      const healed = await world.sync();
      expect(healed.outcome, JSON.stringify(healed.error)).toBe('ok');
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id]);
      expect(mirrorIds(world, 'work')).toEqual([]);
      expect(slotTitlesIn(world, TEST_LOCATION)).toEqual(['Inventory']);
      expect(slotTitlesIn(world, LOCATION_B)).toEqual(['Busy', 'Inventory']);
      await expectIdle(world);
    });
  }, 180_000);

  it('a marked copy the user imported into another location\'s calendar is not the appointment\'s copy: the booking is not renamed, the file is left alone', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'] }, async (world) => {
      await connectSecondLocation(world);
      const a1 = await world.platform.book({ title: 'Sales call', start: hoursFromNow(16, 2), end: hoursFromNow(17, 2) });
      expect((await world.cli(['link', '--location-id', LOCATION_B, '--icloud', world.calendarUrl('clinic')])).code).toBe(0);
      expect((await world.sync()).outcome).toBe('ok');
      const [copy] = mirrorsIn(world, 'work').get(a1.id)!;
      await world.icloud.put('clinic', 'imported.ics', copy!.ics.replace('SUMMARY:Sales call', 'SUMMARY:Imported'));
      for (const run of [await world.sync(), await world.sync()]) {
        expect(run.outcome, JSON.stringify(run.error)).toBe('ok');
        expect(run.items.filter((item) => item.pair === `appt:${a1.id}`), 'nothing done to A\'s appointment').toEqual([]);
      }
      expect(world.emulator.state.eventsOf(TEST_LOCATION, 'appointment').find((e) => e.id === a1.id)?.title, 'the booking is not renamed').toBe('Sales call');
      expect(mirrorIds(world, 'work')).toEqual([a1.id]);
      expect(world.icloud.events('clinic').map((e) => e.title), 'the user\'s file stays').toEqual(['Imported']);
    });
  }, 180_000);
});
