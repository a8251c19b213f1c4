// Hostile recurrence rules (issue 11's YEARLY+BYSETPOS expansion and the codec around it): each
// either expands within the budget, says it was cut, or is a per-item error — never a hang, never a
// throw that fails the whole cycle.
import { describe, expect, it } from 'vitest';
import { IcsCodec, type ChangeSet, type RemoteObject } from '../../../src/main/icloud';
import { expandWithLimits } from '../../../src/main/icloud/codec/expand';
import { initialState } from '../../../src/main/store/state-schema';
import { gatherIcloud } from '../../../src/main/sync/gather-icloud';
import type { IcloudPort } from '../../../src/main/sync/ports';
import { syncWindow } from '../../../src/main/sync/sync-window';

const codec = new IcsCodec();
const now = new Date('2031-03-05T10:00:30Z');
const window = syncWindow(now, { pastDays: 7, futureDays: 365 });
const ics = (rrule: string, dtstart: string) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', 'BEGIN:VEVENT', 'UID:hostile', 'DTSTAMP:20310101T000000Z',
    `DTSTART:${dtstart}`, 'DURATION:PT1H', 'SUMMARY:Hostile', `RRULE:${rrule}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

function expanded(rrule: string, dtstart = '20300101T090000Z') {
  const parsed = codec.parse(ics(rrule, dtstart), { floatingZone: 'UTC' });
  if (!parsed.ok) throw new Error(parsed.error);
  const begun = performance.now();
  const value = expandWithLimits(parsed.object, window, now);
  return { ...value, ms: performance.now() - begun, starts: value.occurrences.map((o) => o.start.iso) };
}

describe('a huge INTERVAL', () => {
  // Before: DAILY;INTERVAL=1e9;BYHOUR=9 hung ical.js (every sync with it never ended); YEARLY and
  // MONTHLY ones threw "Same occurrence found twice" out of gather, failing the whole cycle.
  for (const rule of ['FREQ=DAILY;INTERVAL=1000000000;BYHOUR=9', 'FREQ=YEARLY;INTERVAL=1000000;BYSETPOS=1;BYDAY=MO', 'FREQ=YEARLY;INTERVAL=2147483647', 'FREQ=MONTHLY;INTERVAL=100000000;BYDAY=MO']) {
    it(`${rule} is a per-item error naming INTERVAL`, () => {
      const parsed = codec.parse(ics(rule, '20300101T090000Z'), { floatingZone: 'UTC' });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/INTERVAL=\d+ makes one (DAILY|YEARLY|MONTHLY) step longer than 1000 years/);
    });
  }

  it('a step of a thousand years is still read (DTSTART its only instance in reach), also from 9999', () => {
    expect(expanded('FREQ=YEARLY;INTERVAL=1000;BYSETPOS=1;BYDAY=MO', '20310301T090000Z').starts).toEqual(['2031-03-01T09:00:00Z']);
    expect(expanded('FREQ=YEARLY;INTERVAL=1000;BYSETPOS=1;BYDAY=MO', '99990101T090000Z').starts).toEqual([]);
    expect(expanded('FREQ=DAILY;INTERVAL=366000;BYHOUR=9', '99990101T090000Z').starts).toEqual([]);
  });
});

describe('YEARLY with several times a day', () => {
  // Before: ical.js kept only the first BYHOUR/BYMINUTE value of a YEARLY rule (no 17:00 at all).
  it('is a per-item error naming the part; one value and the finer frequencies are still read', () => {
    for (const [rule, part] of [['FREQ=YEARLY;BYDAY=MO;BYHOUR=9,17', 'BYHOUR'], ['FREQ=YEARLY;BYHOUR=9,17', 'BYHOUR'], ['FREQ=YEARLY;BYDAY=MO;BYMINUTE=0,30;BYSETPOS=-1', 'BYMINUTE']]) {
      const parsed = codec.parse(ics(rule, '20300101T090000Z'), { floatingZone: 'UTC' });
      expect(parsed.ok, rule).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain(`several ${part} values in a YEARLY rule are not supported`);
    }
    expect(expanded('FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=5;BYHOUR=17', '20310305T170000Z').starts).toEqual(['2031-03-05T17:00:00Z']);
    expect(expanded('FREQ=MONTHLY;BYMONTHDAY=5;BYHOUR=9,17;COUNT=2', '20310305T090000Z').starts).toEqual(['2031-03-05T09:00:00Z', '2031-03-05T17:00:00Z']);
  });
});

describe('YEARLY+BYSETPOS that picks nothing or lies', () => {
  it('BYSETPOS=±367 and BYMONTH=13 are per-item errors', () => {
    for (const rule of ['FREQ=YEARLY;BYSETPOS=367;BYDAY=MO', 'FREQ=YEARLY;BYSETPOS=-367;BYDAY=MO', 'FREQ=YEARLY;BYMONTH=13;BYSETPOS=1']) {
      expect(codec.parse(ics(rule, '20300101T090000Z'), { floatingZone: 'UTC' }).ok).toBe(false);
    }
  });

  it('BYSETPOS=0 and a BYMONTH/BYMONTHDAY with no date (Feb 30) end at the budget, reported, in about a second at most', () => {
    for (const rule of ['FREQ=YEARLY;BYSETPOS=0;BYDAY=MO', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;BYSETPOS=1', 'FREQ=YEARLY;BYSETPOS=366;BYYEARDAY=1,366']) {
      const result = expanded(rule);
      expect(result.starts).toEqual([]);
      expect(result.capped).toEqual([{ uid: 'hostile', title: 'Hostile', kept: 0, reason: 'budget' }]);
      expect(result.ms).toBeLessThan(3000);
    }
  });

  it('COUNT=2147483647 and UNTIL before DTSTART stay bounded and exact', () => {
    expect(expanded('FREQ=YEARLY;BYDAY=MO;BYSETPOS=-1;COUNT=2147483647').starts).toEqual(['2031-12-29T09:00:00Z']);
    expect(expanded('FREQ=YEARLY;BYDAY=MO;BYSETPOS=-1;UNTIL=20200101T000000Z').starts).toEqual([]);
  });

  // Before: the walk started at DTSTART's year, so these spent the 20,000-step budget before 2031
  // and kept nothing (reported as cut).
  it('a YEARLY+BYSETPOS series from 1601 or 1900 reaches the window, exact and not reported as cut', () => {
    const first = expanded('FREQ=YEARLY;BYDAY=MO;BYSETPOS=1', '16010101T090000Z');
    expect(first.starts).toEqual(['2032-01-05T09:00:00Z']);
    expect(first.capped).toEqual([]);
    const last = expanded('FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '19000101T090000Z');
    expect(last.starts).toEqual(['2031-12-31T09:00:00Z']);
    expect(last.capped).toEqual([]);
    // Every third year: from 1601 the series' years near the window are 2030 and 2033 (none in it), from 1602 2031.
    expect(expanded('FREQ=YEARLY;INTERVAL=3;BYMONTH=3;BYDAY=SU;BYSETPOS=-1', '16010101T090000Z').starts).toEqual([]);
    expect(expanded('FREQ=YEARLY;INTERVAL=3;BYMONTH=3;BYDAY=SU;BYSETPOS=-1', '16020101T090000Z').starts).toEqual(['2031-03-30T09:00:00Z']);
  });

  it('a leap-day pick is kept only in leap years', () => {
    expect(expanded('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYSETPOS=1').starts).toEqual(['2032-02-29T09:00:00Z']);
  });
});

describe('VTIMEZONEs that lie', () => {
  const zoned = (id: string, offset: string) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VTIMEZONE', `TZID:${id}`, 'BEGIN:STANDARD', 'DTSTART:20300101T000000',
    `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, 'END:STANDARD', 'END:VTIMEZONE', 'BEGIN:VEVENT', 'UID:u', 'DTSTAMP:20250101T000000Z',
    `DTSTART;TZID=${id}:20250701T100000`, `DTEND;TZID=${id}:20250701T110000`, 'SUMMARY:s', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
  const read = (id: string, offset: string) => codec.parse(zoned(id, offset), { floatingZone: 'UTC' });

  it('an IANA TZID keeps IANA rules whatever its VTIMEZONE says; a custom one keeps its valid offset', () => {
    for (const offset of ['+0530', '+0000']) {
      const parsed = read('Europe/Berlin', offset);
      expect(parsed.ok && parsed.object.events[0].start.iso).toBe('2025-07-01T08:00:00Z');
    }
    const custom = read('My Zone', '+0530');
    expect(custom.ok && custom.object.events[0].start.iso).toBe('2025-07-01T04:30:00Z');
  });

  // Before: +2400 read as 13:00Z and -9999 as 02:39Z, without a word.
  it('an offset RFC 5545 does not allow (+2400, -9999, +05) is a per-item error naming the zone', () => {
    for (const offset of ['+2400', '-9999', '+05']) {
      const parsed = read('My Zone', offset);
      expect(parsed.ok, offset).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain(`the time zone My Zone has an invalid TZOFFSETFROM "${offset}"`);
    }
  });
});

describe('gather with a codec that throws while expanding', () => {
  it('fails only that object (a per-item failure), the others sync', async () => {
    const cal = 'https://p42-caldav.icloud.com/1/calendars/home/';
    const good = ics('FREQ=DAILY;COUNT=2', '20310305T120000Z');
    const objects: RemoteObject[] = [{ href: `${cal}bad.ics`, etag: '"b"', data: good.replace('UID:hostile', 'UID:bad') }, { href: `${cal}ok.ics`, etag: '"o"', data: good }];
    const unused = () => Promise.reject(new Error('not in this test'));
    const side: IcloudPort = {
      fetchChanges: async (): Promise<ChangeSet> => ({ created: objects, updated: [], deleted: [], method: 'full-listing', newSyncToken: 't1' }),
      getObject: unused, createEvent: unused, updateEvent: unused, deleteEvent: unused,
    };
    const throwing = new IcsCodec();
    const real = throwing.expandWithLimits.bind(throwing);
    throwing.expandWithLimits = (object, w, at) => {
      if (object.events[0]?.uid === 'bad') throw new Error('Same occurrence found twice, protecting you from death by recursion');
      return real(object, w, at);
    };
    const changes = await gatherIcloud(side, throwing, initialState(), [{ url: cal, source: 'linked' }], { window, floatingZone: 'UTC', rereadAll: false, allowEmpty: true, now });
    expect(changes.changed.map((c) => c.href)).toEqual([`${cal}ok.ics`]);
    expect(changes.failures).toEqual([{ href: `${cal}bad.ics`, calendarUrl: cal, error: 'its recurrence could not be expanded: Same occurrence found twice, protecting you from death by recursion' }]);
    expect(changes.calendars?.[0].hrefs.sort()).toEqual([`${cal}bad.ics`, `${cal}ok.ics`]);
  });
});
