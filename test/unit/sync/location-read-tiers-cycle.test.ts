// The platform read tiers with two locations (issue 16 × issue 15), on the real cycle over the memory
// sides with a fake clock: each location's far tier is its own (its own blockedSlotsReadAt, its own
// hour), a location reads the rest of its window when another location's appointment far ahead is
// to be blocked there, and a busy-across slot far ahead is not made twice while it is not listed.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventWindow } from '../../../src/main/platform/client';
import { FAR_EVERY_MS } from '../../../src/main/sync/platform-read-tiers';
import { MEMORY_CALENDAR, MEMORY_PLATFORM_CALENDAR, MEMORY_USER } from '../../support/memory-sides';
import { memoryTwoLocations } from '../../support/memory-two-locations';
import { makeTempDir } from '../../support/temp-dir';

const DAY = 24 * 3_600_000;
const T0 = Date.parse('2031-03-01T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const utc = (ms: number) => iso(ms).replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const event = (uid: string, startMs: number) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${utc(T0)}`, `LAST-MODIFIED:${utc(T0)}`,
    `DTSTART:${utc(startMs)}`, `DTEND:${utc(startMs + 3_600_000)}`, `SUMMARY:${uid}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('loc-tiers-')));
afterEach(() => cleanup());

/** Two locations, synced once with an iCloud event 2 days ahead (near) and one 30 days ahead (far). */
async function twoLocations() {
  let clock = T0;
  const now = () => new Date(clock);
  const { icloud, one, two, store, sync } = await memoryTwoLocations(dir, { now, state: (state) => (state.settings.futureDays = 60) });
  const listed: Record<string, number[]> = { 'loc-1': [], 'loc-2': [] };
  for (const platform of [one, two]) {
    const list = platform.listBlockedSlots.bind(platform);
    // The end of each blocked-slot listing, per location.
    platform.listBlockedSlots = (window: EventWindow) => {
      listed[platform.locationId].push(Date.parse(String(window.endTime)));
      return list(window);
    };
  }
  icloud.userPut(MEMORY_CALENDAR, 'near.ics', event('near', T0 + 2 * DAY));
  icloud.userPut(MEMORY_CALENDAR, 'far.ics', event('far', T0 + 30 * DAY));
  const booked = one.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Far booking', startTime: iso(T0 + 20 * DAY), endTime: iso(T0 + 20 * DAY + 3_600_000) });
  const first = await sync();
  expect(first.outcome).toBe('ok');
  // Each location: a slot per iCloud event; the second also one blocking the first's booking.
  expect(one.blocks()).toHaveLength(2);
  expect(two.blocks()).toHaveLength(3);
  const readAt = async () => Object.fromEntries(Object.values((await store.read()).accounts.platforms).map((a) => [a.locationId, a.blockedSlotsReadAt]));
  /** Runs a cycle at `ms` and says, per location, whether it listed its whole window's blocked slots. */
  const syncAt = async (ms: number) => {
    clock = ms;
    for (const id of Object.keys(listed)) listed[id] = [];
    const report = await sync();
    expect(report.outcome).toBe('ok');
    const whole = (id: string) => listed[id].some((end) => end > ms + 50 * DAY);
    return { report, whole: { 'loc-1': whole('loc-1'), 'loc-2': whole('loc-2') } };
  };
  return { one, two, store, booked, readAt, syncAt };
}

describe('platform read tiers with two locations', () => {
  it('keeps each location\'s far tier on its own: one reading its whole window does not postpone or bring forward the other\'s', async () => {
    const { one, two, readAt, syncAt } = await twoLocations();
    expect(await readAt()).toEqual({ 'loc-1': iso(T0), 'loc-2': iso(T0) });

    // An idle cycle: both read their near tier only, neither far read is recorded, and with two
    // locations as with one it writes no state at all (issue 16's no-change cycle).
    const file = join(dir, 'state.json');
    const before = statSync(file, { bigint: true });
    expect((await syncAt(T0 + 5 * 60_000)).whole).toEqual({ 'loc-1': false, 'loc-2': false });
    const after = statSync(file, { bigint: true });
    expect([after.ino, after.mtimeNs, after.size]).toEqual([before.ino, before.mtimeNs, before.size]);
    expect(await readAt()).toEqual({ 'loc-1': iso(T0), 'loc-2': iso(T0) });

    // A booking 40 days ahead in the first location is to be blocked in the second: only the second
    // reads its whole window (to adopt or place that slot against all it holds), and records it.
    one.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Later booking', startTime: iso(T0 + 40 * DAY), endTime: iso(T0 + 40 * DAY + 3_600_000) });
    const booking = await syncAt(T0 + 30 * 60_000);
    expect(booking.whole).toEqual({ 'loc-1': false, 'loc-2': true });
    expect(two.blocks()).toHaveLength(4);
    expect(await readAt()).toEqual({ 'loc-1': iso(T0), 'loc-2': iso(T0 + 30 * 60_000) });

    // A far slot deleted in the second location by hand: seen at the second's own far tier.
    const farSlot = two.blocks().find((b) => b.title.includes('far'))!;
    two.events.delete(farSlot.id);
    const firstDue = await syncAt(T0 + FAR_EVERY_MS);
    expect(firstDue.whole).toEqual({ 'loc-1': true, 'loc-2': false });
    expect(firstDue.report.items.filter((item) => item.op === 'detach')).toEqual([]);
    expect(await readAt()).toEqual({ 'loc-1': iso(T0 + FAR_EVERY_MS), 'loc-2': iso(T0 + 30 * 60_000) });

    const secondDue = await syncAt(T0 + 30 * 60_000 + FAR_EVERY_MS);
    expect(secondDue.whole).toEqual({ 'loc-1': false, 'loc-2': true });
    expect(secondDue.report.items.filter((item) => item.op === 'detach').map((item) => item.pair)).toEqual([`${MEMORY_CALENDAR}far.ics|loc-2`]);
    expect(await readAt()).toEqual({ 'loc-1': iso(T0 + FAR_EVERY_MS), 'loc-2': iso(T0 + 30 * 60_000 + FAR_EVERY_MS) });
  });

  it('does not make a second busy-across slot for a far booking while that slot is not listed', async () => {
    const { two, booked, syncAt } = await twoLocations();
    const crossSlots = () => two.blocks().filter((b) => Date.parse(b.startTime) === Date.parse(booked.startTime));
    expect(crossSlots()).toHaveLength(1);
    for (const minutes of [5, 30, 59]) {
      const { report, whole } = await syncAt(T0 + minutes * 60_000);
      expect(whole['loc-2'], `after ${minutes} min`).toBe(false);
      expect(report.counts.platform.created, `after ${minutes} min`).toBe(0);
    }
    expect(crossSlots()).toHaveLength(1);
  });

  it('reads the rest of a location\'s window when its busy-across slot in the near tier is missing: moved far by hand, it is moved back, not made twice', async () => {
    const { one, two, syncAt } = await twoLocations();
    const soon = one.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Soon', startTime: iso(T0 + 3 * DAY), endTime: iso(T0 + 3 * DAY + 3_600_000) });
    await syncAt(T0 + 5 * 60_000);
    const slot = two.blocks().find((b) => Date.parse(b.startTime) === Date.parse(soon.startTime))!;
    const count = two.blocks().length;
    two.patch(slot.id, { startTime: iso(T0 + 45 * DAY), endTime: iso(T0 + 45 * DAY + 3_600_000) });
    const { report, whole } = await syncAt(T0 + 10 * 60_000);
    expect(whole['loc-2']).toBe(true);
    expect(report.counts.platform.created).toBe(0);
    expect(two.blocks()).toHaveLength(count);
    expect(Date.parse(two.events.get(slot.id)!.startTime)).toBe(Date.parse(soon.startTime));
  });

  // Hostile (issue 15/16 pass): the booking moved from far ahead into the near tier. Its busy-across
  // slot in the other location is still far ahead, so the near read does not list it; the planner
  // judged it "not read" and left it there, and the new hour was not blocked until the far read, up
  // to an hour later (a double booking in that hour).
  it('moves a busy-across slot in the same cycle its appointment moves from the far window into the near one', async () => {
    const { one, two, booked, syncAt } = await twoLocations();
    const count = two.blocks().length;
    const slot = two.blocks().find((b) => Date.parse(b.startTime) === Date.parse(booked.startTime))!;
    const soon = T0 + 3 * DAY;
    one.patch(booked.id, { startTime: iso(soon), endTime: iso(soon + 3_600_000) });
    const { report, whole } = await syncAt(T0 + 5 * 60_000);
    expect(whole['loc-2']).toBe(true);
    expect(report.counts.platform.created).toBe(0);
    expect(two.blocks()).toHaveLength(count);
    expect(Date.parse(two.events.get(slot.id)!.startTime)).toBe(soon);
  });
});
