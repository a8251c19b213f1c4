// S10 write-back with two zones: a blocked slot moved on the platform retimes its iCloud event.
// Floating times are the Mac's wall clock (Calendar on the Mac shows them so, and the codec reads
// them so); whole days are the platform location's (S15). Here the two differ on purpose: the Mac
// in Europe/Berlin, the location in America/New_York.
import { describe, expect, it } from 'vitest';
import { IcsCodec } from '../../../src/main/icloud/codec';
import { retimeEvent } from '../../../src/main/icloud/codec/retime';

const codec = new IcsCodec();
const mac = 'Europe/Berlin';
const location = 'America/New_York';
const now = new Date('2025-06-01T00:00:00Z');

const file = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:e1', 'DTSTAMP:20250101T000000Z', ...lines, 'SUMMARY:Dentist', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

function readBack(ics: string, floatingZone = mac) {
  const outcome = codec.parse(ics, { floatingZone, source: 'e1.ics' });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.object;
}

const retime = (ics: string, start: string, end: string) =>
  retimeEvent(ics, { uid: 'e1', start: { iso: start }, end: { iso: end }, now, floatingZone: mac, dayZone: location }, codec.zones);

describe('retimeEvent: floating times in the Mac zone, whole days in the location zone', () => {
  it('writes a floating event back as the Mac wall clock of the new slot, not the location one', () => {
    const ics = retime(file('DTSTART:20250610T100000', 'DTEND:20250610T110000'), '2025-06-10T12:00:00Z', '2025-06-10T13:00:00Z');
    // 12:00Z is 14:00 in Berlin (CEST); New York's wall clock would have been 08:00.
    expect(ics).toContain('DTSTART:20250610T140000\r\n');
    expect(ics).toContain('DTEND:20250610T150000\r\n');
    const [event] = readBack(ics).events;
    expect(event.start).toEqual({ iso: '2025-06-10T12:00:00Z' });
    expect(event.end).toEqual({ iso: '2025-06-10T13:00:00Z' });
  });

  it('keeps an all-day event as dates of the location when the slot is whole days there', () => {
    // Midnight in New York (EDT) is 04:00Z, 06:00 in Berlin: whole days only in the location's zone.
    const ics = retime(file('DTSTART;VALUE=DATE:20250610', 'DTEND;VALUE=DATE:20250611'), '2025-06-12T04:00:00Z', '2025-06-14T04:00:00Z');
    expect(ics).toContain('DTSTART;VALUE=DATE:20250612\r\n');
    expect(ics).toContain('DTEND;VALUE=DATE:20250614\r\n');
  });

  it('turns an all-day event moved to part of a day into the floating Mac wall clock of that slot', () => {
    const ics = retime(file('DTSTART;VALUE=DATE:20250610', 'DTEND;VALUE=DATE:20250611'), '2025-06-12T07:30:00Z', '2025-06-12T09:00:00Z');
    expect(ics).toContain('DTSTART:20250612T093000\r\n');
    const [event] = readBack(ics).events;
    expect([event.allDay, event.start.iso, event.end.iso]).toEqual([false, '2025-06-12T07:30:00Z', '2025-06-12T09:00:00Z']);
  });

  it('leaves an event with a TZID in its own zone, whatever the Mac and the location', () => {
    const ics = retime(file('DTSTART;TZID=Asia/Kolkata:20250610T100000', 'DTEND;TZID=Asia/Kolkata:20250610T110000'), '2025-06-10T06:30:00Z', '2025-06-10T07:30:00Z');
    expect(ics).toContain('DTSTART;TZID=Asia/Kolkata:20250610T120000\r\n');
  });

  it('refuses an unknown zone with a clear error', () => {
    expect(() => retimeEvent(file('DTSTART:20250610T100000'), {
      uid: 'e1', start: { iso: '2025-06-10T12:00:00Z' }, end: { iso: '2025-06-10T13:00:00Z' }, now, floatingZone: mac, dayZone: 'Mars/Olympus',
    }, codec.zones)).toThrow('Unknown time zone "Mars/Olympus".');
  });
});

describe('override instances: the same two zones', () => {
  const window = { start: new Date('2025-06-01T00:00:00Z'), end: new Date('2025-07-01T00:00:00Z') };

  it('writes a moved occurrence of a floating series as the Mac wall clock, and finds its occurrence there', () => {
    const series = file('DTSTART:20250602T100000', 'DTEND:20250602T110000', 'RRULE:FREQ=WEEKLY;COUNT=3');
    // The occurrence key is the floating 10:00 read in Berlin (08:00Z), as the parse gave it.
    const updated = codec.override(series, {
      uid: 'e1', recurrenceId: '2025-06-09T08:00:00Z', start: { iso: '2025-06-09T12:00:00Z' }, end: { iso: '2025-06-09T13:00:00Z' },
      now, floatingZone: mac, dayZone: location,
    });
    expect(updated).toContain('RECURRENCE-ID:20250609T100000\r\n');
    expect(updated).toContain('DTSTART:20250609T140000\r\n');
    expect(codec.expand(readBack(updated), window).map((o) => [o.key, o.start.iso])).toEqual([
      ['e1::2025-06-02T08:00:00Z', '2025-06-02T08:00:00Z'],
      ['e1::2025-06-09T08:00:00Z', '2025-06-09T12:00:00Z'],
      ['e1::2025-06-16T08:00:00Z', '2025-06-16T08:00:00Z'],
    ]);
  });

  it('keeps a moved occurrence of an all-day series as dates when the slot is whole days of the location', () => {
    const series = file('DTSTART;VALUE=DATE:20250602', 'DTEND;VALUE=DATE:20250603', 'RRULE:FREQ=WEEKLY;COUNT=3');
    const updated = codec.override(series, {
      uid: 'e1', recurrenceId: '2025-06-09', start: { iso: '2025-06-10T04:00:00Z' }, end: { iso: '2025-06-11T04:00:00Z' },
      now, floatingZone: mac, dayZone: location,
    });
    expect(updated).toContain('RECURRENCE-ID;VALUE=DATE:20250609\r\n');
    expect(updated).toContain('DTSTART;VALUE=DATE:20250610\r\n');
    expect(updated).toContain('DTEND;VALUE=DATE:20250611\r\n');
    const moved = codec.expand(readBack(updated), window).find((o) => o.key === 'e1::2025-06-09');
    expect([moved?.start.date, moved?.end.date]).toEqual(['2025-06-10', '2025-06-11']);
  });

  // Hostile (hostile11): an all-day series' occurrence moved to part of a day, and a floating event
  // moved across the Mac's DST change while the location (Lord Howe, a 30-minute DST) changes on
  // another date.
  it('an all-day series occurrence moved to 10:00-11:00 becomes that Mac wall clock, found under its date', () => {
    const series = file('DTSTART;VALUE=DATE:20250602', 'DTEND;VALUE=DATE:20250603', 'RRULE:FREQ=WEEKLY;COUNT=3');
    const updated = codec.override(series, {
      uid: 'e1', recurrenceId: '2025-06-09', start: { iso: '2025-06-09T08:00:00Z' }, end: { iso: '2025-06-09T09:00:00Z' },
      now, floatingZone: mac, dayZone: 'Australia/Lord_Howe',
    });
    expect(updated).toContain('RECURRENCE-ID;VALUE=DATE:20250609\r\n');
    expect(updated).toContain('DTSTART:20250609T100000\r\n');
    const occurrences = codec.expand(readBack(updated), window);
    expect(occurrences.map((o) => o.key)).toEqual(['e1::2025-06-02', 'e1::2025-06-09', 'e1::2025-06-16']);
    const moved = occurrences.find((o) => o.key === 'e1::2025-06-09');
    expect([moved?.start.iso, moved?.end.iso]).toEqual(['2025-06-09T08:00:00Z', '2025-06-09T09:00:00Z']);
  });

  it('a floating event moved across Berlin’s spring change keeps the slot’s instants, whatever Lord Howe does', () => {
    const single = file('DTSTART:20250329T100000', 'DTEND:20250329T110000');
    // Sat 29 March 10:00 CET (09:00Z) → Mon 31 March 09:00Z = 11:00 CEST; Lord Howe leaves DST on 6 April.
    const moved = retimeEvent(single, { uid: 'e1', start: { iso: '2025-03-31T09:00:00Z' }, end: { iso: '2025-03-31T10:00:00Z' }, now, floatingZone: mac, dayZone: 'Australia/Lord_Howe' }, codec.zones);
    expect(moved).toContain('DTSTART:20250331T110000\r\n');
    const [event] = readBack(moved).events;
    expect([event.start.iso, event.end.iso]).toEqual(['2025-03-31T09:00:00Z', '2025-03-31T10:00:00Z']);
    // Into the skipped hour's day: 02:30 does not exist on 30 March in Berlin; 01:30Z is 03:30 CEST.
    const gap = retimeEvent(single, { uid: 'e1', start: { iso: '2025-03-30T01:30:00Z' }, end: { iso: '2025-03-30T02:30:00Z' }, now, floatingZone: mac, dayZone: 'Australia/Lord_Howe' }, codec.zones);
    const [inGap] = readBack(gap).events;
    expect([inGap.start.iso, inGap.end.iso]).toEqual(['2025-03-30T01:30:00Z', '2025-03-30T02:30:00Z']);
  });

  // Before: 01:30Z on Berlin's 26 October (02:30 CET, the repeated hour) was written 03:30 and read
  // back as a zero-length event an hour late.
  it('a floating event moved into Berlin’s repeated hour reads back as the slot exactly (UTC where the wall clock cannot say it)', () => {
    const single = file('DTSTART:20251025T100000', 'DTEND:20251025T110000');
    for (const [start, end] of [['2025-10-26T00:30:00Z', '2025-10-26T01:30:00Z'], ['2025-10-26T01:30:00Z', '2025-10-26T02:30:00Z'], ['2025-10-25T23:45:00Z', '2025-10-26T00:45:00Z']]) {
      const moved = retimeEvent(single, { uid: 'e1', start: { iso: start }, end: { iso: end }, now, floatingZone: mac, dayZone: 'Australia/Lord_Howe' }, codec.zones);
      const [event] = readBack(moved).events;
      expect([event.start.iso, event.end.iso], start).toEqual([start.replace('.000', ''), end.replace('.000', '')]);
    }
    // The first 02:30 (CEST) stays a floating 02:30; the second (CET) can only be written in UTC.
    expect(retimeEvent(single, { uid: 'e1', start: { iso: '2025-10-26T00:30:00Z' }, end: { iso: '2025-10-26T03:00:00Z' }, now, floatingZone: mac, dayZone: mac }, codec.zones))
      .toContain('DTSTART:20251026T023000\r\n');
    expect(retimeEvent(single, { uid: 'e1', start: { iso: '2025-10-26T01:30:00Z' }, end: { iso: '2025-10-26T03:00:00Z' }, now, floatingZone: mac, dayZone: mac }, codec.zones))
      .toContain('DTSTART:20251026T013000Z\r\n');
  });
});
