// Busy across locations (issue 15, item 2), the pure planner alone: an appointment of the user in one
// location becomes a blocked slot in each other location, follows its time, goes with its
// cancellation, and nothing is decided for a location that could not be read this cycle.
import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../../src/main/platform/schemas';
import { hashContent } from '../../../src/main/sync/content';
import type { PairRecord } from '../../../src/main/sync/pair';
import { planCrossLocation, releasedByRemoval, type CrossLocation } from '../../../src/main/sync/plan-cross';
import { syncWindow } from '../../../src/main/sync/sync-window';
import { defaultSettings } from '../../../src/shared/settings';

const now = new Date('2031-03-01T00:00:00Z');
const window = syncWindow(now, defaultSettings);
const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();

function location(id: string, events: CalendarEvent[] | undefined): CrossLocation {
  return {
    context: { locationId: id, userId: 'ada', linkedCalendarUrl: 'cal', platformCalendarIds: [`cal-${id}`], zone: 'UTC', floatingZone: 'UTC', window },
    window: events ? { events, lookups: {} } : undefined,
  };
}

function appointment(id: string, loc: string, start: number, patch: Partial<CalendarEvent> = {}): CalendarEvent {
  return { id, title: 'Secret customer', calendarId: `cal-${loc}`, locationId: loc, contactId: 'customer-1', assignedUserId: 'ada', users: [], appointmentStatus: 'confirmed', startTime: at(start), endTime: at(start + 1), ...patch };
}

function slot(id: string, loc: string, start: number, title = 'Busy'): CalendarEvent {
  return { id, title, locationId: loc, assignedUserId: 'ada', users: [], startTime: at(start), endTime: at(start + 1) };
}

function pair(appointmentId: string, from: string, target: string, platformId: string, start: number): PairRecord {
  const hash = hashContent({ title: 'Busy', start: at(start), end: at(start + 1), allDay: false });
  return {
    key: `xloc:${appointmentId}|${target}`, owner: 'platform', status: 'synced', title: 'Busy', start: at(start), end: at(start + 1), allDay: false,
    platformId, platformKind: 'block', locationId: target, crossFrom: { location: from, appointment: appointmentId }, hashes: { platform: hash }, updatedAt: now.toISOString(),
  };
}

describe('planCrossLocation', () => {
  it('an appointment in A becomes a "Busy" slot in B only (never its title, never in A itself)', () => {
    const ops = planCrossLocation([location('a', [appointment('ap1', 'a', 30)]), location('b', [])], [], now, defaultSettings);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ type: 'platform.createCrossBlock', key: 'xloc:ap1|b', location: 'b', content: { title: 'Busy', start: at(30), end: at(31) } });
  });

  it('follows a move, deletes with a cancellation, and leaves an up-to-date slot alone', () => {
    const moved = planCrossLocation([location('a', [appointment('ap1', 'a', 40)]), location('b', [slot('s1', 'b', 30)])], [pair('ap1', 'a', 'b', 's1', 30)], now, defaultSettings);
    expect(moved).toMatchObject([{ type: 'platform.updateBlock', key: 'xloc:ap1|b', content: { start: at(40) } }]);
    const cancelled = planCrossLocation([location('a', [appointment('ap1', 'a', 30, { appointmentStatus: 'cancelled' })]), location('b', [slot('s1', 'b', 30)])], [pair('ap1', 'a', 'b', 's1', 30)], now, defaultSettings);
    expect(cancelled).toMatchObject([{ type: 'platform.deleteBlock', key: 'xloc:ap1|b', location: 'b' }]);
    const same = planCrossLocation([location('a', [appointment('ap1', 'a', 30)]), location('b', [slot('s1', 'b', 30)])], [pair('ap1', 'a', 'b', 's1', 30)], now, defaultSettings);
    expect(same).toEqual([]);
  });

  it('a location not read this cycle is neither source nor target: its slots and the slots of its appointments stay', () => {
    const sourceUnread = planCrossLocation([location('a', undefined), location('b', [slot('s1', 'b', 30)])], [pair('ap1', 'a', 'b', 's1', 30)], now, defaultSettings);
    expect(sourceUnread).toEqual([]);
    const targetUnread = planCrossLocation([location('a', [appointment('ap2', 'a', 50)]), location('b', undefined)], [pair('ap1', 'a', 'b', 's1', 30)], now, defaultSettings);
    expect(targetUnread).toEqual([]);
  });

  it('after a lost answer the slot is adopted, not made twice; a source no longer connected releases its slots', () => {
    const adopted = planCrossLocation([location('a', [appointment('ap1', 'a', 30)]), location('b', [slot('s9', 'b', 30)])], [], now, defaultSettings);
    expect(adopted).toMatchObject([{ type: 'adopt', key: 'xloc:ap1|b', pair: { platformId: 's9', crossFrom: { location: 'a', appointment: 'ap1' } } }]);
    const gone = planCrossLocation([location('b', [slot('s1', 'b', 30)])], [pair('ap1', 'a', 'b', 's1', 30)], now, defaultSettings);
    expect(gone).toMatchObject([{ type: 'platform.deleteBlock', key: 'xloc:ap1|b', reason: 'it blocked an appointment of a location you removed, so it no longer blocks time here' }]);
  });

  it('releasedByRemoval: only a slot of an appointment of a location no longer connected, which the deletion guard leaves out', () => {
    const gone = planCrossLocation([location('b', [slot('s1', 'b', 30)])], [pair('ap1', 'a', 'b', 's1', 30)], now, defaultSettings);
    expect(releasedByRemoval(gone[0], { platforms: { b: {} } })).toBe(true);
    expect(releasedByRemoval(gone[0], { platforms: { a: {}, b: {} } }), 'its location is connected (again)').toBe(false);
    const cancelled = planCrossLocation([location('a', [appointment('ap1', 'a', 30, { appointmentStatus: 'cancelled' })]), location('b', [slot('s1', 'b', 30)])], [pair('ap1', 'a', 'b', 's1', 30)], now, defaultSettings);
    expect(cancelled[0].reason).toBe('the appointment in the other location was cancelled, moved away or deleted');
    expect(releasedByRemoval(cancelled[0], { platforms: { a: {}, b: {} } }), 'a cancellation is guarded as ever').toBe(false);
    // 'constructor' & co. are not locations: Object.hasOwn, not `in`.
    const odd = planCrossLocation([location('b', [slot('s1', 'b', 30)])], [pair('ap1', 'constructor', 'b', 's1', 30)], now, defaultSettings);
    expect(releasedByRemoval(odd[0], { platforms: { b: {} } })).toBe(true);
  });

  it('an appointment of someone else, or on a calendar not synced, blocks nothing', () => {
    const ops = planCrossLocation([
      location('a', [appointment('ap1', 'a', 30, { assignedUserId: 'grace' }), appointment('ap2', 'a', 32, { calendarId: 'other' })]),
      location('b', []),
    ], [], now, defaultSettings);
    expect(ops).toEqual([]);
  });

  it('crossLocationTitles titles the slot, and the source location\'s filter keeps an appointment out of the others', () => {
    const named = { ...location('a', [appointment('ap1', 'a', 30)]), context: { ...location('a', []).context, locationName: 'Downtown' } };
    const titled = planCrossLocation([named, location('b', [])], [], now, { ...defaultSettings, crossLocationTitles: 'Booked at {calendar}' });
    expect(titled).toMatchObject([{ type: 'platform.createCrossBlock', content: { title: 'Booked at Downtown' } }]);
    const filters = { a: { skipTitles: ['secret'], skipAllDay: false, workingHours: '' } };
    expect(planCrossLocation([named, location('b', [])], [], now, { ...defaultSettings, filters })).toEqual([]);
    // A slot made before the filter goes.
    const released = planCrossLocation([named, location('b', [slot('s1', 'b', 30)])], [pair('ap1', 'a', 'b', 's1', 30)], now, { ...defaultSettings, filters });
    expect(released).toMatchObject([{ type: 'platform.deleteBlock', key: 'xloc:ap1|b' }]);
  });

  it('plans thousands at once without a scan of the other location per slot: 3,000 appointments in each, against 3,000 slots and pairs', () => {
    // A second location connected to a busy first: every appointment wants a slot there, and each
    // used to look for one to adopt by hashing every event of it (9 million hashes: tens of seconds).
    const hours = (i: number) => 24 + (i % 1_000) * 2;
    const inA = Array.from({ length: 3_000 }, (_, i) => appointment(`a${i}`, 'a', hours(i)));
    const inB = [
      ...Array.from({ length: 3_000 }, (_, i) => appointment(`b${i}`, 'b', hours(i) + 1)),
      ...Array.from({ length: 3_000 }, (_, i) => slot(`s${i}`, 'b', hours(i) + 0.5, `Event ${i}`)), // iCloud's slots, not ours
      slot('lost', 'b', hours(7)), // a create whose answer was lost: adopted, not made twice
    ];
    const known = Array.from({ length: 3_000 }, (_, i) => pair(`b${i}`, 'b', 'a', `x${i}`, hours(i) + 1));
    const started = performance.now();
    const ops = planCrossLocation([location('a', inA), location('b', inB)], known, now, defaultSettings);
    expect(performance.now() - started).toBeLessThan(1_500);
    const count = (type: string) => ops.filter((op) => op.type === type).length;
    expect([count('adopt'), count('platform.createCrossBlock')]).toEqual([1, 5_999]); // B's slots in A were deleted: made again
    expect(ops.find((op) => op.type === 'adopt')).toMatchObject({ key: 'xloc:a7|b', pair: { platformId: 'lost' } });
  });
});
