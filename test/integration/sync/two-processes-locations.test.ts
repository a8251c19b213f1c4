// Two syncs at once on one data directory with two locations (the app's timer and a user's script,
// or two scripts): the data-directory lock makes them one after the other, so each appointment has
// one iCloud copy and one busy-across slot, each iCloud event one slot per location. Against
// Radicale and one emulator with two locations; the second "process" is a second set of services.
import { describe, expect, it } from 'vitest';
import { TEST_LOCATION, hoursFromNow, icsEvent } from '../../support/sync-world';
import { LOCATION_B, bookInB, connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { runCliProcess } from '../../support/run-cli';
import { expectNoDuplicates, inWorld, mirrorOf, skipWithoutRadicale } from './helpers';

describe.skipIf(skipWithoutRadicale)('two syncs at once with two locations', () => {
  it('make every copy once', async () => {
    await inWorld({ seed: twoLocationSeed() }, async (world) => {
      await connectSecondLocation(world);
      for (let round = 0; round < 3; round++) {
        await world.icloud.put('work', `e${round}.ics`, icsEvent(`e-${round}`, { title: `Event ${round}`, start: hoursFromNow(9 + round, 2), end: hoursFromNow(10 + round, 2) }));
        bookInB(world, `appt-b-${round}`, `B consult ${round}`, hoursFromNow(14 + round, 3), hoursFromNow(15 + round, 3));
        await world.platform.book({ title: `A call ${round}`, start: hoursFromNow(9 + round, 4), end: hoursFromNow(10 + round, 4) });
        const [one, two] = await Promise.all([world.reopen().sync.run('cli').report, world.reopen().sync.run('cli').report]);
        expect([one.outcome, two.outcome], JSON.stringify([one.error, two.error])).toEqual(['ok', 'ok']);
      }
      const titles = (location: string) => world.emulator.state.eventsOf(location, 'blocked').map((b) => b.title).sort();
      expect(titles(TEST_LOCATION)).toEqual(['Busy', 'Busy', 'Busy', 'Event 0', 'Event 1', 'Event 2']);
      expect(titles(LOCATION_B)).toEqual(['Busy', 'Busy', 'Busy', 'Event 0', 'Event 1', 'Event 2']);
      for (let round = 0; round < 3; round++) expect(mirrorOf(world, `appt-b-${round}`)?.title).toBe(`B consult ${round}`);
      expectNoDuplicates(world);
      expect(world.icloud.events('work')).toHaveLength(9);
    });
  }, 120_000);

  it('as two CLI processes: both exit 0, every copy once', async () => {
    await inWorld({ seed: twoLocationSeed() }, async (world) => {
      await connectSecondLocation(world);
      await world.icloud.put('work', 'e.ics', icsEvent('e-1', { title: 'Event', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) }));
      bookInB(world, 'appt-b-1', 'B consult', hoursFromNow(14, 3), hoursFromNow(15, 3));
      const env = { ...world.env };
      const [one, two] = await Promise.all([runCliProcess(['sync', '--json'], { env }), runCliProcess(['sync', '--json'], { env })]);
      expect([one.code, two.code], one.stderr + two.stderr).toEqual([0, 0]);
      const titles = (location: string) => world.emulator.state.eventsOf(location, 'blocked').map((b) => b.title).sort();
      expect(titles(TEST_LOCATION)).toEqual(['Busy', 'Event']);
      expect(titles(LOCATION_B)).toEqual(['Event']);
      expect(mirrorOf(world, 'appt-b-1')?.title).toBe('B consult');
      expectNoDuplicates(world);
    });
  }, 120_000);
});
