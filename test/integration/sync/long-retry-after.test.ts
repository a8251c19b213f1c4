// A 429 whose Retry-After is long (over the 30 s a cycle may wait for one answer) on one location:
// the limiter paused that location for the whole Retry-After and the transport waited it out up to
// five times, so one throttled location held the whole cycle — the other locations' writes, the
// history, the exit — for minutes. It now fails that location as throttled at once; the others
// sync, the run and Status name it, and the CLI's exit code is 4 (cli.md). Against Radicale and one
// emulator with two locations, B's answers replaced by 429s (the emulator sends no Retry-After).
import { describe, expect, it } from 'vitest';
import { exitForReport } from '../../../src/main/cli/commands/sync';
import { TEST_LOCATION, hoursFromNow, icsEvent } from '../../support/sync-world';
import { LOCATION_B, TOKEN_B, connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { expectNoDuplicates, inWorld, skipWithoutRadicale } from './helpers';

/** A fetch whose answers to location B's token are 429 with this Retry-After, while `storm.on`. */
function stormOnB(retryAfter: string) {
  const storm = { on: false, refused: 0 };
  const fetcher: typeof fetch = async (input, init) => {
    const auth = new Headers(init?.headers).get('authorization');
    if (storm.on && auth === `Bearer ${TOKEN_B}`) {
      storm.refused += 1;
      return new Response(JSON.stringify({ statusCode: 429, message: 'Too many requests' }), { status: 429, headers: { 'Retry-After': retryAfter, 'Content-Type': 'application/json' } });
    }
    return fetch(input, init);
  };
  return { storm, fetcher };
}

describe.skipIf(skipWithoutRadicale)('a long Retry-After on one location', () => {
  for (const retryAfter of ['120', new Date(Date.now() + 3_600_000).toUTCString()]) {
    it(`fails that location as throttled at once; the other syncs (Retry-After: ${retryAfter.length > 5 ? 'an HTTP date an hour ahead' : `${retryAfter} s`})`, async () => {
      await inWorld({ seed: twoLocationSeed() }, async (world) => {
        await connectSecondLocation(world);
        const { storm, fetcher } = stormOnB(retryAfter);
        const services = world.reopen({ fetch: fetcher });
        expect((await services.sync.run('cli').report).outcome).toBe('ok');
        storm.on = true;
        await world.icloud.put('work', 'gym.ics', icsEvent('gym-1', { title: 'Gym', start: hoursFromNow(7, 5), end: hoursFromNow(8, 5) }));
        const started = Date.now();
        const report = await services.sync.run('cli').report;
        expect(Date.now() - started, 'the cycle did not wait the Retry-After out').toBeLessThan(25_000);
        expect(storm.refused).toBeGreaterThan(0);
        expect(report.locations?.map((l) => [l.id, l.outcome, l.error?.kind])).toEqual([[TEST_LOCATION, 'ok', undefined], [LOCATION_B, 'failed', 'throttled']]);
        expect(report.error).toMatchObject({ kind: 'throttled', side: 'platform' });
        expect(exitForReport(report)).toBe(4);
        expect(world.emulator.state.eventsOf(TEST_LOCATION, 'blocked').map((b) => b.title)).toEqual(['Gym']);
        const status = await services.status();
        expect(status.locations?.map((l) => [l.locationId, l.health])).toEqual([[TEST_LOCATION, 'ok'], [LOCATION_B, 'error']]);
        // The next cycle, still inside B's Retry-After, does not wait for it either (the limiter's pause).
        const again = Date.now();
        const next = await services.sync.run('cli').report;
        expect(Date.now() - again).toBeLessThan(25_000);
        expect(next.locations?.find((l) => l.id === LOCATION_B)?.outcome).toBe('failed');
        // The storm over (and its pause forgotten as it would be by then), B catches up, no duplicate.
        storm.on = false;
        const after = await world.reopen().sync.run('cli').report;
        expect(after.outcome, JSON.stringify(after.error)).toBe('ok');
        expect(world.emulator.state.eventsOf(LOCATION_B, 'blocked').map((b) => b.title)).toEqual(['Gym']);
        expectNoDuplicates(world);
      });
    }, 120_000);
  }

  // Both locations failing at once, each its own way: a 429 storm (short Retry-After, every try
  // refused) on A, B's token revoked. Each is named with its own error; the exit code is the one
  // that needs the user (3: reconnect B), not "try later" (4), which a script would retry forever.
  it('a 429 storm on one location while the other\'s token is revoked: each named, exit 3, nothing lost', async () => {
    await inWorld({ seed: twoLocationSeed() }, async (world) => {
      await connectSecondLocation(world);
      const storm = { on: false, refused: 0 };
      const fetcher: typeof fetch = async (input, init) => {
        if (storm.on && new Headers(init?.headers).get('authorization') === `Bearer ${world.token}`) {
          storm.refused += 1;
          return new Response('{"statusCode":429}', { status: 429, headers: { 'Retry-After': '0' } });
        }
        return fetch(input, init);
      };
      const services = world.reopen({ fetch: fetcher });
      expect((await services.sync.run('cli').report).outcome).toBe('ok');
      storm.on = true;
      world.emulator.state.revokeToken(TOKEN_B);
      await world.icloud.put('work', 'gym.ics', icsEvent('gym-1', { title: 'Gym', start: hoursFromNow(7, 5), end: hoursFromNow(8, 5) }));
      const report = await services.sync.run('cli').report;
      expect(storm.refused).toBeGreaterThan(1);
      expect(report.locations?.map((l) => [l.id, l.outcome, l.error?.kind])).toEqual([[TEST_LOCATION, 'failed', 'throttled'], [LOCATION_B, 'failed', 'auth']]);
      expect(exitForReport(report)).toBe(3);
      expect(report.error?.message).toContain(LOCATION_B);
      const status = await services.status();
      expect(status.locations?.map((l) => [l.locationId, l.health])).toEqual([[TEST_LOCATION, 'error'], [LOCATION_B, 'error']]);
      // Storm over, B reconnected: both catch up, one slot each, no duplicate.
      storm.on = false;
      world.emulator.state.addToken(LOCATION_B, TOKEN_B);
      const after = await services.sync.run('cli').report;
      expect(after.outcome, JSON.stringify(after.error)).toBe('ok');
      expect(world.emulator.state.eventsOf(TEST_LOCATION, 'blocked').map((b) => b.title)).toEqual(['Gym']);
      expect(world.emulator.state.eventsOf(LOCATION_B, 'blocked').map((b) => b.title)).toEqual(['Gym']);
      expectNoDuplicates(world);
    });
  }, 120_000);
});
