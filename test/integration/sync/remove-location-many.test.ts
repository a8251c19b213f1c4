// Removing a location that made many "Busy" slots in the other (issue 15, hostile): 60 bookings of
// B block 60 hours in A. `disconnect platform --location-id B` says the next sync deletes them; that
// sync deletes all 60 past no guard (the removal decided them), leaves A's own slots and every iCloud
// copy, and the sync after it has nothing to do. Against Radicale + the emulator, through the CLI.
import { describe, expect, it } from 'vitest';
import { TEST_LOCATION, hoursFromNow, icsEvent } from '../../support/sync-world';
import { LOCATION_B, bookInB, connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { expectNoDuplicates, inWorld, skipWithoutRadicale } from './helpers';

const COUNT = 60;

describe.skipIf(skipWithoutRadicale)('removing a location with many busy-across slots', () => {
  it('the next sync deletes every one of them past the guard, and nothing else', async () => {
    await inWorld({ seed: twoLocationSeed() }, async (world) => {
      await connectSecondLocation(world);
      for (let i = 0; i < COUNT; i++) bookInB(world, `appt-b-${i}`, `B ${i}`, hoursFromNow(8 + (i % 8), 1 + Math.floor(i / 8)), hoursFromNow(9 + (i % 8), 1 + Math.floor(i / 8)));
      for (let i = 0; i < 3; i++) await world.icloud.put('work', `own-${i}.ics`, icsEvent(`own-${i}`, { title: `Own ${i}`, start: hoursFromNow(18, 2 + i), end: hoursFromNow(19, 2 + i) }));
      const first = await world.cli(['sync', '--json']);
      expect(first.code, first.stdout.slice(0, 400)).toBe(0);
      const busy = () => world.emulator.state.eventsOf(TEST_LOCATION, 'blocked').filter((b) => b.title === 'Busy');
      expect(busy()).toHaveLength(COUNT);
      const mirrorsBefore = world.icloud.events('work').length;

      const removed = await world.cli(['disconnect', 'platform', '--location-id', LOCATION_B]);
      expect(removed.code, removed.stderr).toBe(0);
      expect(removed.stdout).toMatch(new RegExp(`The next sync deletes ${COUNT} blocked slots`));
      const next = await world.cli(['sync', '--json']);
      expect(next.code, next.stdout.slice(0, 600)).toBe(0);
      expect(busy(), 'every busy-across slot of B deleted').toEqual([]);
      expect(world.emulator.state.eventsOf(TEST_LOCATION, 'blocked').map((b) => b.title).sort()).toEqual(['Own 0', 'Own 1', 'Own 2']);
      expect(world.icloud.events('work')).toHaveLength(mirrorsBefore);
      expectNoDuplicates(world);
      expect((await world.cli(['sync', '--json'])).json<{ counts: { platform: Record<string, number> } }>().counts.platform).toEqual({ created: 0, updated: 0, deleted: 0 });
    });
  }, 120_000);
});
