// `npm run bench:sync`: the sync engine's figures (issues 5 and 10). Prints these lines at the end:
//   plan: <ms> ms for 10000 pairs, 1% changed                      (goal ≤ 50 ms)
//   initial-sync: <s> s for 2000 iCloud events, store <pct>% of it  (goal: store ≤ 10 %)
//   heap: <MB> MB after syncing 10000 pairs
//   hostile-series: <ms> ms, <n> slots for one FREQ=SECONDLY event  (goal < 2 s, n ≤ the cap of 500)
//   no-change: <ms> ms at 5000 events, <ms> ms at 500 (<ratio>x), floor <ms> ms  (goals ≤ 3× floor, ratio ≤ 1.5; see bench-no-change.ts)
//   multi-location: <s> s for 2 locations × 1000 events (one location: <s> s, <ratio>x; …; app CPU <s> s vs <s> s)  (goal ≤ 1.2×; see bench-multi-location.ts)
//   initial-sync-read: <s> s for 5000 events, initial-sync-rss: <MB> MB peak for 10000 events
//     (goals ≤ 3 s, ≤ 250 MB: a first sync by the built CLI; see bench-first-sync.ts)
// plan: the pure planner on 10,000 known pairs (5,000 appointments, 5,000 blocked slots) where 1 %
//   changed (50 appointments on the platform, 50 events in iCloud), median of 15 runs.
// initial-sync: a first sync through the services against Radicale (2,000 iCloud-style events with a
//   VTIMEZONE, seeded into its storage) and the emulator (rate limit raised); store = the time spent
//   writing the store (state.json, history.json) as a share of the sync's time. The size of
//   state.json against the events' ICS bytes is printed on a line of its own before the three.
// heap: the real cycle over in-memory sides syncing 5,000 appointments and 5,000 iCloud events, then
//   heapUsed after a GC (run with --expose-gc).
// hostile-series: the real cycle over in-memory sides with one iCloud event that repeats every second
//   without an end (begun an hour ago): the time of that one cycle and the blocked slots it made.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { IcsCodec } from '../src/main/icloud';
import { JsonDocument } from '../src/main/store/json-document';
import type { CalendarEvent } from '../src/main/platform/schemas';
import { appointmentContentFromPlatform, blockContentFromIcloud, hashContent } from '../src/main/sync/content';
import type { PairRecord } from '../src/main/sync/pair';
import { plan } from '../src/main/sync/plan';
import { appointmentKey, type IcloudObjectChange, type PlanInput } from '../src/main/sync/plan-input';
import { syncWindow } from '../src/main/sync/sync-window';
import { defaultSettings } from '../src/shared/settings';
import { createMemoryEngine, MEMORY_CALENDAR, MEMORY_PLATFORM_CALENDAR, MEMORY_USER } from '../test/support/memory-sides';
import { startSyncWorld } from '../test/support/sync-world';
import { makeTempDir } from '../test/support/temp-dir';
import { benchFirstSync } from './bench-first-sync';
import { benchNoChange } from './bench-no-change';
import { benchMultiLocation } from './bench-multi-location';
import { median } from './median';

const HOUR = 3_600_000;
const deadline = setTimeout(() => {
  console.error('bench-sync: gave up after 1800 s');
  process.exit(1);
}, 1_800_000); // the no-change and first-sync parts add worlds of 5,000, 500, 5,000 and 10,000 events

const newYork = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** An event as iCloud stores it (Apple's PRODID, a VTIMEZONE, an alarm): about 1 KB. */
function appleEvent(uid: string, title: string, startMs: number): string {
  const local = (ms: number) => newYork.format(new Date(ms)).replace(/(\d+)-(\d+)-(\d+),? (\d+):(\d+):(\d+)/, '$1$2$3T$4$5$6');
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Apple Inc.//macOS 15.1//EN', 'CALSCALE:GREGORIAN',
    'BEGIN:VTIMEZONE', 'TZID:America/New_York',
    'BEGIN:DAYLIGHT', 'TZOFFSETFROM:-0500', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU', 'DTSTART:20070311T020000', 'TZNAME:EDT', 'TZOFFSETTO:-0400', 'END:DAYLIGHT',
    'BEGIN:STANDARD', 'TZOFFSETFROM:-0400', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU', 'DTSTART:20071104T020000', 'TZNAME:EST', 'TZOFFSETTO:-0500', 'END:STANDARD',
    'END:VTIMEZONE', 'BEGIN:VEVENT', 'CREATED:20250105T181500Z', `DTEND;TZID=America/New_York:${local(startMs + HOUR)}`, 'DTSTAMP:20250105T181512Z',
    `DTSTART;TZID=America/New_York:${local(startMs)}`, 'LAST-MODIFIED:20250105T181509Z', 'SEQUENCE:0', `SUMMARY:${title}`, 'TRANSP:OPAQUE', `UID:${uid}`,
    'X-APPLE-CREATOR-IDENTITY:com.apple.mobilecal', 'X-APPLE-CREATOR-TEAM-IDENTITY:0000000000',
    'BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Reminder', 'TRIGGER:-PT15M', `UID:${uid}-alarm`, `X-WR-ALARMUID:${uid}-alarm`, 'END:VALARM',
    'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

async function benchPlan(): Promise<number> {
  const codec = new IcsCodec();
  const now = new Date('2031-03-01T00:00:00Z');
  const settings = { ...defaultSettings };
  const window = syncWindow(now, settings);
  const context = { userId: MEMORY_USER, linkedCalendarUrl: MEMORY_CALENDAR, platformCalendarIds: [MEMORY_PLATFORM_CALENDAR], zone: 'America/New_York', floatingZone: 'America/New_York', window };
  const pairs: Record<string, PairRecord> = {};
  const events: CalendarEvent[] = [];
  const changed: IcloudObjectChange[] = [];
  const slotStart = (i: number) => now.getTime() + 24 * HOUR + (i % 1400) * 1.5 * HOUR;
  for (let i = 0; i < 5000; i++) {
    const start = new Date(slotStart(i)).toISOString();
    const end = new Date(slotStart(i) + HOUR).toISOString();
    const appointment: CalendarEvent = {
      id: `appt${i}`, title: `Appointment ${i}`, calendarId: MEMORY_PLATFORM_CALENDAR, locationId: 'loc', contactId: 'c1', assignedUserId: MEMORY_USER,
      users: [], appointmentStatus: 'confirmed', startTime: start, endTime: end,
    };
    const hash = hashContent(appointmentContentFromPlatform(appointment));
    const key = appointmentKey(appointment.id);
    pairs[key] = {
      key, owner: 'platform', status: 'synced', title: appointment.title, start, end, allDay: false, platformId: appointment.id, platformKind: 'appointment',
      icloud: { href: `${MEMORY_CALENDAR}m${i}.ics`, etag: `"m${i}"`, uid: `m${i}@x`, calendarUrl: MEMORY_CALENDAR, source: 'linked' }, hashes: { icloud: hash, platform: hash }, updatedAt: now.toISOString(),
    };
    // 1 %: 50 appointments changed on the platform.
    events.push(i % 100 === 0 ? { ...appointment, title: `${appointment.title} (moved)` } : appointment);
  }
  for (let i = 0; i < 5000; i++) {
    const uid = `ev${i}`;
    const parsed = codec.parse(appleEvent(uid, `Event ${i}`, slotStart(i) + HOUR / 2), { floatingZone: 'America/New_York' });
    if (!parsed.ok) throw new Error(parsed.error);
    const [occ] = codec.expand(parsed.object, window);
    const content = blockContentFromIcloud(occ, settings, context.zone);
    const hash = hashContent(content);
    const href = `${MEMORY_CALENDAR}${uid}.ics`;
    pairs[occ.key] = {
      key: occ.key, owner: 'icloud', status: 'synced', title: occ.title, start: content.start, end: content.end, allDay: false, platformId: `blk${i}`, platformKind: 'block',
      icloud: { href, etag: `"e${i}"`, uid, calendarUrl: MEMORY_CALENDAR, source: 'linked' }, hashes: { icloud: hash, platform: hash }, updatedAt: now.toISOString(),
    };
    events.push({ id: `blk${i}`, title: occ.title, locationId: 'loc', assignedUserId: MEMORY_USER, users: [], startTime: content.start, endTime: content.end });
    if (i % 100 === 0) {
      // 1 %: 50 events changed in iCloud (what the change feed hands the planner).
      const edited = codec.parse(appleEvent(uid, `Event ${i} (edited)`, slotStart(i) + HOUR / 2), { floatingZone: 'America/New_York' });
      if (!edited.ok) throw new Error(edited.error);
      changed.push({ href, etag: `"e${i}b"`, calendarUrl: MEMORY_CALENDAR, source: 'linked', recurring: false, occurrences: codec.expand(edited.object, window) });
    }
  }
  const input: PlanInput = { pairs, intents: {}, icloud: { changed, deleted: [], failures: [] }, platform: { events, lookups: {} }, settings, context, now };
  const times: number[] = [];
  let ops = 0;
  for (let run = 0; run < 20; run++) {
    const started = performance.now();
    ops = plan(input).length;
    if (run >= 5) times.push(performance.now() - started);
  }
  if (ops !== 100) throw new Error(`the planner should produce 100 operations for 1 % changed, not ${ops}`);
  return median(times);
}

/** `count` iCloud-style events, 25 a day from tomorrow, keyed by file name (a Radicale seed). */
function appleEvents(count: number): Record<string, string> {
  const events: Record<string, string> = {};
  const base = Date.now() + 24 * HOUR;
  for (let i = 0; i < count; i++) events[`${i.toString(16).padStart(8, '0')}-5E1C-4C8E-9B1F-2D2A6C9F0A11.ics`] = appleEvent(`${i.toString(16).padStart(8, '0')}-5E1C-4C8E-9B1F-2D2A6C9F0A11`, `Meeting ${i}`, base + Math.floor(i / 25) * 24 * HOUR + (i % 25) * 0.5 * HOUR);
  return events;
}

async function benchInitialSync(): Promise<{ seconds: number; pct: number; sizePct: number }> {
  const events = appleEvents(2000);
  const icsBytes = Object.values(events).reduce((sum, ics) => sum + Buffer.byteLength(ics), 0);
  const world = await startSyncWorld({ radicaleSeed: [{ user: 'alice@example.com', name: 'work', displayName: 'Work', events }] });
  try {
    // Time every write of a store document (atomic write of state.json / history.json).
    const write = JsonDocument.prototype.write;
    let storeMs = 0;
    JsonDocument.prototype.write = async function timed(this: JsonDocument<unknown>, value: unknown) {
      const begun = performance.now();
      try {
        return await write.call(this, value);
      } finally {
        storeMs += performance.now() - begun;
      }
    };
    const started = performance.now();
    const report = await world.sync().finally(() => (JsonDocument.prototype.write = write));
    const elapsedMs = performance.now() - started;
    if (report.outcome !== 'ok' || report.counts.platform.created !== 2000) throw new Error(`initial sync: ${report.outcome}, ${report.counts.platform.created} created`);
    const store = statSync(join(world.dataDir, 'state.json')).size;
    return { seconds: elapsedMs / 1000, pct: (storeMs / elapsedMs) * 100, sizePct: (store / icsBytes) * 100 };
  } finally {
    await world.stop();
  }
}

async function benchHeap(): Promise<number> {
  const { dir, cleanup } = await makeTempDir('bench-sync-heap-');
  try {
    const now = () => new Date('2031-03-01T00:00:00Z');
    const engine = await createMemoryEngine({ dataDir: dir, now, settings: { futureDays: 365 } });
    const base = now().getTime() + 24 * HOUR;
    for (let i = 0; i < 5000; i++) {
      const start = base + (i % 2000) * 1.5 * HOUR;
      engine.platform.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: `Appointment ${i}`, startTime: new Date(start).toISOString(), endTime: new Date(start + HOUR).toISOString() });
      engine.icloud.userPut(MEMORY_CALENDAR, `ev${i}.ics`, appleEvent(`ev${i}`, `Event ${i}`, start + HOUR / 2));
    }
    const report = await engine.sync();
    const pairCount = Object.keys((await engine.store.read()).pairs).length;
    if (report.outcome !== 'ok' || pairCount !== 10_000) throw new Error(`heap bench: ${report.outcome}, ${pairCount} pairs, ${JSON.stringify(report.counts)}`);
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed / 1024 / 1024;
  } finally {
    await cleanup();
  }
}

async function benchHostileSeries(): Promise<{ ms: number; slots: number }> {
  const { dir, cleanup } = await makeTempDir('bench-sync-hostile-');
  try {
    const engine = await createMemoryEngine({ dataDir: dir, now: () => new Date() });
    const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const start = Date.now() - HOUR;
    engine.icloud.userPut(MEMORY_CALENDAR, 'hostile.ics', [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN', 'BEGIN:VEVENT', 'UID:hostile', 'DTSTAMP:20250101T000000Z',
      `DTSTART:${stamp(start)}`, `DTEND:${stamp(start + 1000)}`, 'SUMMARY:Every second', 'RRULE:FREQ=SECONDLY', 'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\r\n'));
    const started = performance.now();
    const report = await engine.sync();
    const ms = performance.now() - started;
    if (report.outcome !== 'ok') throw new Error(`hostile series: ${report.outcome}, ${JSON.stringify(report.error)}`);
    return { ms, slots: engine.platform.blocks().length };
  } finally {
    await cleanup();
  }
}

// BENCH_ONLY=plan|initial|heap|hostile|nochange|multi|first runs one part (the others print 0).
const only = process.env.BENCH_ONLY;
const planMs = only && only !== 'plan' ? 0 : await benchPlan();
const initial = only && only !== 'initial' ? { seconds: 0, pct: 0, sizePct: 0 } : await benchInitialSync();
const heapMb = only && only !== 'heap' ? 0 : await benchHeap();
const hostile = only && only !== 'hostile' ? { ms: 0, slots: 0 } : await benchHostileSeries();
const noChange = only && only !== 'nochange' ? 'no-change: 0 ms at 5000 events, 0 ms at 500 (0x), floor 0 ms' : await benchNoChange(appleEvents);
const multi = only && only !== 'multi' ? 'multi-location: 0 s for 2 locations × 1000 events (one location: 0 s, 0x)' : await benchMultiLocation(appleEvents);
const firstSync = only && only !== 'first' ? ['initial-sync-read: 0 s for 5000 events', 'initial-sync-rss: 0 MB peak for 10000 events'] : await benchFirstSync(appleEvent);
clearTimeout(deadline);
console.log(`state-size: state.json is ${initial.sizePct.toFixed(1)}% of the 2000 events' ICS bytes`);
console.log(`plan: ${planMs.toFixed(1)} ms for 10000 pairs, 1% changed`);
console.log(`initial-sync: ${initial.seconds.toFixed(1)} s for 2000 iCloud events, store ${initial.pct.toFixed(1)}% of it`);
console.log(`heap: ${heapMb.toFixed(0)} MB after syncing 10000 pairs`);
console.log(`hostile-series: ${hostile.ms.toFixed(0)} ms, ${hostile.slots} slots for one FREQ=SECONDLY event`);
console.log(noChange);
console.log(multi);
for (const line of firstSync) console.log(line);
