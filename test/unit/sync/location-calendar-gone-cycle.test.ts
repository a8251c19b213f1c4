// A location's own iCloud calendar deleted in iCloud, through the real cycle over the memory sides:
// only that location is left out — nothing of it planned or written, nothing read recorded, its
// copies, pairs and blocked slots as they were — while the other location and the main calendar sync;
// the run fails naming the location and the calendar (iCloud's side). With another location failing
// as well, the one that needs the user is named, and the scheduler waits for the one that passes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/main/errors';
import { MEMORY_CALENDAR, MEMORY_PLATFORM_CALENDAR, MEMORY_USER } from '../../support/memory-sides';
import { memoryTwoLocations } from '../../support/memory-two-locations';
import { makeTempDir } from '../../support/temp-dir';

const HOUR = 3_600_000;
const T0 = Date.parse('2031-03-01T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const CLINIC = 'mem://icloud/alice/clinic/';
const event = (uid: string, title: string, start: number) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20310101T000000Z',
    `DTSTART:${iso(start).replace(/[-:]|\.\d+/g, '')}`, `DTEND:${iso(start + HOUR).replace(/[-:]|\.\d+/g, '')}`, `SUMMARY:${title}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
const book = (title: string, start: number) => ({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title, startTime: iso(start), endTime: iso(start + HOUR) });
const titles = (events: { title?: string }[]) => events.map((e) => e.title).sort();

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('loc-gone-')));
afterEach(() => cleanup());

/** loc-1's appointments go to "clinic", loc-2's to the main calendar; both synced once, then "clinic" is deleted in iCloud. */
async function clinicGone() {
  const world = await memoryTwoLocations(dir, {
    now: () => new Date(T0),
    state: (state) => {
      state.accounts.platforms['loc-1']!.icloudCalendar = CLINIC;
      state.accounts.platforms['loc-1']!.locationName = 'Lovelace Studio';
      state.links.names[CLINIC] = 'clinic';
    },
  });
  const { icloud, one, two, store, sync } = world;
  one.book(book('Sales call', T0 + 26 * HOUR));
  two.book(book('Consult', T0 + 28 * HOUR));
  icloud.userPut(CLINIC, 'inventory.ics', event('inventory', 'Inventory', T0 + 30 * HOUR));
  expect((await sync()).outcome).toBe('ok');
  expect(icloud.in(CLINIC)).toHaveLength(2); // Sales call's copy and Inventory
  const before = await store.read();
  const copies = { clinic: icloud.in(CLINIC), blocksOfOne: titles(one.blocks()) };
  expect(copies.blocksOfOne).toEqual(['Busy', 'Inventory']);
  const read = icloud.fetchChanges.bind(icloud);
  icloud.fetchChanges = (url, ...rest) => (url === CLINIC
    ? Promise.reject(new SyncError('gone', 'This calendar no longer exists in iCloud.', { side: 'icloud', status: 404 }))
    : read(url, ...rest));
  // Meanwhile: a booking in loc-2 and an event in the main calendar.
  two.book(book('Follow-up', T0 + 32 * HOUR));
  icloud.userPut(MEMORY_CALENDAR, 'gym.ics', event('gym', 'Gym', T0 + 34 * HOUR));
  return { ...world, before, copies };
}

describe('a location\'s own iCloud calendar deleted in iCloud', () => {
  it('leaves only that location out; the other and the main calendar sync; nothing of it changed or recorded', async () => {
    const { icloud, one, two, store, sync, before, copies } = await clinicGone();
    for (const cycle of [1, 2]) {
      const report = await sync();
      expect(report.outcome, `cycle ${cycle}`).toBe('failed');
      expect(report.error).toMatchObject({ kind: 'internal', side: 'icloud' });
      expect(report.error?.message).toBe('Location Lovelace Studio (loc-1): The iCloud calendar “clinic” no longer exists in iCloud: choose another for Lovelace Studio (Settings → Calendars, or icloud-sync link --location-id loc-1 --icloud default). Until then that location is left out of the sync, with nothing of it changed.');
      expect(report.locations?.map((l) => [l.id, l.outcome])).toEqual([['loc-1', 'failed'], ['loc-2', 'ok']]);
      // loc-2 synced: its new booking copied once, the main calendar's new event blocks it.
      expect(titles(icloud.in(MEMORY_CALENDAR).map((o) => ({ title: /SUMMARY:(.*)/.exec(o.data)?.[1]?.trim() })))).toEqual(['Consult', 'Follow-up', 'Gym']);
      expect(titles(two.blocks())).toEqual(['Busy', 'Gym', 'Inventory']);
      // loc-1 left out: no slot for Gym nor for the Follow-up, nothing released, nothing written in "clinic".
      expect(titles(one.blocks()), `cycle ${cycle}`).toEqual(copies.blocksOfOne);
      expect(one.appointments().map((a) => a.title)).toEqual(['Sales call']);
      expect(icloud.in(CLINIC)).toEqual(copies.clinic);
      const state = await store.read();
      for (const [key, pair] of Object.entries(before.pairs)) expect(state.pairs[key], key).toEqual(pair);
      expect(state.cursors, 'nothing read recorded: read again once it works').toEqual(before.cursors);
      const ofClinic = (objects: typeof state.objects) => Object.entries(objects).filter(([, o]) => o.calendarUrl === CLINIC);
      expect(ofClinic(state.objects), 'what is known of it stays').toEqual(ofClinic(before.objects));
      expect(state.scheduler.consecutiveFailures, 'the scheduler goes on for the other').toBe(0);
    }
  });

  it('with the other location throttled too: the gone calendar is the one named, the scheduler waits for the throttled one', async () => {
    const { two, store, sync } = await clinicGone();
    two.beforeRequest = () => { throw new SyncError('throttled', 'Too many requests.', { side: 'platform', status: 429, retryAfterMs: 60_000 }); };
    const report = await sync();
    expect(report.locations?.map((l) => [l.id, l.outcome])).toEqual([['loc-1', 'failed'], ['loc-2', 'failed']]);
    expect(report.error?.kind).toBe('internal');
    expect(report.error?.message).toContain('Location Lovelace Studio (loc-1): The iCloud calendar “clinic” no longer exists');
    const { scheduler } = await store.read();
    expect(scheduler.consecutiveFailures).toBe(1);
    expect(scheduler.retryAt).toBe(iso(T0 + 60_000));
  });
});
