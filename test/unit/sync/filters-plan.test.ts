// What crosses, in the planner: a filtered event makes no copy and the report says which filter; a
// copy that exists and becomes filtered is released through the normal delete operations; working
// hours clip a block; a changed filter changes judgedWith, so every event is judged again.
import { describe, expect, it } from 'vitest';
import { plan } from '../../../src/main/sync/plan';
import { projectionKey } from '../../../src/main/sync/sync-window';
import { defaultSettings, type SourceFilter } from '../../../src/shared/settings';
import { BUSY, CAL, NOW, objectChange, situation } from './plan-world';

const filter = (part: Partial<SourceFilter>): SourceFilter => ({ skipTitles: [], skipAllDay: false, workingHours: '', ...part });
const opsOf = (input: ReturnType<typeof situation>) => plan(input).filter((op) => !['object.seen', 'cursor.commit', 'window.judged', 'object.gone'].includes(op.type));

describe('filters in the planner', () => {
  it('a new event matched by a title filter makes no blocked slot; the skip names the filter and the source', () => {
    const input = situation({ owner: 'icloud', icloud: 'new', platform: 'unknown', settings: { filters: { [CAL]: filter({ skipTitles: ['dent'] }) } } });
    expect(opsOf(input)).toEqual([
      expect.objectContaining({ type: 'skip', rule: 'filter', side: 'platform', title: 'Dentist', reason: 'skipped by title filter "dent" (linked calendar): no blocked slot' }),
    ]);
  });

  it('a filter of another source leaves the event alone', () => {
    const input = situation({ owner: 'icloud', icloud: 'new', platform: 'unknown', settings: { filters: { [BUSY]: filter({ skipTitles: ['dent'] }) } } });
    expect(opsOf(input).map((op) => op.type)).toEqual(['platform.createBlock']);
  });

  it('an existing blocked slot whose event is now filtered (read again) is released: deleted through the planner', () => {
    const input = situation({ owner: 'icloud', icloud: 'changed', platform: 'same', settings: { filters: { [CAL]: filter({ skipTitles: ['/^dentist$/i'] }) } } });
    expect(opsOf(input)).toEqual([
      expect.objectContaining({ type: 'platform.deleteBlock', rule: 'filter', key: expect.any(String), reason: 'skipped by title filter "/^dentist$/i" (linked calendar): its blocked slot was released' }),
    ]);
  });

  it('a busy source is named by its calendar name in the reason', () => {
    const input = situation({ owner: 'icloud', icloud: 'changed', platform: 'same', busy: true, settings: { filters: { [BUSY]: filter({ skipTitles: ['dentist'] }) } } });
    input.context.calendarNames = { [BUSY]: 'Family' };
    expect(opsOf(input)).toEqual([expect.objectContaining({ type: 'platform.deleteBlock', reason: 'skipped by title filter "dentist" (busy source "Family"): its blocked slot was released' })]);
  });

  it('working hours clip a new block to the part inside, and skip one wholly outside', () => {
    // The event: 3 March 2031 (a Monday) 10:00-11:00 UTC; the Mac's zone is UTC here.
    const inside = situation({ owner: 'icloud', icloud: 'new', platform: 'unknown', settings: { filters: { [CAL]: filter({ workingHours: 'mon 10:30-17:00' }) } } });
    expect(opsOf(inside)).toEqual([
      expect.objectContaining({ type: 'platform.createBlock', content: expect.objectContaining({ start: '2031-03-03T10:30:00.000Z', end: '2031-03-03T11:00:00.000Z' }) }),
    ]);
    const outside = situation({ owner: 'icloud', icloud: 'new', platform: 'unknown', settings: { filters: { [CAL]: filter({ workingHours: 'tue-fri 09:00-17:00' }) } } });
    expect(opsOf(outside)).toEqual([expect.objectContaining({ type: 'skip', rule: 'filter', reason: 'skipped: outside working hours tue-fri 09:00-17:00 (linked calendar): no blocked slot' })]);
  });

  it('working hours set later move an existing block to its clipped time (an update, S9)', () => {
    const input = situation({ owner: 'icloud', icloud: 'changed', platform: 'same', settings: { filters: { [CAL]: filter({ workingHours: 'mon 12:30-17:00' }) } } });
    // The changed event runs 12:00-13:00 UTC on Monday 3 March.
    expect(opsOf(input)).toEqual([
      expect.objectContaining({ type: 'platform.updateBlock', rule: 'S9', content: expect.objectContaining({ start: '2031-03-03T12:30:00.000Z', end: '2031-03-03T13:00:00.000Z' }) }),
    ]);
  });

  it('skipAllDay keeps an all-day event off the platform; a timed one still blocks', () => {
    const input = situation({ owner: 'icloud', icloud: 'new', platform: 'unknown', settings: { filters: { [CAL]: filter({ skipAllDay: true }) } } });
    const allDay = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:holiday', 'DTSTAMP:20310101T000000Z',
      'DTSTART;VALUE=DATE:20310304', 'DTEND;VALUE=DATE:20310305', 'SUMMARY:Holiday', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    input.icloud.changed.push(objectChange(`${CAL}holiday.ics`, allDay, '"h1"'));
    expect(opsOf(input).map((op) => [op.type, op.title, op.reason])).toEqual([
      ['platform.createBlock', 'Dentist', undefined],
      ['skip', 'Holiday', 'skipped: all-day event (linked calendar): no blocked slot'],
    ]);
  });

  it('a title template titles the new block with the calendar name', () => {
    const input = situation({ owner: 'icloud', icloud: 'new', platform: 'unknown', settings: { blockTitles: '{calendar}: {title}' } });
    input.context.calendarNames = { [CAL]: 'Work' };
    expect(opsOf(input)).toEqual([expect.objectContaining({ type: 'platform.createBlock', content: expect.objectContaining({ title: 'Work: Dentist' }) })]);
  });

  it('a new appointment matched by the location’s title filter gets no iCloud copy, with the reason', () => {
    const input = situation({ owner: 'platform', icloud: 'new', platform: 'new', settings: { filters: { loc: filter({ skipTitles: ['consult'] }) } } });
    input.context.locationId = 'loc';
    input.context.locationName = 'Downtown';
    expect(opsOf(input)).toEqual([
      expect.objectContaining({ type: 'skip', rule: 'filter', side: 'icloud', key: 'appt:a1', reason: 'skipped by title filter "consult" (location "Downtown"): no iCloud copy' }),
    ]);
  });

  it('an appointment already mirrored and now filtered has its iCloud copy released; the booking is left alone', () => {
    const input = situation({ owner: 'platform', icloud: 'same', platform: 'same', settings: { filters: { loc: filter({ skipTitles: ['consult'] }) } } });
    input.context.locationId = 'loc';
    expect(opsOf(input)).toEqual([expect.objectContaining({ type: 'icloud.delete', rule: 'filter', key: 'appt:a1', reason: 'skipped by title filter "consult" (location): its iCloud copy was released' })]);
  });

  it('changing a filter changes what events were judged with, so the next cycle reads and judges every event again', () => {
    const context = { zone: 'UTC', floatingZone: 'UTC' };
    const before = projectionKey(NOW, defaultSettings, context);
    const after = projectionKey(NOW, { ...defaultSettings, filters: { [CAL]: filter({ skipAllDay: true }) } }, context);
    expect(after).not.toBe(before);
    expect(projectionKey(NOW, { ...defaultSettings, filters: { [CAL]: filter({ skipAllDay: false, skipTitles: ['x'] }) } }, context)).not.toBe(after);
    // A location's filter needs no re-read of iCloud: its appointments are judged on every cycle.
    expect(projectionKey(NOW, { ...defaultSettings, filters: { 'loc-1': filter({ skipAllDay: true }) } }, context)).toBe(before);
    // Without filters the key is as before filters existed: an upgrade does not re-read everything.
    expect(before.split('|')).toHaveLength(9);
  });
});
