// S15 end to end, against Radicale and the emulator: the location's time zone is read from the
// platform (GET /locations/{id}) and all-day events block whole days there, while this process —
// "the Mac" — runs in UTC. A token without locations.readonly still connects, falls back to the
// Mac's zone and says so in Status, in `status` and in the run report; once the scope is added, the
// blocks already placed move to the location's day.
process.env.TZ = 'UTC';

import { describe, expect, it } from 'vitest';
import type { StatusView } from '../../../src/shared/status';
import { defaultSeed, type Seed } from '../../support/emulator';
import { TEST_TOKEN } from '../../support/emulator/default-seed';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { midnightInZone } from '../../../src/main/sync/zoned-midnight';
import { blocksTitled, inWorld, skipWithoutRadicale, totalWrites } from './helpers';
import { firstPlatform } from '../../../src/main/store/locations';

const NEW_YORK = 'America/New_York';
const DAY_MS = 86_400_000;

/** The calendar date `days` from today (UTC), as YYYY-MM-DD and as ICS basic date. */
function day(days: number): { iso: string; ics: string } {
  const d = new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
  return { iso: d, ics: d.replace(/-/g, '') };
}

/** "YYYY-MM-DD HH:MM" of an instant in a zone. */
function inZone(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

function allDayEvent(uid: string, title: string, first: number, afterLast: number): string {
  return icsEvent(uid, { title, start: '2000-01-01T00:00:00Z', lines: [] })
    .replace(/DTSTART:[^\r]+/, `DTSTART;VALUE=DATE:${day(first).ics}\r\nDTEND;VALUE=DATE:${day(afterLast).ics}`);
}

/** A floating (no TZID, no Z) event at 10:00–11:00 local time `days` from today. */
function floatingEvent(uid: string, title: string, days: number): string {
  return icsEvent(uid, { title, start: '2000-01-01T00:00:00Z', lines: [] })
    .replace(/DTSTART:[^\r]+/, `DTSTART:${day(days).ics}T100000\r\nDTEND:${day(days).ics}T110000`);
}

function seedWithoutLocationScope(): Seed {
  const seed = defaultSeed({ rateLimit: { max: 100_000, intervalMs: 10_000, daily: 10_000_000 } });
  seed.locations[0].withheldScopes = { [TEST_TOKEN]: ['locations.readonly'] };
  return seed;
}

describe.skipIf(skipWithoutRadicale)('S15: the location\'s time zone (GET /locations/{id})', () => {
  it('with the location in New York and the Mac on UTC, an all-day event blocks exactly the location\'s day; floating times stay the Mac\'s', async () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('UTC');
    await inWorld({}, async (world) => {
      const account = firstPlatform(await world.services.state.read())!;
      expect(account).toMatchObject({ locationName: 'Lovelace Studio', locationTimezone: NEW_YORK });
      expect(account.locationProblem).toBeUndefined();

      await world.icloud.put('work', 'off.ics', allDayEvent('off', 'Day off', 2, 3));
      await world.icloud.put('work', 'trip.ics', allDayEvent('trip', 'Trip', 5, 8));
      await world.icloud.put('work', 'call.ics', floatingEvent('call', 'Floating call', 4));
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(report.items.filter((item) => item.op === 'notice')).toEqual([]);

      const [off] = blocksTitled(world, 'Day off');
      expect([inZone(off.startMs, NEW_YORK), inZone(off.endMs, NEW_YORK)]).toEqual([`${day(2).iso} 00:00`, `${day(3).iso} 00:00`]);
      const [trip] = blocksTitled(world, 'Trip');
      expect([inZone(trip.startMs, NEW_YORK), inZone(trip.endMs, NEW_YORK)]).toEqual([`${day(5).iso} 00:00`, `${day(8).iso} 00:00`]);
      // Not the Mac's midnight: New York is 4–5 hours behind UTC.
      expect(off.startMs).not.toBe(Date.parse(`${day(2).iso}T00:00:00Z`));
      // A floating time is read as Calendar on the Mac shows it: 10:00 on the Mac (UTC here).
      const [call] = blocksTitled(world, 'Floating call');
      expect(new Date(call.startMs).toISOString()).toBe(`${day(4).iso}T10:00:00.000Z`);
      expect(totalWrites(await world.sync())).toBe(0);

      const status = (await world.cli(['--json', 'status'])).json<StatusView>();
      expect(status.platform).toMatchObject({ locationName: 'Lovelace Studio', timezone: NEW_YORK });
      expect(status.platform.locationNotice).toBeUndefined();
      expect((await world.cli(['status'])).stdout).toContain('Lovelace Studio');
    });
  });

  it('a blocked slot moved on the platform writes floating times back in the Mac\'s zone, whole days in the location\'s', async () => {
    let offsetMs = 0;
    const now = () => new Date(Date.now() + offsetMs);
    await inWorld({ now }, async (world) => {
      await world.icloud.put('work', 'call.ics', floatingEvent('call', 'Floating call', 4));
      const series = floatingEvent('standup', 'Floating standup', 2).replace('SUMMARY:', 'RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:');
      await world.icloud.put('work', 'standup.ics', series);
      await world.icloud.put('work', 'off.ics', allDayEvent('off', 'Day off', 2, 3));
      await world.sync();

      const [call] = blocksTitled(world, 'Floating call');
      world.platform.update(call.id, { start: `${day(4).iso}T15:00:00Z`, end: `${day(4).iso}T16:00:00Z` });
      const second = blocksTitled(world, 'Floating standup').find((b) => b.startMs === Date.parse(`${day(9).iso}T10:00:00Z`))!;
      world.platform.update(second.id, { start: `${day(9).iso}T13:00:00Z`, end: `${day(9).iso}T14:00:00Z` });
      const [off] = blocksTitled(world, 'Day off');
      world.platform.update(off.id, { start: midnightInZone(day(3).iso, NEW_YORK), end: midnightInZone(day(4).iso, NEW_YORK) });
      // The standup's second occurrence is 9 days ahead, past the near tier: the platform's whole
      // window is read hourly (DESIGN §1, read tiers), so the edits are all seen an hour later.
      offsetMs = 60 * 60_000 + 60_000;
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(report.counts.icloud.updated).toBe(3);

      // The Mac (UTC here) shows 15:00; New York's wall clock (10:00 or 11:00) would move the event.
      const callIcs = world.icloud.read('work', 'call.ics')!;
      expect(callIcs).toContain(`DTSTART:${day(4).ics}T150000\r\n`);
      expect(callIcs).toContain(`DTEND:${day(4).ics}T160000\r\n`);
      const standupIcs = world.icloud.read('work', 'standup.ics')!;
      expect(standupIcs).toContain(`RECURRENCE-ID:${day(9).ics}T100000\r\n`);
      expect(standupIcs).toContain(`DTSTART:${day(9).ics}T130000\r\n`);
      // The day off stays all-day, on the location's day.
      const offIcs = world.icloud.read('work', 'off.ics')!;
      expect(offIcs).toContain(`DTSTART;VALUE=DATE:${day(3).ics}\r\n`);
      expect(offIcs).toContain(`DTEND;VALUE=DATE:${day(4).ics}\r\n`);

      // Read back, each is the slot it was moved to: nothing bounces.
      expect(totalWrites(await world.sync())).toBe(0);
      expect(blocksTitled(world, 'Floating call')[0].startMs).toBe(Date.parse(`${day(4).iso}T15:00:00Z`));
      expect(blocksTitled(world, 'Floating standup').map((b) => b.startMs).sort()).toContain(Date.parse(`${day(9).iso}T13:00:00Z`));
      expect(blocksTitled(world, 'Day off')[0].startMs).toBe(Date.parse(midnightInZone(day(3).iso, NEW_YORK)));
    });
  });

  it('without locations.readonly: connect succeeds in the Mac\'s zone and Status, `status` and the run report say what to do; once the scope is added, placed blocks move to the location\'s day', async () => {
    let offsetMs = 0;
    const now = () => new Date(Date.now() + offsetMs);
    await inWorld({ seed: seedWithoutLocationScope(), now }, async (world) => {
      const account = firstPlatform(await world.services.state.read())!;
      expect(account.locationProblem).toBe('missing-scope');
      expect(account.locationTimezone).toBeUndefined();

      await world.icloud.put('work', 'off.ics', allDayEvent('off', 'Day off', 3, 4));
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      const notices = report.items.filter((item) => item.op === 'notice');
      expect(notices).toHaveLength(1);
      expect(notices[0].reason).toContain('locations.readonly');
      expect(notices[0].reason).toContain('UTC');
      const [placed] = blocksTitled(world, 'Day off');
      expect(new Date(placed.startMs).toISOString()).toBe(`${day(3).iso}T00:00:00.000Z`);

      const view = await world.services.status();
      expect(view.platform.timezone).toBe('UTC');
      expect(view.platform.locationNotice).toContain('add the locations.readonly scope');
      const json = (await world.cli(['--json', 'status'])).json<StatusView>();
      expect(json.platform.locationNotice).toContain('locations.readonly');
      expect((await world.cli(['status'])).stdout).toContain('locations.readonly');

      // Within the day the location is not asked again (at most once a day).
      const asked = () => world.emulator.exchanges.filter((x) => x.path.startsWith('/locations/')).length;
      const before = asked();
      await world.sync();
      expect(asked()).toBe(before);

      // The admin adds the scope; a day later the app reads the zone and the block moves (a re-judge).
      world.emulator.state.grantScope(world.token, 'locations.readonly');
      offsetMs = DAY_MS + 60_000;
      const moved = await world.sync();
      expect(asked()).toBe(before + 1);
      expect(moved.counts.platform.updated).toBe(1);
      expect(moved.items.filter((item) => item.op === 'notice')).toEqual([]);
      const [after] = blocksTitled(world, 'Day off');
      expect(after.id).toBe(placed.id);
      expect([inZone(after.startMs, NEW_YORK), inZone(after.endMs, NEW_YORK)]).toEqual([`${day(3).iso} 00:00`, `${day(4).iso} 00:00`]);
      expect((await world.services.status()).platform).toMatchObject({ locationName: 'Lovelace Studio', timezone: NEW_YORK });
      expect(totalWrites(await world.sync())).toBe(0);
    });
  });

  it('an hour-long event is unaffected by the zone change (only whole days move)', async () => {
    let offsetMs = 0;
    const now = () => new Date(Date.now() + offsetMs);
    await inWorld({ seed: seedWithoutLocationScope(), now }, async (world) => {
      await world.icloud.put('work', 'dentist.ics', icsEvent('dentist', { title: 'Dentist', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) }));
      await world.sync();
      world.emulator.state.grantScope(world.token, 'locations.readonly');
      offsetMs = DAY_MS + 60_000;
      const report = await world.sync();
      expect(report.counts.platform.updated).toBe(0);
      expect(blocksTitled(world, 'Dentist')[0].startMs).toBe(Date.parse(hoursFromNow(9, 2)));
    });
  });
});
