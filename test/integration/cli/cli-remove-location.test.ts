// Removing a location whose appointments blocked time in another (issue 15, Settings → Remove… and
// `disconnect platform --location-id`): the "Busy" slots they made there are the app's own and go on
// the next sync, which the removal says before it happens. That sync is not stopped by the deletion
// guard (more than 10 deletions over 20 %): the user decided them by removing the location, and each
// deletion says why. The guard still counts every other deletion of that cycle.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/run-report';
import { TEST_LOCATION, hoursFromNow, icsEvent } from '../../support/sync-world';
import { LOCATION_B, bookInB, connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { inWorld, skipWithoutRadicale } from '../sync/helpers';

const appointments = 15;

/** Fifteen appointments in B (location A gets one "Busy" slot for each) and `events` iCloud events. */
function seedOptions(events: number) {
  const files = Object.fromEntries(Array.from({ length: events }, (_, i) => [`e${i}.ics`, icsEvent(`e${i}`, { title: `Event ${i}`, start: hoursFromNow(8, 3 + i), end: hoursFromNow(9, 3 + i) })]));
  return { seed: twoLocationSeed(), radicaleSeed: [{ user: 'alice@example.com', name: 'work', displayName: 'work', events: files }] };
}

describe.skipIf(skipWithoutRadicale)('removing a location with many slots blocking its appointments elsewhere', () => {
  it('the removal says the slots go; the next sync deletes them without stopping at the deletion guard, each saying why', async () => {
    await inWorld(seedOptions(1), async (world) => {
      await connectSecondLocation(world);
      for (let i = 0; i < appointments; i++) bookInB(world, `appt-b-${i}`, `Consult ${i}`, hoursFromNow(10, 3 + i), hoursFromNow(11, 3 + i));
      const first = await world.cli(['sync', '--json']);
      expect(first.code, first.stderr).toBe(0);
      const busyInA = () => world.emulator.state.eventsOf(TEST_LOCATION, 'blocked').filter((slot) => slot.title === 'Busy');
      expect(busyInA()).toHaveLength(appointments);

      const removal = await world.cli(['disconnect', 'platform', '--location-id', LOCATION_B]);
      expect(removal.code, removal.stderr).toBe(0);
      expect(removal.stdout).toContain(`The next sync deletes ${appointments} blocked slots in Lovelace Studio that this app made for its appointments.`);
      expect(busyInA(), 'nothing is deleted before the sync').toHaveLength(appointments);

      // All 15 of the 16 pairs left would stop an unrelated mass deletion; these were decided by the removal.
      const next = await world.cli(['sync', '--json']);
      expect(next.code, next.stdout).toBe(0);
      const report = next.json<RunReport>();
      expect(report.guard).toBeUndefined();
      expect(report.counts.platform.deleted).toBe(appointments);
      const deletions = report.items.filter((item) => item.op === 'delete');
      expect(deletions).toHaveLength(appointments);
      for (const item of deletions) expect(item.reason).toBe('it blocked an appointment of a location you removed, so it no longer blocks time here');
      expect(busyInA()).toEqual([]);
      expect(world.emulator.state.eventsOf(TEST_LOCATION, 'blocked').map((slot) => slot.title), 'the iCloud event still blocks A').toEqual(['Event 0']);
      expect(world.emulator.state.eventsOf(LOCATION_B, 'appointment'), 'the appointments in B are untouched').toHaveLength(appointments);
      expect((await world.cli(['sync', '--json'])).json<RunReport>().counts.platform.created, 'and nothing is made again').toBe(0);
    });
  }, 120_000);

  it('the guard still counts the other deletions of that cycle: 12 deleted iCloud events stop it, naming only them', async () => {
    await inWorld(seedOptions(12), async (world) => {
      await connectSecondLocation(world);
      for (let i = 0; i < appointments; i++) bookInB(world, `appt-b-${i}`, `Consult ${i}`, hoursFromNow(10, 3 + i), hoursFromNow(11, 3 + i));
      expect((await world.cli(['sync'])).code).toBe(0);
      expect((await world.cli(['disconnect', 'platform', '--location-id', LOCATION_B])).code).toBe(0);
      for (let i = 0; i < 12; i++) await world.icloud.remove('work', `e${i}.ics`);

      const stopped = await world.cli(['sync', '--json']);
      expect(stopped.code).toBe(5);
      const guard = stopped.json<RunReport>().guard!;
      expect(guard.kind).toBe('deletions');
      expect(guard.items.map((item) => item.title).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `Event ${i}`).sort());
      expect(world.emulator.state.eventsOf(TEST_LOCATION, 'blocked'), 'nothing changed').toHaveLength(12 + appointments);

      const allowed = await world.cli(['sync', '--allow-deletions', '--json']);
      expect(allowed.code, allowed.stdout).toBe(0);
      expect(allowed.json<RunReport>().counts.platform.deleted).toBe(12 + appointments);
      expect(world.emulator.state.eventsOf(TEST_LOCATION, 'blocked')).toEqual([]);
    });
  }, 120_000);
});
