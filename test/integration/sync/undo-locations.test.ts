// Undo with several platform locations (issue 13 item 2 × issue 15), against Radicale + one
// emulator with two locations: each recorded slot is reversed in the location it was made in or
// deleted from — never in the first location because the record's pair is gone.
import { describe, expect, it } from 'vitest';
import { TEST_LOCATION } from '../../support/emulator/default-seed';
import { hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { LOCATION_B, connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { inWorld, skipWithoutRadicale } from './helpers';

const slots = (world: SyncWorld, location: string) => world.emulator.state.eventsOf(location, 'blocked').map((b) => `${b.title}|${new Date(b.startMs).toISOString()}`).sort();

describe.skipIf(skipWithoutRadicale)('undo with two locations', () => {
  it('a run that made slots in both is undone in both; a run that deleted them in both recreates each in its own', async () => {
    await inWorld({ seed: twoLocationSeed() }, async (world) => {
      await connectSecondLocation(world);
      await world.sync();
      await world.icloud.put('work', 'dentist.ics', icsEvent('dentist-1', { title: 'Dentist', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) }));
      const made = await world.sync();
      expect(made.counts.platform.created).toBe(2);
      const dentist = [`Dentist|${hoursFromNow(9, 2)}`];
      expect([slots(world, TEST_LOCATION), slots(world, LOCATION_B)]).toEqual([dentist, dentist]);

      const undoMade = await world.services.sync.undo(made.id);
      expect(undoMade.counts.skipped, JSON.stringify(undoMade.items)).toBe(0);
      expect(undoMade.counts.platform.deleted).toBe(2);
      expect([slots(world, TEST_LOCATION), slots(world, LOCATION_B)]).toEqual([[], []]);

      // Followed again and synced: the slots are back in both; then the event goes and so do they.
      for (const item of await world.services.unfollowed()) await world.services.sync.follow(item.key, 'cli');
      await world.sync();
      expect([slots(world, TEST_LOCATION), slots(world, LOCATION_B)]).toEqual([dentist, dentist]);
      await world.icloud.remove('work', 'dentist.ics');
      const deleted = await world.sync();
      expect(deleted.counts.platform.deleted, JSON.stringify(deleted.items)).toBe(2);

      const undoDeleted = await world.services.sync.undo(deleted.id);
      expect(undoDeleted.counts.platform.created, JSON.stringify(undoDeleted.items)).toBe(2);
      expect([slots(world, TEST_LOCATION), slots(world, LOCATION_B)]).toEqual([dentist, dentist]);
    });
  });
});
