// A location's own iCloud calendar deleted in iCloud behind the app's back (issue 15), against Radicale
// and two emulator locations: only that location is left out of the cycle — nothing of it planned,
// written or recorded as read, its copies, pairs and blocked slots as they were — while the other
// location and the main calendar sync on; the run fails naming the location, the calendar and the way
// out (exit 1, as any failure that is neither credentials nor a server); the calendar's deletion is
// never its events' deletion. Once another calendar (or the main one) is chosen, the next cycle writes
// its copies there exactly once.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/run-report';
import type { StatusView } from '../../../src/shared/status';
import { TEST_LOCATION, hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { LOCATION_B, bookInB, connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { expectNoDuplicates, inWorld, mirrorIds, skipWithoutRadicale, slotTitles } from './helpers';

const appointmentIds = (world: SyncWorld, location: string) => world.emulator.state.eventsOf(location, 'appointment').map((e) => e.id).sort();
const fix = `icloud-sync link --location-id ${TEST_LOCATION} --icloud default`;

async function cliSync(world: SyncWorld, code: number): Promise<RunReport> {
  const run = await world.cli(['sync', '--json']);
  expect(run.code, run.stderr).toBe(code);
  return run.json<RunReport>();
}

describe.skipIf(skipWithoutRadicale)('a location\'s own iCloud calendar deleted in iCloud', () => {
  it('leaves only that location out, names it and the calendar; the other syncs; another calendar chosen gets its copies once', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic', 'lab'] }, async (world) => {
      await connectSecondLocation(world);
      const a1 = await world.platform.book({ title: 'Sales call', start: hoursFromNow(16, 2), end: hoursFromNow(17, 2) });
      bookInB(world, 'appt-b-1', 'Clinic consult', hoursFromNow(14, 2), hoursFromNow(15, 2));
      await world.icloud.put('clinic', 'inventory.ics', icsEvent('inventory-1', { title: 'Inventory', start: hoursFromNow(8, 5), end: hoursFromNow(9, 5) }));
      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', world.calendarUrl('clinic')])).code).toBe(0);
      expect((await cliSync(world, 0)).outcome).toBe('ok');
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id]);
      expect(mirrorIds(world, 'work')).toEqual(['appt-b-1']);
      const slotsOfA = slotTitles(world, TEST_LOCATION);
      expect(slotsOfA).toEqual(['Busy', 'Inventory']);
      expect(slotTitles(world, LOCATION_B)).toEqual(['Busy', 'Inventory']);
      const before = await world.services.state.read();
      const pairsOfA = Object.fromEntries(Object.entries(before.pairs).filter(([, pair]) => (pair.locationId ?? TEST_LOCATION) === TEST_LOCATION));
      const clinic = world.calendarUrl('clinic');
      const clinicObjects = Object.entries(before.objects).filter(([, object]) => object.calendarUrl === clinic);

      // The user deletes "clinic" in iCloud; meanwhile B gets a booking and the main calendar an event.
      rmSync(join(world.radicale.storageDir, 'collection-root', world.appleId, 'clinic'), { recursive: true, force: true });
      bookInB(world, 'appt-b-2', 'Follow-up', hoursFromNow(20, 3), hoursFromNow(21, 3));
      await world.icloud.put('work', 'gym.ics', icsEvent('gym-1', { title: 'Gym', start: hoursFromNow(7, 4), end: hoursFromNow(8, 4) }));

      for (const cycle of [1, 2]) {
        const run = await cliSync(world, 1);
        expect(run.outcome, `cycle ${cycle}`).toBe('failed');
        expect(run.error?.message, 'the run names the location and the calendar').toContain(`Location Lovelace Studio (${TEST_LOCATION}): The iCloud calendar “clinic” no longer exists in iCloud`);
        expect(run.error?.message, 'and how to fix it').toContain(fix);
        const [a, b] = run.locations!;
        expect([a!.id, a!.outcome, b!.id, b!.outcome]).toEqual([TEST_LOCATION, 'failed', LOCATION_B, 'ok']);
        expect(a!.error?.message).toContain('choose another for Lovelace Studio (Settings → Calendars');
        // B and the main calendar synced: its new booking copied once, the new event blocks B.
        expect(mirrorIds(world, 'work'), `cycle ${cycle}`).toEqual(['appt-b-1', 'appt-b-2']);
        expectNoDuplicates(world, 'work');
        expect(slotTitles(world, LOCATION_B), `cycle ${cycle}`).toEqual(['Busy', 'Gym', 'Inventory']);
        // A left out: nothing of it written (no slot for Gym or for B's new booking), nothing released.
        expect(slotTitles(world, TEST_LOCATION), `cycle ${cycle}`).toEqual(slotsOfA);
        expect(appointmentIds(world, TEST_LOCATION), 'the calendar\'s deletion deletes no appointment').toEqual([a1.id]);
        const state = await world.services.state.read();
        for (const [key, pair] of Object.entries(pairsOfA)) expect(state.pairs[key], `pair ${key}`).toEqual(pair);
        expect(Object.entries(state.objects).filter(([, object]) => object.calendarUrl === clinic), 'nothing recorded as read of it').toEqual(clinicObjects);
        expect(state.cursors[clinic]).toEqual(before.cursors[clinic]);
      }

      // Status names the location, the calendar and the way out; B is fine.
      const status = (await world.cli(['status', '--json'])).json<StatusView>();
      const [statusA, statusB] = status.locations!;
      expect([statusA!.health, statusB!.health]).toEqual(['error', 'ok']);
      expect(statusA!.message).toContain('The iCloud calendar “clinic” no longer exists in iCloud');
      expect(statusA!.message).toContain(fix);

      // Another calendar chosen: A's copy is written there once, and "clinic" (gone, no longer chosen) is released.
      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', world.calendarUrl('lab')])).code).toBe(0);
      const healed = await cliSync(world, 0);
      expect(healed.outcome, JSON.stringify(healed.error)).toBe('ok');
      expect(mirrorIds(world, 'lab')).toEqual([a1.id]);
      expect(mirrorIds(world, 'work')).toEqual(['appt-b-1', 'appt-b-2']);
      expectNoDuplicates(world, 'lab');
      expect(appointmentIds(world, TEST_LOCATION)).toEqual([a1.id]);
      expect(slotTitles(world, TEST_LOCATION), 'the Gym and B\'s bookings now block A').toEqual(['Busy', 'Busy', 'Gym']);
      expect(slotTitles(world, LOCATION_B)).toEqual(['Busy', 'Gym']);
      const idle = await cliSync(world, 0);
      expect(idle.counts.icloud).toEqual({ created: 0, updated: 0, deleted: 0 });
      expect(idle.counts.platform).toEqual({ created: 0, updated: 0, deleted: 0 });
      expect(mirrorIds(world, 'lab')).toEqual([a1.id]);
    });
  }, 180_000);

  it('sent back to the main calendar after its own was deleted: its copies are written there once, nothing else changes', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'] }, async (world) => {
      await connectSecondLocation(world);
      const a1 = await world.platform.book({ title: 'Sales call', start: hoursFromNow(16, 2), end: hoursFromNow(17, 2) });
      const a2 = await world.platform.book({ title: 'Review', start: hoursFromNow(10, 3), end: hoursFromNow(11, 3) });
      bookInB(world, 'appt-b-1', 'Clinic consult', hoursFromNow(14, 2), hoursFromNow(15, 2));
      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', world.calendarUrl('clinic')])).code).toBe(0);
      expect((await cliSync(world, 0)).outcome).toBe('ok');
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id, a2.id].sort());
      rmSync(join(world.radicale.storageDir, 'collection-root', world.appleId, 'clinic'), { recursive: true, force: true });
      expect((await cliSync(world, 1)).locations?.map((l) => l.outcome)).toEqual(['failed', 'ok']);

      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', 'default'])).code).toBe(0);
      const back = await cliSync(world, 0);
      expect(back.outcome, JSON.stringify(back.error)).toBe('ok');
      expect(mirrorIds(world, 'work')).toEqual([a1.id, a2.id, 'appt-b-1'].sort());
      expectNoDuplicates(world, 'work');
      expect(appointmentIds(world, TEST_LOCATION), 'no appointment cancelled or deleted').toEqual([a1.id, a2.id].sort());
      expect(world.emulator.state.eventsOf(TEST_LOCATION, 'appointment').map((e) => e.appointmentStatus)).toEqual(['confirmed', 'confirmed']);
      const idle = await cliSync(world, 0);
      expect(idle.counts.icloud).toEqual({ created: 0, updated: 0, deleted: 0 });
      expect(idle.counts.platform).toEqual({ created: 0, updated: 0, deleted: 0 });
      expect(mirrorIds(world, 'work')).toEqual([a1.id, a2.id, 'appt-b-1'].sort());
    });
  }, 180_000);
});
