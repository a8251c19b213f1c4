// Generating mirrors and override instances, and the normalised content hash.
import { describe, expect, it } from 'vitest';
import { IcsCodec, type MirrorInput } from '../../../src/main/icloud/codec';

const codec = new IcsCodec();
const options = { floatingZone: 'America/New_York' };

const appointment: MirrorInput = {
  uid: '6f1c2b1e-1f0a-4c57-9a55-3e0c1e0c9d11',
  platformId: 'apt_123',
  title: 'Consultation with Zoë Müller — first visit, please bring the signed intake form',
  notes: 'Phone: +1 555 0100\nBooked via the website; paid, in full',
  location: '12 Main St, Springfield',
  start: { iso: '2025-11-02T13:00:00Z' },
  end: { iso: '2025-11-02T14:30:00Z' },
  tzid: 'America/New_York',
  now: new Date('2025-10-01T12:00:00Z'),
};

function parseOk(ics: string) {
  const outcome = codec.parse(ics, options);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.object;
}

describe('appointment mirrors', () => {
  const ics = codec.mirror(appointment);

  it('writes what iCloud needs and nothing that could email people', () => {
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('PRODID:-//iCloudSyncCompanion//0.1//EN\r\n');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n');
    // 13:00Z on the day US DST ends is 08:00 EST.
    expect(ics).toContain('DTSTART;TZID=America/New_York:20251102T080000\r\n');
    expect(ics).toContain('DTEND;TZID=America/New_York:20251102T093000\r\n');
    expect(ics).toContain('DTSTAMP:20251001T120000Z\r\n');
    expect(ics).toContain(`UID:${appointment.uid}\r\n`);
    expect(ics).toContain('X-ICLOUDSYNC-ORIGIN:platform\r\n');
    expect(ics).toContain('X-ICLOUDSYNC-PLATFORM-ID:apt_123\r\n');
    expect(ics).toContain('DESCRIPTION:Phone: +1 555 0100\\nBooked via the website\\; paid\\, in full\r\n');
    expect(ics).not.toMatch(/ORGANIZER|ATTENDEE/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('reads back as the same event', () => {
    const [event] = parseOk(ics).events;
    expect(event).toMatchObject({
      uid: appointment.uid,
      title: appointment.title,
      notes: appointment.notes,
      location: appointment.location,
      start: { iso: '2025-11-02T13:00:00Z', tzid: 'America/New_York' },
      end: { iso: '2025-11-02T14:30:00Z', tzid: 'America/New_York' },
      allDay: false,
      transparent: false,
      xProps: { 'X-ICLOUDSYNC-ORIGIN': 'platform', 'X-ICLOUDSYNC-PLATFORM-ID': 'apt_123' },
    });
  });

  it('keeps all-day appointments as dates', () => {
    const allDay = codec.mirror({ ...appointment, start: { date: '2025-12-24' }, end: { date: '2025-12-27' } });
    expect(allDay).toContain('DTSTART;VALUE=DATE:20251224\r\n');
    expect(allDay).toContain('DTEND;VALUE=DATE:20251227\r\n');
    const [event] = parseOk(allDay).events;
    expect(event.allDay).toBe(true);
    expect(event.start.date).toBe('2025-12-24');
    expect(event.end.date).toBe('2025-12-27');
  });
});

describe('override instances (S10)', () => {
  const series = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Apple Inc.//macOS 15//EN', 'BEGIN:VEVENT', 'UID:series-1', 'DTSTAMP:20250101T000000Z',
    'DTSTART;TZID=Europe/Berlin:20250310T090000', 'DTEND;TZID=Europe/Berlin:20250310T100000', 'RRULE:FREQ=WEEKLY;COUNT=5',
    'SUMMARY:Weekly', 'LOCATION:Room 1', 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
  const window = { start: new Date('2025-03-01T00:00:00Z'), end: new Date('2025-05-01T00:00:00Z') };

  it('adds a RECURRENCE-ID instance in the series zone that replaces one occurrence only', () => {
    const updated = codec.override(series, {
      uid: 'series-1', recurrenceId: '2025-03-31T07:00:00Z', start: { iso: '2025-03-31T12:00:00Z' }, end: { iso: '2025-03-31T13:00:00Z' },
      title: 'Weekly (moved)', now: new Date('2025-03-20T00:00:00Z'), floatingZone: 'UTC',
    });
    expect(updated).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20250331T090000\r\n');
    expect(updated).toContain('DTSTART;TZID=Europe/Berlin:20250331T140000\r\n');
    const occurrences = codec.expand(parseOk(updated), window);
    expect(occurrences.map((o) => [o.key, o.start.iso, o.title, o.location])).toEqual([
      ['series-1::2025-03-10T08:00:00Z', '2025-03-10T08:00:00Z', 'Weekly', 'Room 1'],
      ['series-1::2025-03-17T08:00:00Z', '2025-03-17T08:00:00Z', 'Weekly', 'Room 1'],
      ['series-1::2025-03-24T08:00:00Z', '2025-03-24T08:00:00Z', 'Weekly', 'Room 1'],
      ['series-1::2025-03-31T07:00:00Z', '2025-03-31T12:00:00Z', 'Weekly (moved)', 'Room 1'],
      ['series-1::2025-04-07T07:00:00Z', '2025-04-07T07:00:00Z', 'Weekly', 'Room 1'],
    ]);
  });

  it('replaces an existing override instead of adding a second one', () => {
    const input = {
      uid: 'series-1', recurrenceId: '2025-03-17T08:00:00Z', start: { iso: '2025-03-17T10:00:00Z' }, end: { iso: '2025-03-17T11:00:00Z' },
      now: new Date('2025-03-01T00:00:00Z'), floatingZone: 'UTC',
    };
    const once = codec.override(series, input);
    const twice = codec.override(once, { ...input, start: { iso: '2025-03-17T15:00:00Z' }, end: { iso: '2025-03-17T16:00:00Z' } });
    expect(twice.match(/RECURRENCE-ID/g)).toHaveLength(1);
    const moved = codec.expand(parseOk(twice), window).find((o) => o.key === 'series-1::2025-03-17T08:00:00Z');
    expect(moved?.start.iso).toBe('2025-03-17T15:00:00Z');
  });
});

describe('content hash', () => {
  const ics = codec.mirror(appointment);
  const hash = codec.hashIcs(ics, options);

  it('ignores line endings, folding, DTSTAMP, PRODID, LAST-MODIFIED, CREATED and VTIMEZONE text', () => {
    const rewritten = ics
      .replace('DTSTAMP:20251001T120000Z', 'DTSTAMP:20260101T000000Z\r\nLAST-MODIFIED:20260101T000000Z\r\nCREATED:20250101T000000Z')
      .replace('PRODID:-//iCloudSyncCompanion//0.1//EN', 'PRODID:-//Apple Inc.//iCloud 2.0//EN')
      .replace(/TZNAME:EDT\r\n/, '')
      .replace('X-LIC-LOCATION:America/New_York\r\n', '')
      .replace(/\r\n /g, '') // unfold
      .replace(/\r\n/g, '\n'); // bare LF
    expect(rewritten).not.toBe(ics);
    expect(codec.hashIcs(rewritten, options)).toBe(hash);
  });

  it('does not depend on the order of RRULE parts or of events in the file', () => {
    const a = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTART:20250101T100000Z\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const b = a.replace('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4', 'COUNT=4;BYDAY=MO,WE;FREQ=WEEKLY');
    expect(codec.hashIcs(b, options)).toBe(codec.hashIcs(a, options));
  });

  it('changes when something that is synced changes', () => {
    const variants = [
      ics.replace('SUMMARY:Consultation', 'SUMMARY:Consultation!'),
      ics.replace('DTSTART;TZID=America/New_York:20251102T080000', 'DTSTART;TZID=America/New_York:20251102T081500'),
      ics.replace('LOCATION:12 Main St', 'LOCATION:14 Main St'),
      ics.replace('TRANSP:OPAQUE', 'TRANSP:TRANSPARENT'),
      ics.replace('X-ICLOUDSYNC-PLATFORM-ID:apt_123', 'X-ICLOUDSYNC-PLATFORM-ID:apt_124'),
    ];
    for (const variant of variants) {
      expect(variant).not.toBe(ics);
      expect(codec.hashIcs(variant, options)).not.toBe(hash);
    }
  });

  it('is a sha256 hex digest', () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

// Hostile (hostile11): ical.js wrote the mirror of an appointment at 01:30Z on Berlin's 26 October
// (02:30 CET, the repeated hour) as 03:30 Berlin time, read back an hour late.
describe('mirrors in the hour clocks go back', () => {
  it('read back as the appointment exactly, in the zone where it can say so and in UTC where not', () => {
    for (const [start, end] of [['2025-10-26T00:30:00Z', '2025-10-26T01:30:00Z'], ['2025-10-26T01:30:00Z', '2025-10-26T02:30:00Z'], ['2025-10-26T00:59:00Z', '2025-10-26T01:01:00Z']]) {
      const ics = codec.mirror({ ...appointment, start: { iso: start }, end: { iso: end }, tzid: 'Europe/Berlin' });
      const [event] = parseOk(ics).events;
      expect([event.start.iso, event.end.iso], start).toEqual([start, end]);
    }
    const second = codec.mirror({ ...appointment, start: { iso: '2025-10-26T01:30:00Z' }, end: { iso: '2025-10-26T03:00:00Z' }, tzid: 'Europe/Berlin' });
    expect(second).toContain('DTSTART:20251026T013000Z\r\n');
    expect(second).toContain('DTEND;TZID=Europe/Berlin:20251026T040000\r\n');
  });
});
