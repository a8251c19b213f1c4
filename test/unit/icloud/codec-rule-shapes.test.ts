// RRULE shapes ical.js loops on or throws on (rule-shapes.ts): found by the differential test.
// Each must end quickly, as a rewrite with the RFC 5545 instances or as a per-item error.
import { describe, expect, it } from 'vitest';
import { IcsCodec } from '../../../src/main/icloud/codec';

const codec = new IcsCodec();
const window = { start: new Date('2025-01-01T00:00:00Z'), end: new Date('2026-01-01T00:00:00Z') };
function read(rule: string) {
  const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VEVENT', 'UID:r', 'DTSTAMP:20250101T000000Z',
    'DTSTART;TZID=Europe/Berlin:20250930T100000', 'DURATION:PT1H', `RRULE:${rule}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
  return codec.parse(ics, { floatingZone: 'UTC', source: 'r.ics' });
}

describe('RRULE shapes ical.js cannot iterate', () => {
  it('FREQ=DAILY;BYMONTHDAY=-1 (ical.js loops forever) is read as the last day of each month', () => {
    const parsed = read('FREQ=DAILY;BYMONTHDAY=-1');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.object.events[0].recurrence?.rrule).toEqual(['FREQ=DAILY;BYMONTHDAY=-1']); // as written
    expect(codec.expand(parsed.object, window).map((o) => o.start.iso)).toEqual([
      '2025-09-30T08:00:00Z', '2025-10-31T09:00:00Z', '2025-11-30T09:00:00Z', '2025-12-31T09:00:00Z',
    ]);
  });

  it.each([
    ['FREQ=DAILY;INTERVAL=2;BYMONTHDAY=-1', 'a negative BYMONTHDAY in a DAILY rule with INTERVAL or BYSETPOS is not supported'],
    ['FREQ=WEEKLY;BYMONTHDAY=3', 'BYMONTHDAY is not allowed in a WEEKLY rule'],
    ['FREQ=DAILY;BYYEARDAY=100', 'BYYEARDAY is only allowed in a YEARLY rule'],
    ['FREQ=YEARLY;BYDAY=MO;BYMONTHDAY=-1', 'a negative BYMONTHDAY in a YEARLY rule with INTERVAL, BYDAY, BYWEEKNO, BYYEARDAY or BYSETPOS is not supported'],
  ])('%s is a per-item error, not a hang or a failed cycle', (rule, why) => {
    const parsed = read(rule);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toBe(`r.ics: event "r" has an RRULE the codec cannot expand (${why})`);
  });
});
