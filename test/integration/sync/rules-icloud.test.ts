// DESIGN §1, S8–S16, end to end: iCloud events become blocked slots on the platform.
import { describe, expect, it } from 'vitest';
import type { CalendarEntry } from '../../../src/shared/calendars';
import { FAR_EVERY_MS } from '../../../src/main/sync/platform-read-tiers';
import { markSubscribed } from '../../support/dav-proxy';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { blocksTitled, editIcs, expectNoDuplicates, icsUtc, inWorld, itemsFor, skipWithoutRadicale, totalWrites } from './helpers';

const ZONE = 'America/New_York';

/** "YYYY-MM-DD HH:MM" of an instant in the location's zone. */
function inZone(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The calendar date `days` from today (UTC), as YYYY-MM-DD and as ICS basic date. */
function day(days: number): { iso: string; ics: string } {
  const d = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return { iso: d, ics: d.replace(/-/g, '') };
}

function allDayEvent(uid: string, title: string, first: number, afterLast: number): string {
  return icsEvent(uid, { title, start: '2000-01-01T00:00:00Z', lines: [] })
    .replace(/DTSTART:[^\r]+/, `DTSTART;VALUE=DATE:${day(first).ics}\r\nDTEND;VALUE=DATE:${day(afterLast).ics}`);
}

describe.skipIf(skipWithoutRadicale)('sync rules S8–S16 (iCloud events)', () => {
  it('S8: an event in the linked calendar or a busy source becomes a blocked slot, never an appointment or a contact', async () => {
    await inWorld({ calendars: ['work', 'personal'], busy: ['personal'] }, async (world) => {
      await world.icloud.put('work', 'dentist.ics', icsEvent('dentist', { title: 'Dentist', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) }));
      await world.icloud.put('personal', 'gym.ics', icsEvent('gym', { title: 'Gym', start: hoursFromNow(18, 1), end: hoursFromNow(19, 1) }));
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(report.counts.platform.created).toBe(2);
      const [dentist] = blocksTitled(world, 'Dentist');
      const [gym] = blocksTitled(world, 'Gym');
      for (const [block, start] of [[dentist, hoursFromNow(9, 1)], [gym, hoursFromNow(18, 1)]] as const) {
        expect(block).toMatchObject({ kind: 'blocked', assignedUserId: world.userId });
        expect(block.contactId).toBeUndefined();
        expect(block.startMs).toBe(Date.parse(start));
      }
      expect(world.platform.appointments()).toEqual([]);
      expect(world.emulator.exchanges.filter((x) => x.method === 'POST' && x.path.endsWith('/appointments'))).toEqual([]);
      // The busy source is read only: nothing was written into it, and nothing went into iCloud at all.
      expect(world.icloud.events('personal').map((e) => e.title)).toEqual(['Gym']);
      expect(report.counts.icloud).toEqual({ created: 0, updated: 0, deleted: 0 });
    });
  });

  it('S8 as the window slides: an unchanged event that enters the sync window gets its blocked slot then', async () => {
    let offsetDays = 0;
    const now = () => new Date(Date.now() + offsetDays * 86_400_000);
    await inWorld({ settings: { futureDays: 30 }, now }, async (world) => {
      await world.icloud.put('work', 'far.ics', icsEvent('far', { title: 'Far ahead', start: hoursFromNow(10, 40), end: hoursFromNow(11, 40) }));
      await world.icloud.put('work', 'series.ics', icsEvent('series', { title: 'Monthly', start: hoursFromNow(10, 5), end: hoursFromNow(11, 5), lines: ['RRULE:FREQ=MONTHLY;COUNT=3'] }));
      await world.sync();
      expect(blocksTitled(world, 'Far ahead')).toEqual([]);
      expect(blocksTitled(world, 'Monthly')).toHaveLength(1);
      offsetDays = 15;
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(blocksTitled(world, 'Far ahead').map((b) => b.startMs)).toEqual([Date.parse(hoursFromNow(10, 40))]);
      expect(blocksTitled(world, 'Monthly')).toHaveLength(2);
      expect(totalWrites(await world.sync())).toBe(0);
    });
  });

  it('S9: a changed iCloud event updates its blocked slot (linked calendar and busy source)', async () => {
    await inWorld({ calendars: ['work', 'personal'], busy: ['personal'] }, async (world) => {
      const dentist = icsEvent('dentist', { title: 'Dentist', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) });
      const gym = icsEvent('gym', { title: 'Gym', start: hoursFromNow(18, 1), end: hoursFromNow(19, 1) });
      await world.icloud.put('work', 'dentist.ics', dentist);
      await world.icloud.put('personal', 'gym.ics', gym);
      await world.sync();
      const ids = world.platform.blocks().map((b) => b.id).sort();

      await world.icloud.put('work', 'dentist.ics', editIcs(dentist, { SUMMARY: 'SUMMARY:Dentist (root canal)', DTSTART: `DTSTART:${icsUtc(hoursFromNow(11, 2))}`, DTEND: `DTEND:${icsUtc(hoursFromNow(13, 2))}` }));
      await world.icloud.put('personal', 'gym.ics', editIcs(gym, { DTEND: `DTEND:${icsUtc(hoursFromNow(20, 1))}` }));
      const report = await world.sync();
      expect(report.counts.platform.updated).toBe(2);
      expect(world.platform.blocks().map((b) => b.id).sort()).toEqual(ids);
      const [moved] = blocksTitled(world, 'Dentist (root canal)');
      expect([moved.startMs, moved.endMs]).toEqual([Date.parse(hoursFromNow(11, 2)), Date.parse(hoursFromNow(13, 2))]);
      expect(blocksTitled(world, 'Gym')[0].endMs).toBe(Date.parse(hoursFromNow(20, 1)));
      expect(totalWrites(await world.sync())).toBe(0);
    });
  });

  it('S10: a blocked slot changed on the platform moves its iCloud event; for one occurrence of a series it writes an override instance', async () => {
    let shift = 0;
    await inWorld({ now: () => new Date(Date.now() + shift) }, async (world) => {
      await world.icloud.put('work', 'single.ics', icsEvent('single', { title: 'Focus', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) }));
      await world.icloud.put('work', 'series.ics', icsEvent('series', { title: 'Standup', start: hoursFromNow(10, 1), end: hoursFromNow(11, 1), lines: ['RRULE:FREQ=WEEKLY;COUNT=4'] }));
      await world.sync();
      expect(blocksTitled(world, 'Standup')).toHaveLength(4);

      const [focus] = blocksTitled(world, 'Focus');
      world.platform.update(focus.id, { start: hoursFromNow(14, 1), end: hoursFromNow(16, 1) });
      const second = blocksTitled(world, 'Standup').find((b) => b.startMs === Date.parse(hoursFromNow(10, 8)))!;
      world.platform.update(second.id, { start: hoursFromNow(12, 8), end: hoursFromNow(13, 8) });

      // The second occurrence is 8 days ahead, beyond the near read tier: seen once the far tier is due.
      shift = FAR_EVERY_MS;
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(report.counts.icloud.updated).toBe(2);
      const single = world.icloud.events('work').find((e) => e.uid === 'single')!;
      expect([single.start.iso, single.end.iso].map(Date.parse)).toEqual([hoursFromNow(14, 1), hoursFromNow(16, 1)].map(Date.parse));
      const series = world.icloud.events('work').filter((e) => e.uid === 'series');
      expect(series).toHaveLength(2);
      const master = series.find((e) => !e.recurrenceId)!;
      const override = series.find((e) => e.recurrenceId)!;
      expect(master.recurrence?.rrule.join()).toMatch(/COUNT=4/);
      expect(Date.parse(master.start.iso)).toBe(Date.parse(hoursFromNow(10, 1)));
      expect(Date.parse(override.recurrenceId!)).toBe(Date.parse(hoursFromNow(10, 8)));
      expect(Date.parse(override.start.iso)).toBe(Date.parse(hoursFromNow(12, 8)));
      // Settled: the override is read back as the same slot, nothing bounces.
      expect(totalWrites(await world.sync())).toBe(0);
      expect(blocksTitled(world, 'Standup')).toHaveLength(4);
      expectNoDuplicates(world);
    });
  });

  it('busy sources flow one way: a platform edit of their blocked slot is put back from iCloud, and the report says so', async () => {
    await inWorld({ calendars: ['work', 'personal'], busy: ['personal'] }, async (world) => {
      await world.icloud.put('personal', 'gym.ics', icsEvent('gym', { title: 'Gym', start: hoursFromNow(18, 1), end: hoursFromNow(19, 1) }));
      await world.sync();
      const [gym] = blocksTitled(world, 'Gym');
      world.platform.update(gym.id, { start: hoursFromNow(6, 1), end: hoursFromNow(7, 1) });
      const report = await world.sync();
      expect(world.platform.get(gym.id)!.startMs).toBe(Date.parse(hoursFromNow(18, 1)));
      expect(itemsFor(report, 'Gym')[0]).toMatchObject({ op: 'update', side: 'platform', reason: expect.stringMatching(/one way/) });
      expect(Date.parse(world.icloud.events('personal')[0].start.iso)).toBe(Date.parse(hoursFromNow(18, 1)));
      expect(totalWrites(await world.sync())).toBe(0);
    });
  });

  it('S11: a deleted iCloud event has its blocked slot deleted', async () => {
    await inWorld({}, async (world) => {
      await world.icloud.put('work', 'a.ics', icsEvent('a', { title: 'Goes', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) }));
      await world.icloud.put('work', 'b.ics', icsEvent('b', { title: 'Stays', start: hoursFromNow(11, 1), end: hoursFromNow(12, 1) }));
      await world.sync();
      await world.icloud.remove('work', 'a.ics');
      const report = await world.sync();
      expect(report.counts.platform.deleted).toBe(1);
      expect(blocksTitled(world, 'Goes')).toEqual([]);
      expect(blocksTitled(world, 'Stays')).toHaveLength(1);
    });
  });

  it('S11 with icloudDeletions keep: a deleted iCloud event keeps its blocked slot (the platform\'s documented behaviour)', async () => {
    await inWorld({ settings: { icloudDeletions: 'keep' } }, async (world) => {
      await world.icloud.put('work', 'a.ics', icsEvent('a', { title: 'Kept', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) }));
      await world.sync();
      await world.icloud.remove('work', 'a.ics');
      const report = await world.sync();
      expect(report.counts.platform.deleted).toBe(0);
      expect(blocksTitled(world, 'Kept')).toHaveLength(1);
      expect(totalWrites(await world.sync())).toBe(0);
      expect(blocksTitled(world, 'Kept')).toHaveLength(1);
      expect(world.icloud.events('work')).toEqual([]);
    });
  });

  it('S12: deleting a mirror blocked slot on the platform never deletes the iCloud event; it is detached and listed under attention', async () => {
    await inWorld({}, async (world) => {
      await world.icloud.put('work', 'a.ics', icsEvent('a', { title: 'Restore me', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) }));
      await world.icloud.put('work', 'b.ics', icsEvent('b', { title: 'Let go', start: hoursFromNow(11, 1), end: hoursFromNow(12, 1) }));
      await world.icloud.put('work', 'c.ics', icsEvent('c', { title: 'Untouched', start: hoursFromNow(13, 1), end: hoursFromNow(14, 1) }));
      await world.sync();
      // (Deleting every slot at once would trip the empty-side guard instead: see guards.test.ts.)
      for (const block of world.platform.blocks()) if (block.title !== 'Untouched') world.platform.remove(block.id);

      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(report.counts.icloud.deleted).toBe(0);
      expect(world.icloud.events('work').map((e) => e.title).sort()).toEqual(['Let go', 'Restore me', 'Untouched']);
      const items = await world.services.attention();
      expect(items.map((i) => [i.title, i.kind]).sort()).toEqual([['Let go', 'platform-mirror-deleted'], ['Restore me', 'platform-mirror-deleted']]);
      expect(totalWrites(await world.sync())).toBe(0);
      expect(world.platform.blocks().map((b) => b.title)).toEqual(['Untouched']);

      await world.services.sync.restore(items.find((i) => i.title === 'Restore me')!.id, 'manual');
      await world.services.sync.cancel(items.find((i) => i.title === 'Let go')!.id, 'manual');
      expect(blocksTitled(world, 'Restore me')).toHaveLength(1);
      expect(await world.services.attention()).toEqual([]);
      // "Stop syncing" sticks, even when the event changes later.
      await world.icloud.put('work', 'b.ics', icsEvent('b', { title: 'Let go (edited)', start: hoursFromNow(11, 1), end: hoursFromNow(12, 1) }));
      await world.sync();
      expect(world.platform.blocks().map((b) => b.title).sort()).toEqual(['Restore me', 'Untouched']);
      expect(world.icloud.events('work')).toHaveLength(3);
    });
  });

  it('S13: free, cancelled and zero-length events make no blocked slot and the report says why; freeEventsBlock true lets free events block', async () => {
    await inWorld({}, async (world) => {
      await world.icloud.put('work', 'free.ics', icsEvent('free', { title: 'Free', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1), lines: ['TRANSP:TRANSPARENT'] }));
      await world.icloud.put('work', 'cancelled.ics', icsEvent('cancelled', { title: 'Cancelled', start: hoursFromNow(11, 1), end: hoursFromNow(12, 1), lines: ['STATUS:CANCELLED'] }));
      await world.icloud.put('work', 'zero.ics', icsEvent('zero', { title: 'Zero', start: hoursFromNow(13, 1), end: hoursFromNow(13, 1) }));
      const report = await world.sync();
      expect(world.platform.blocks()).toEqual([]);
      expect(itemsFor(report, 'Free')[0]).toMatchObject({ op: 'skip', reason: expect.stringMatching(/free/) });
      expect(itemsFor(report, 'Cancelled')[0]).toMatchObject({ op: 'skip', reason: expect.stringMatching(/cancelled/) });
      expect(itemsFor(report, 'Zero')[0]).toMatchObject({ op: 'skip', reason: expect.stringMatching(/zero-length/) });

      expect((await world.cli(['set', 'freeEventsBlock', 'true'])).code).toBe(0);
      await world.sync();
      expect(world.platform.blocks().map((b) => b.title)).toEqual(['Free']);
    });
  });

  it('S14: a weekly series with RDATE, EXDATE and a moved override gets one blocked slot per occurrence in the window', async () => {
    await inWorld({ settings: { futureDays: 30 } }, async (world) => {
      const at = (hour: number, days: number) => icsUtc(hoursFromNow(hour, days));
      const ics = icsEvent('weekly', { title: 'Weekly', start: hoursFromNow(10, 1), end: hoursFromNow(11, 1), lines: ['RRULE:FREQ=WEEKLY', `EXDATE:${at(10, 8)}`, `RDATE:${at(16, 3)}`] })
        .replace('END:VCALENDAR', [
          'BEGIN:VEVENT', 'UID:weekly', 'DTSTAMP:20250101T000000Z', `RECURRENCE-ID:${at(10, 15)}`, `DTSTART:${at(14, 15)}`, `DTEND:${at(15, 15)}`, 'SUMMARY:Weekly', 'END:VEVENT', 'END:VCALENDAR',
        ].join('\r\n'));
      await world.icloud.put('work', 'weekly.ics', ics);
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      // Window: today + 30 days (whole days). Occurrences: day 1, RDATE day 3, day 8 excluded, day 15 moved, 22, 29.
      const expected = [hoursFromNow(10, 1), hoursFromNow(16, 3), hoursFromNow(14, 15), hoursFromNow(10, 22), hoursFromNow(10, 29)].map(Date.parse);
      const starts = blocksTitled(world, 'Weekly').map((b) => b.startMs).sort((a, b) => a - b);
      expect(starts).toEqual(expected);
      expect(totalWrites(await world.sync())).toBe(0);
    });
  });

  it('S15: all-day and multi-day events block whole days in the location\'s zone; VALUE=DATE stays a date both ways', async () => {
    await inWorld({ zone: ZONE }, async (world) => {
      await world.icloud.put('work', 'off.ics', allDayEvent('off', 'Day off', 2, 3));
      await world.icloud.put('work', 'trip.ics', allDayEvent('trip', 'Trip', 5, 8));
      await world.sync();
      const [off] = blocksTitled(world, 'Day off');
      const [trip] = blocksTitled(world, 'Trip');
      expect([inZone(off.startMs), inZone(off.endMs)]).toEqual([`${day(2).iso} 00:00`, `${day(3).iso} 00:00`]);
      expect([inZone(trip.startMs), inZone(trip.endMs)]).toEqual([`${day(5).iso} 00:00`, `${day(8).iso} 00:00`]);

      // Moved on the platform to another whole day: iCloud keeps a date (VALUE=DATE), not a time.
      const nextDay = (days: number) => Date.parse(`${day(days).iso}T00:00:00Z`) + (off.startMs - Date.parse(`${day(2).iso}T00:00:00Z`));
      world.platform.update(off.id, { start: new Date(nextDay(4)).toISOString(), end: new Date(nextDay(5)).toISOString() });
      const report = await world.sync();
      expect(report.counts.icloud.updated).toBe(1);
      const ics = world.icloud.read('work', 'off.ics')!;
      expect(ics).toContain(`DTSTART;VALUE=DATE:${day(4).ics}`);
      expect(ics).toContain(`DTEND;VALUE=DATE:${day(5).ics}`);
      expect(totalWrites(await world.sync())).toBe(0);
    });
  });

  it('S16: subscribed calendars cannot be linked or be busy sources, read-only ones cannot be linked; `link` says why, and a read-only busy source blocks time', async () => {
    const readonlyEvent = icsEvent('team-offsite', { title: 'Team offsite', start: hoursFromNow(9, 3), end: hoursFromNow(17, 3) });
    await inWorld({
      calendars: ['work', 'holidays'], proxy: true, link: false,
      radicaleSeed: [{ user: 'alice@example.com', name: 'readonly-team', displayName: 'Team (read-only)', events: { 'offsite.ics': readonlyEvent } }],
    }, async (world) => {
      const holidaysPath = new URL(world.calendarUrl('holidays')).pathname;
      world.proxy!.rewrites.push(markSubscribed(holidaysPath), markSubscribed(decodeURIComponent(holidaysPath)));
      await world.connect();
      const listed = (await world.cli(['--json', 'calendars'])).json<CalendarEntry[]>();
      const holidays = listed.find((c) => c.name === 'holidays')!;
      const readonly = listed.find((c) => c.name === 'Team (read-only)')!;
      expect(holidays).toMatchObject({ side: 'icloud', type: 'subscribed', eligible: false, busySourceEligible: false, reason: 'subscribed calendar' });
      expect(readonly).toMatchObject({ side: 'icloud', eligible: false, busySourceEligible: true, reason: 'read-only calendar' });

      const asLinked = await world.cli(['link', '--icloud', holidays.id]);
      expect(asLinked.code).toBe(2);
      expect(asLinked.stderr).toMatch(/subscribed calendar/);
      const asBusy = await world.cli(['link', '--icloud', world.linkedUrl, '--busy', holidays.id]);
      expect(asBusy.code).toBe(2);
      expect(asBusy.stderr).toMatch(/cannot be a busy source: subscribed calendar/);
      const readonlyLinked = await world.cli(['link', '--icloud', readonly.id]);
      expect(readonlyLinked.code).toBe(2);
      expect(readonlyLinked.stderr).toMatch(/read-only calendar/);

      expect((await world.cli(['link', '--icloud', world.linkedUrl, '--busy', readonly.id])).code).toBe(0);
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(blocksTitled(world, 'Team offsite')).toHaveLength(1);
      expect(report.counts.icloud).toEqual({ created: 0, updated: 0, deleted: 0 });
    });
  });
});
