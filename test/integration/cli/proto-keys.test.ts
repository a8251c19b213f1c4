// `constructor`, `__proto__` and `toString` as a location id, a filter's source or an item id: each
// is a name like any other. A plain-object lookup (`record[id]`) hit Object.prototype instead:
// `set filters.constructor.skipTitles` said it saved and saved nothing, `get` printed {},
// `calendars --location-id constructor` failed with "Invalid URL", `disconnect platform
// --location-id constructor` said "disconnected" for a location never connected, and `follow
// constructor` ran as if it had been unfollowed. Through the CLI against Radicale + the emulator.
import { describe, expect, it } from 'vitest';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { inWorld, skipWithoutRadicale } from '../sync/helpers';

describe.skipIf(skipWithoutRadicale)('names that are Object.prototype keys', () => {
  it('are filters like any other, or refused clearly; never a location or an item that is not there', async () => {
    await inWorld({}, async (world) => {
      await world.icloud.put('work', 'gym.ics', icsEvent('gym-1', { title: 'Gym', start: hoursFromNow(14, 2), end: hoursFromNow(15, 2) }));
      expect((await world.cli(['sync', '--json'])).code).toBe(0);
      for (const name of ['constructor', 'toString']) {
        const none = await world.cli(['get', `filters.${name}.skipTitles`, '--json']);
        expect(none.json(), name).toEqual({ [`filters.${name}.skipTitles`]: [] });
        expect((await world.cli(['set', `filters.${name}.skipTitles`, '["gym"]'])).code).toBe(0);
        expect((await world.cli(['get', `filters.${name}.skipTitles`, '--json'])).json(), name).toEqual({ [`filters.${name}.skipTitles`]: ['gym'] });
        expect((await world.cli(['get', '--json'])).json<{ filters: object }>().filters, name).toHaveProperty(name);
      }
      const proto = await world.cli(['set', 'filters.__proto__.skipTitles', '["gym"]']);
      expect(proto.code).toBe(2);
      expect(proto.stderr).toMatch(/"__proto__" is not a source/);
      for (const name of ['constructor', 'toString', '__proto__']) {
        for (const args of [['status', '--location-id', name], ['calendars', '--location-id', name], ['disconnect', 'platform', '--location-id', name]]) {
          const run = await world.cli([...args, '--json']);
          expect(run.code, args.join(' ')).toBe(2);
          expect(run.stderr, args.join(' ')).toContain(`Location ${name} is not connected`);
        }
        const follow = await world.cli(['follow', name, '--json']);
        expect(follow.code, `follow ${name}`).toBe(2);
        expect(follow.stderr).toMatch(/is not in the list of events the app stopped following/);
      }
      // The location is still connected and its slot still there.
      expect((await world.cli(['status', '--json'])).json<{ platform: { locationId: string } }>().platform.locationId).toBe(world.locationId);
      expect(world.platform.blocks().map((b) => b.title)).toEqual(['Gym']);
    });
  });
});
