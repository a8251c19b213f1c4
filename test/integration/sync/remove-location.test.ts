// Settings → a location's Remove… with its copies, through the window's own handler, when the
// platform fails to delete one of them (a server error): the removal stops before disconnecting,
// says so in words (no endpoint, no bare HTTP code), and the location stays connected, so Remove…
// again finishes. (A copy edited since, refused on its own, is named: test/e2e/locations.test.ts.)
import { describe, expect, it } from 'vitest';
import { TEST_LOCATION, hoursFromNow, icsEvent } from '../../support/sync-world';
import { LOCATION_B, connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { inWorld, skipWithoutRadicale } from './helpers';

describe.skipIf(skipWithoutRadicale)('removing a location whose copy the platform fails to delete', () => {
  it('says what happened in words and leaves the location connected; again, it finishes', async () => {
    await inWorld({ seed: twoLocationSeed() }, async (world) => {
      await connectSecondLocation(world);
      await world.icloud.put('work', 'dentist.ics', icsEvent('dentist-1', { title: 'Dentist', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) }));
      expect((await world.sync()).outcome).toBe('ok');
      expect(world.emulator.state.eventsOf(LOCATION_B, 'blocked').map((slot) => slot.title)).toEqual(['Dentist']);
      const remove = world.services.handlers['locations.remove'];

      world.emulator.faults.enqueue(...Array.from({ length: 8 }, () => ({ kind: 'status' as const, status: 500 })));
      await expect(remove({ locationId: LOCATION_B, removeCopies: true })).rejects.toThrow(/^Not every copy was deleted: the platform had a server problem or could not be reached just now\.$/);
      world.emulator.faults.clear();
      expect(Object.keys((await world.services.state.read()).accounts.platforms).sort(), 'still connected').toEqual([TEST_LOCATION, LOCATION_B].sort());
      expect(world.emulator.state.eventsOf(LOCATION_B, 'blocked')).toHaveLength(1);

      await remove({ locationId: LOCATION_B, removeCopies: true });
      expect(world.emulator.state.eventsOf(LOCATION_B, 'blocked')).toEqual([]);
      expect(world.emulator.state.eventsOf(TEST_LOCATION, 'blocked').map((slot) => slot.title), 'the other location keeps its slot').toEqual(['Dentist']);
      expect(Object.keys((await world.services.state.read()).accounts.platforms)).toEqual([TEST_LOCATION]);
    });
  }, 90_000);
});
