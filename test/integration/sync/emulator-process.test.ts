// The sync world with the emulator out of process (emulatorProcess, what bench:sync's multi-location
// figure uses): one child process per location, each serving its own location only, and the cycle
// syncs through both as through one emulator — slots in each, 2 requests per location when idle —
// and the world's stop ends the children.
import { describe, expect, it } from 'vitest';
import { TEST_LOCATION, TEST_TOKEN, hoursFromNow, icsEvent, startSyncWorld } from '../../support/sync-world';
import { LOCATION_B, TOKEN_B, connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { skipWithoutRadicale } from './helpers';

const blockedSlots = async (url: string, locationId: string, token: string, userId: string) => {
  const query = new URLSearchParams({ locationId, userId, startTime: String(Date.now() - 86_400_000), endTime: String(Date.now() + 30 * 86_400_000) });
  const response = await fetch(`${url}/calendars/blocked-slots?${query}`, { headers: { Authorization: `Bearer ${token}`, Version: '2021-04-15' } });
  return { status: response.status, body: (await response.json()) as { events?: Array<{ title: string }> } };
};

describe.skipIf(skipWithoutRadicale)('the emulator in child processes', () => {
  it('each location is served by its own process; a cycle makes a slot in each, an idle one sends 2 requests per location; stop ends them', async () => {
    const world = await startSyncWorld({ seed: twoLocationSeed(), emulatorProcess: true });
    const [urlA, urlB] = [world.platformUrl(TEST_LOCATION), world.platformUrl(LOCATION_B)];
    try {
      expect(urlA).not.toBe(urlB);
      expect(() => world.emulator.state).toThrow(/child process/);
      await connectSecondLocation(world);
      await world.icloud.put('work', 'dentist.ics', icsEvent('dentist-1', { title: 'Dentist', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) }));

      const first = await world.sync();
      expect(first.outcome, JSON.stringify(first.error)).toBe('ok');
      expect(first.counts.platform.created).toBe(2);
      for (const [url, location, token] of [[urlA, TEST_LOCATION, TEST_TOKEN], [urlB, LOCATION_B, TOKEN_B]]) {
        const listed = await blockedSlots(url, location, token, world.userId);
        expect(listed.status, location).toBe(200);
        expect(listed.body.events?.map((event) => event.title), location).toEqual(['Dentist']);
      }
      // A process serves its own location only, as each location is its own on the platform.
      expect((await blockedSlots(urlA, LOCATION_B, TOKEN_B, world.userId)).status).not.toBe(200);

      const idle = await world.sync();
      expect(idle.outcome).toBe('ok');
      expect(idle.locations?.map((location) => [location.id, location.requests])).toEqual([[TEST_LOCATION, 2], [LOCATION_B, 2]]);
    } finally {
      await world.stop();
    }
    await expect(fetch(urlA)).rejects.toThrow();
    await expect(fetch(urlB)).rejects.toThrow();
  }, 60_000);
});
