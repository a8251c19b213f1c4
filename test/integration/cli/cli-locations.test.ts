// cli.md's several-locations contract (issue 15), in-process against Radicale and an emulator with
// two locations: `connect platform` adds a location, `status` and `calendars` show every location
// (`--location-id` narrows), `disconnect platform` without --location-id refuses to guess (exit 2,
// naming them) and with it removes that one only; ICLOUD_SYNC_PLATFORM_TOKENS that is not JSON is
// bad input (exit 2) and its value is never repeated.
import { describe, expect, it } from 'vitest';
import type { CalendarEntry } from '../../../src/shared/calendars';
import type { StatusView } from '../../../src/shared/status';
import { TEST_LOCATION, TEST_TOKEN, TEST_USER, hoursFromNow, icsEvent } from '../../support/sync-world';
import { CALENDAR_B, LOCATION_B, TOKEN_B, twoLocationSeed } from '../../support/two-locations';
import { inWorld, skipWithoutRadicale } from '../sync/helpers';

describe.skipIf(skipWithoutRadicale)('icloud-sync with several locations', () => {
  it('connect adds a location; status, calendars and link take every location; disconnect needs --location-id', async () => {
    await inWorld({ seed: twoLocationSeed() }, async (world) => {
      world.env.ICLOUD_SYNC_PLATFORM_TOKENS = JSON.stringify({ [TEST_LOCATION]: TEST_TOKEN, [LOCATION_B]: TOKEN_B });
      const connect = await world.cli(['connect', 'platform', '--location-id', LOCATION_B, '--user-id', TEST_USER, '--api-url', world.emulator.url, '--json']);
      expect(connect.code, connect.stderr).toBe(0);
      expect(connect.json()).toMatchObject({ connected: 'platform', locationId: LOCATION_B, locationName: 'Hopper Clinic' });

      const status = await world.cli(['status', '--json']);
      const view = status.json<StatusView>();
      expect(view.locations?.map((l) => [l.locationId, l.locationName])).toEqual([[TEST_LOCATION, 'Lovelace Studio'], [LOCATION_B, 'Hopper Clinic']]);
      expect(view.locations?.[1]?.calendars.map((c) => c.id), 'a location added beside another syncs its defaults').toEqual([CALENDAR_B]);
      const text = (await world.cli(['status'])).stdout;
      expect(text).toContain(`Lovelace Studio (${TEST_LOCATION})`);
      expect(text).toContain(`Hopper Clinic (${LOCATION_B})`);
      const narrowed = (await world.cli(['status', '--location-id', LOCATION_B, '--json'])).json<StatusView>();
      expect(narrowed.platform.locationId).toBe(LOCATION_B);
      expect(narrowed.locations?.map((l) => l.locationId)).toEqual([LOCATION_B]);

      // doctor checks every location, each line naming its own.
      const doctor = (await world.cli(['doctor', '--json'])).json<{ checks: { name: string; status: string }[] }>();
      const ofB = doctor.checks.filter((check) => check.name.endsWith(`(${LOCATION_B})`));
      expect(ofB.map((check) => check.name)).toContain(`platform scope: calendars.readonly (${LOCATION_B})`);
      expect(ofB.filter((check) => check.status === 'fail')).toEqual([]);
      expect(doctor.checks.some((check) => check.name.endsWith(`(${TEST_LOCATION})`))).toBe(true);

      const calendars = (await world.cli(['calendars', '--location-id', LOCATION_B, '--json'])).json<CalendarEntry[]>();
      expect(calendars.filter((c) => c.side === 'platform').map((c) => [c.id, c.locationId])).toEqual([[CALENDAR_B, LOCATION_B]]);
      const all = (await world.cli(['calendars', '--json'])).json<CalendarEntry[]>();
      expect(new Set(all.filter((c) => c.side === 'platform').map((c) => c.locationId))).toEqual(new Set([TEST_LOCATION, LOCATION_B]));

      // link: each given id goes to the location it is in; a location none is in keeps its defaults.
      const link = await world.cli(['link', '--icloud', world.linkedUrl, '--platform-calendar', 'cal-coll', '--json']);
      expect(link.code, link.stderr).toBe(0);
      const accounts = (await world.services.state.read()).accounts.platforms;
      expect(accounts[TEST_LOCATION]!.calendars).toEqual(['cal-coll']);
      expect(accounts[LOCATION_B]!.calendars).toEqual([CALENDAR_B]);
      const unknown = await world.cli(['link', '--icloud', world.linkedUrl, '--platform-calendar', 'cal-nowhere']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('any connected location');

      const guess = await world.cli(['disconnect', 'platform']);
      expect(guess.code).toBe(2);
      expect(guess.stderr).toContain(TEST_LOCATION);
      expect(guess.stderr).toContain(LOCATION_B);
      expect(Object.keys((await world.services.state.read()).accounts.platforms).sort(), 'nothing changed').toEqual([TEST_LOCATION, LOCATION_B].sort());

      // --remove-copies with --location-id: that location's copies go, the other's stay.
      await world.icloud.put('work', 'dentist.ics', icsEvent('dentist-1', { title: 'Dentist', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) }));
      expect((await world.cli(['sync'])).code).toBe(0);
      expect(world.emulator.state.eventsOf(LOCATION_B, 'blocked')).toHaveLength(1);
      const one = await world.cli(['disconnect', 'platform', '--location-id', LOCATION_B, '--remove-copies', '--yes', '--json']);
      expect(one.code, one.stderr).toBe(0);
      expect(one.json<{ report: { counts: { platform: { deleted: number } } } }>().report.counts.platform.deleted).toBe(1);
      expect(world.emulator.state.eventsOf(LOCATION_B, 'blocked')).toEqual([]);
      expect(world.emulator.state.eventsOf(TEST_LOCATION, 'blocked').map((b) => b.title)).toEqual(['Dentist']);
      expect(Object.keys((await world.services.state.read()).accounts.platforms)).toEqual([TEST_LOCATION]);
    });
  }, 90_000);

  it('ICLOUD_SYNC_PLATFORM_TOKENS that is not a JSON object of tokens is bad input (exit 2), its value never echoed', async () => {
    await inWorld({ seed: twoLocationSeed() }, async (world) => {
      for (const bad of ['pit-secret-value-123', '{"loc":"pit-secret-value-123"', '["pit-secret-value-123"]']) {
        world.env.ICLOUD_SYNC_PLATFORM_TOKENS = bad;
        const result = await world.cli(['status', '--json']);
        expect(result.code, bad).toBe(2);
        expect(result.stderr).toContain('ICLOUD_SYNC_PLATFORM_TOKENS');
        expect(result.stdout + result.stderr).not.toContain('pit-secret-value-123');
      }
    });
  }, 60_000);
});
