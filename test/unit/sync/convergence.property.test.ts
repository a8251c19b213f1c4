// Property: whatever the user does on either side between syncs (create, edit, move, cancel, delete,
// on the platform and in iCloud), the engine — the real planner, executor, state.json and IcsCodec,
// over in-memory sides — converges, never duplicates an event, and never deletes or cancels an
// owner's event because its mirror was deleted (DESIGN §1: a deletion travels from the owner to its
// mirror, never back).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/run-report';
import { PLATFORM_ID_PROP } from '../../../src/main/icloud/codec';
import { FAR_EVERY_MS } from '../../../src/main/sync/platform-read-tiers';
import { syncWindow } from '../../../src/main/sync/sync-window';
import { createMemoryEngine, MEMORY_CALENDAR, MEMORY_PLATFORM_CALENDAR, MEMORY_USER } from '../../support/memory-sides';
import { makeTempDir } from '../../support/temp-dir';

const START = Date.parse('2030-01-10T00:00:00Z');
const HOUR = 3_600_000;
const slotTime = (slot: number) => START + 24 * HOUR + slot * 2 * HOUR;
const utc = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

type Action =
  | { t: 'book'; slot: number }
  | { t: 'apptTitle'; k: number; v: string }
  | { t: 'apptMove'; k: number; slot: number }
  | { t: 'apptCancel'; k: number }
  | { t: 'apptDelete'; k: number }
  | { t: 'blockMove'; k: number; slot: number }
  | { t: 'blockDelete'; k: number }
  | { t: 'userBlock'; slot: number }
  | { t: 'icCreate'; slot: number; weekly: boolean }
  | { t: 'icTitle'; k: number; v: string }
  | { t: 'icMove'; k: number; slot: number }
  | { t: 'icDelete'; k: number }
  | { t: 'sync' };

const slot = fc.integer({ min: 0, max: 40 });
const k = fc.nat(50);
const title = fc.constantFrom('Alpha', 'Beta', 'Gamma', 'Delta');
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('book' as const), slot }), weight: 3 },
  fc.record({ t: fc.constant('apptTitle' as const), k, v: title }),
  fc.record({ t: fc.constant('apptMove' as const), k, slot }),
  fc.record({ t: fc.constant('apptCancel' as const), k }),
  fc.record({ t: fc.constant('apptDelete' as const), k }),
  fc.record({ t: fc.constant('blockMove' as const), k, slot }),
  fc.record({ t: fc.constant('blockDelete' as const), k }),
  fc.record({ t: fc.constant('userBlock' as const), slot }),
  { arbitrary: fc.record({ t: fc.constant('icCreate' as const), slot, weekly: fc.boolean() }), weight: 3 },
  fc.record({ t: fc.constant('icTitle' as const), k, v: title }),
  fc.record({ t: fc.constant('icMove' as const), k, slot }),
  fc.record({ t: fc.constant('icDelete' as const), k }),
  { arbitrary: fc.constant({ t: 'sync' as const }), weight: 3 },
);

function userEvent(uid: string, name: string, start: number, weekly: boolean, modified: number): string {
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${utc(modified)}`, `LAST-MODIFIED:${utc(modified)}`,
    `DTSTART:${utc(start)}`, `DTEND:${utc(start + HOUR)}`, `SUMMARY:${name}`, ...(weekly ? ['RRULE:FREQ=WEEKLY;COUNT=3'] : []), 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

/** Edit one property line of every VEVENT (the mirror keeps its X-properties). */
function setLine(ics: string, name: string, value: string): string {
  return ics.replace(new RegExp(`^${name}(;[^:\\r\\n]*)?:.*$`, 'gm'), `${name}:${value}`);
}

const writes = (r: RunReport) => r.counts.icloud.created + r.counts.icloud.updated + r.counts.icloud.deleted + r.counts.platform.created + r.counts.platform.updated + r.counts.platform.deleted;

async function scenario(actions: Action[], policy: 'ask' | 'platform' | 'icloud' | 'newest'): Promise<void> {
  const { dir, cleanup } = await makeTempDir('convergence-');
  let clock = START;
  const now = () => new Date(clock);
  try {
    const engine = await createMemoryEngine({ dataDir: dir, now, settings: { conflictPolicy: policy, futureDays: 60 } });
    const { icloud, platform } = engine;
    // What the user (not the engine) owns and did: the oracle for "never delete an owner's event".
    const cancelledByUser = new Set<string>();
    const userBlocks = new Map<string, { start: string; end: string; title: string }>();
    const ownHrefs = new Set<string>();
    let uid = 0;

    for (const a of actions) {
      clock += 60_000;
      const appts = platform.appointments().filter((e) => e.appointmentStatus !== 'cancelled');
      const engineBlocks = platform.blocks().filter((b) => !userBlocks.has(b.id));
      const objects = icloud.in(MEMORY_CALENDAR);
      const pick = <T>(list: T[], i: number) => (list.length ? list[i % list.length] : undefined);
      switch (a.t) {
        case 'book':
          platform.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: `Appt ${a.slot}`, startTime: new Date(slotTime(a.slot)).toISOString(), endTime: new Date(slotTime(a.slot) + HOUR).toISOString() });
          break;
        case 'apptTitle': { const e = pick(appts, a.k); if (e) platform.patch(e.id, { title: a.v }); break; }
        case 'apptMove': { const e = pick(appts, a.k); if (e) platform.patch(e.id, { startTime: new Date(slotTime(a.slot)).toISOString(), endTime: new Date(slotTime(a.slot) + HOUR).toISOString() }); break; }
        case 'apptCancel': { const e = pick(appts, a.k); if (e) { platform.patch(e.id, { appointmentStatus: 'cancelled' }); cancelledByUser.add(e.id); } break; }
        case 'apptDelete': { const e = pick(appts, a.k); if (e) platform.events.delete(e.id); break; }
        case 'blockMove': { const b = pick(engineBlocks, a.k); if (b) platform.patch(b.id, { startTime: new Date(slotTime(a.slot)).toISOString(), endTime: new Date(slotTime(a.slot) + HOUR).toISOString() }); break; }
        case 'blockDelete': { const b = pick(engineBlocks, a.k); if (b) platform.events.delete(b.id); break; }
        case 'userBlock': {
          const b = platform.insert({ title: 'Lunch', assignedUserId: MEMORY_USER, startTime: new Date(slotTime(a.slot)).toISOString(), endTime: new Date(slotTime(a.slot) + HOUR).toISOString() });
          userBlocks.set(b.id, { start: b.startTime, end: b.endTime, title: b.title });
          break;
        }
        case 'icCreate': {
          uid += 1;
          ownHrefs.add(icloud.userPut(MEMORY_CALENDAR, `own-${uid}.ics`, userEvent(`own-${uid}`, `Event ${uid}`, slotTime(a.slot) + HOUR / 2, a.weekly, clock)));
          break;
        }
        case 'icTitle': { const o = pick(objects, a.k); if (o) icloud.userPut(MEMORY_CALENDAR, o.href.slice(MEMORY_CALENDAR.length), setLine(setLine(o.data, 'SUMMARY', a.v), 'LAST-MODIFIED', utc(clock))); break; }
        case 'icMove': {
          const o = pick(objects, a.k);
          if (o && !o.data.includes('RECURRENCE-ID')) {
            const start = slotTime(a.slot) + HOUR / 2;
            icloud.userPut(MEMORY_CALENDAR, o.href.slice(MEMORY_CALENDAR.length), setLine(setLine(setLine(o.data, 'DTSTART', utc(start)), 'DTEND', utc(start + HOUR)), 'LAST-MODIFIED', utc(clock)));
          }
          break;
        }
        case 'icDelete': { const o = pick(objects, a.k); if (o) { icloud.userDelete(o.href); ownHrefs.delete(o.href); } break; }
        case 'sync': {
          const report = await engine.sync();
          expect(['ok', 'partial', 'guarded']).toContain(report.outcome);
          expect(report.counts.errors, JSON.stringify(report.items)).toBe(0);
          break;
        }
      }
    }

    // Settle, once the far read tier is due (platform-read-tiers.ts: a blocked slot edited or deleted
    // on the platform beyond the near tier is seen within FAR_EVERY_MS): confirm whatever the deletion
    // guard held back, then the engine must be at rest.
    clock += FAR_EVERY_MS;
    await engine.sync({ allowDeletions: true });
    await engine.sync();
    const last = await engine.sync();
    expect(last.counts.errors, JSON.stringify(last.items)).toBe(0);
    expect(writes(last), JSON.stringify(last.items)).toBe(0);
    expect(['ok', 'partial']).toContain(last.outcome);

    const state = await engine.store.read();
    const pairs = Object.values(state.pairs);
    const objects = icloud.in(MEMORY_CALENDAR);
    const parsed = objects.map((o) => ({ ...o, parsed: engine.codec.parse(o.data, { floatingZone: 'UTC', source: o.href }) }));

    // Never a duplicate: one iCloud copy per appointment, one pair per copy, one pair per engine slot.
    const copies = new Map<string, number>();
    for (const o of parsed) {
      if (!o.parsed.ok) throw new Error(o.parsed.error);
      const id = o.parsed.object.events[0]?.xProps[PLATFORM_ID_PROP];
      if (id) copies.set(id, (copies.get(id) ?? 0) + 1);
    }
    for (const [id, n] of copies) expect(n, `iCloud copies of appointment ${id}`).toBe(1);
    const byPlatformId = new Map<string, number>();
    for (const p of pairs) if (p.platformId && p.status !== 'detached') byPlatformId.set(p.platformId, (byPlatformId.get(p.platformId) ?? 0) + 1);
    for (const [id, n] of byPlatformId) expect(n, `pairs of platform event ${id}`).toBe(1);
    for (const block of platform.blocks()) {
      if (userBlocks.has(block.id)) continue;
      expect(byPlatformId.get(block.id), `engine-made blocked slot ${block.id} (${block.title}) belongs to one pair`).toBe(1);
    }
    for (const o of parsed) {
      const id = o.parsed.ok ? o.parsed.object.events[0]?.xProps[PLATFORM_ID_PROP] : undefined;
      if (id) expect(pairs.filter((p) => p.icloud?.href === o.href && p.status !== 'detached'), `pair of mirror ${o.href}`).toHaveLength(1);
    }

    // Never deleted or cancelled an owner's event on the user's behalf.
    for (const e of platform.appointments()) {
      if (!cancelledByUser.has(e.id)) expect(e.appointmentStatus, `appointment ${e.id}`).toBe('confirmed');
    }
    for (const href of ownHrefs) expect(icloud.objects.has(href), `own iCloud event ${href}`).toBe(true);
    for (const [id, before] of userBlocks) expect(platform.events.get(id), `user-made blocked slot ${id}`).toMatchObject({ startTime: before.start, endTime: before.end, title: before.title });

    // Converged: every synced pair shows the same thing on both sides; every live event is paired.
    const window = syncWindow(now(), state.settings);
    for (const p of pairs.filter((x) => x.status === 'synced')) {
      const event = platform.events.get(p.platformId!)!;
      expect(event, `platform side of ${p.key}`).toBeDefined();
      const object = parsed.find((o) => o.href === p.icloud?.href);
      expect(object, `iCloud side of ${p.key}`).toBeDefined();
      if (!object?.parsed.ok) continue;
      const occurrence = engine.codec.expand(object.parsed.object, window).find((o) => p.owner === 'platform' || o.recurrenceId === p.icloud?.recurrenceId);
      expect(occurrence, `occurrence of ${p.key}`).toBeDefined();
      expect(occurrence!.title, `title of ${p.key}`).toBe(event.title);
      expect(Date.parse(occurrence!.start.iso), `start of ${p.key}`).toBe(Date.parse(event.startTime));
    }
    for (const e of platform.appointments()) {
      if (e.appointmentStatus === 'cancelled') continue;
      expect(pairs.some((p) => p.platformId === e.id), `appointment ${e.id} is paired`).toBe(true);
    }
    for (const o of parsed) {
      if (!o.parsed.ok || o.parsed.object.events[0]?.xProps[PLATFORM_ID_PROP]) continue;
      for (const occ of engine.codec.expand(o.parsed.object, window)) {
        expect(pairs.some((p) => p.icloud?.href === o.href && p.icloud?.recurrenceId === occ.recurrenceId), `iCloud occurrence ${occ.key} of ${o.href} is paired`).toBe(true);
      }
    }
  } finally {
    await cleanup();
  }
}

describe('sync engine convergence (property)', () => {
  it('random edits, deletes and syncs on both sides converge, never duplicate, never delete an owner for its mirror', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 10, maxLength: 50, size: 'max' }), fc.constantFrom('ask', 'platform', 'icloud', 'newest'), scenario),
      { numRuns: 80, interruptAfterTimeLimit: 60_000 },
    );
  }, 90_000);
});
