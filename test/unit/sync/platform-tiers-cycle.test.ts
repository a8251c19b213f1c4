// The worst-case delays of docs/DESIGN.md "Platform read tiers", proven on the real cycle over the
// memory sides with a fake clock: appointments and near blocked slots at the next cycle, far blocked
// slots at the far tier (FAR_EVERY_MS) and never wrongly before it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventWindow } from '../../../src/main/platform/client';
import { FAR_EVERY_MS } from '../../../src/main/sync/platform-read-tiers';
import { firstPlatform } from '../../../src/main/store/locations';
import { SyncError } from '../../../src/main/errors';
import { createMemoryEngine, MEMORY_CALENDAR, MEMORY_PLATFORM_CALENDAR, MEMORY_USER } from '../../support/memory-sides';
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
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('tiers-')));
afterEach(() => cleanup());

/** An engine synced once with an event 2 days ahead (near) and one 30 days ahead (far). */
async function syncedWorld(settings = {}) {
  let clock = T0;
  const engine = await createMemoryEngine({ dataDir: dir, now: () => new Date(clock), settings: { futureDays: 60, ...settings } });
  engine.icloud.userPut(MEMORY_CALENDAR, 'near.ics', event('near', T0 + 2 * DAY));
  engine.icloud.userPut(MEMORY_CALENDAR, 'far.ics', event('far', T0 + 30 * DAY));
  expect((await engine.sync()).counts.platform.created).toBe(2);
  const listed: { start: number; end: number }[] = [];
  const list = engine.platform.listBlockedSlots.bind(engine.platform);
  engine.platform.listBlockedSlots = (window: EventWindow) => {
    listed.push({ start: Date.parse(iso(Date.parse(String(window.startTime)))), end: Date.parse(iso(Date.parse(String(window.endTime)))) });
    return list(window);
  };
  const blockOf = (title: string) => engine.platform.blocks().find((b) => b.title.includes(title))!;
  const pairOf = async (href: string) => (await engine.store.read()).pairs[`${MEMORY_CALENDAR}${href}`];
  const at = (ms: number) => void (clock = ms);
  return { engine, listed, blockOf, pairOf, at };
}

describe('platform read tiers in a cycle', () => {
  it('an idle cycle lists blocked slots only up to the near tier; the whole window an hour after the last whole read', async () => {
    const { engine, listed, at } = await syncedWorld();
    at(T0 + 5 * 60_000);
    await engine.sync();
    expect(listed).toHaveLength(1);
    expect(listed[0].end).toBe(T0 + 5 * 60_000 + 7 * DAY);
    at(T0 + FAR_EVERY_MS);
    await engine.sync();
    expect(listed).toHaveLength(2);
    expect(listed[1].end).toBeGreaterThan(T0 + 59 * DAY);
    expect(firstPlatform(await engine.store.read())!.blockedSlotsReadAt).toBe(iso(T0 + FAR_EVERY_MS));
  });

  it('a far blocked slot deleted on the platform is seen at the far tier, not before, and nothing is done meanwhile', async () => {
    const { engine, blockOf, pairOf, at } = await syncedWorld();
    engine.platform.events.delete(blockOf('far').id);
    for (const minutes of [5, 30, 59]) {
      at(T0 + minutes * 60_000);
      const report = await engine.sync();
      expect(report.outcome).toBe('ok');
      expect(report.items, `after ${minutes} min`).toEqual([]);
      expect((await pairOf('far.ics')).status).toBe('synced');
    }
    at(T0 + FAR_EVERY_MS);
    await engine.sync();
    expect((await pairOf('far.ics')).status).toBe('detached');
    expect(engine.icloud.objects.has(`${MEMORY_CALENDAR}far.ics`)).toBe(true);
  });

  it('a far blocked slot edited on the platform reaches iCloud at the far tier', async () => {
    const { engine, blockOf, at } = await syncedWorld();
    engine.platform.patch(blockOf('far').id, { startTime: iso(T0 + 31 * DAY), endTime: iso(T0 + 31 * DAY + 3_600_000) });
    at(T0 + 30 * 60_000);
    expect((await engine.sync()).counts.icloud.updated).toBe(0);
    at(T0 + FAR_EVERY_MS);
    expect((await engine.sync()).counts.icloud.updated).toBe(1);
    expect(engine.icloud.objects.get(`${MEMORY_CALENDAR}far.ics`)!.data).toContain(`DTSTART:${utc(T0 + 31 * DAY)}`);
  });

  it('a near blocked slot deleted on the platform is seen at the next cycle', async () => {
    const { engine, blockOf, pairOf, at } = await syncedWorld();
    engine.platform.events.delete(blockOf('near').id);
    at(T0 + 5 * 60_000);
    await engine.sync();
    expect((await pairOf('near.ics')).status).toBe('detached');
  });

  it('a near blocked slot moved into the far part on the platform is an edit at the next cycle, not a deletion', async () => {
    const { engine, blockOf, pairOf, at, listed } = await syncedWorld();
    engine.platform.patch(blockOf('near').id, { startTime: iso(T0 + 20 * DAY), endTime: iso(T0 + 20 * DAY + 3_600_000) });
    at(T0 + 5 * 60_000);
    const report = await engine.sync();
    expect(listed).toHaveLength(2); // the near tier missed it, so the rest of the window was read
    expect(report.counts.icloud.updated).toBe(1);
    expect((await pairOf('near.ics')).status).toBe('synced');
    expect(engine.icloud.objects.get(`${MEMORY_CALENDAR}near.ics`)!.data).toContain(`DTSTART:${utc(T0 + 20 * DAY)}`);
  });

  it('an iCloud edit of a far event whose slot the platform also edited is a conflict, never an overwrite', async () => {
    const { engine, blockOf, pairOf, at } = await syncedWorld({ conflictPolicy: 'ask' });
    const block = blockOf('far');
    engine.platform.patch(block.id, { title: 'Moved by the platform', startTime: iso(T0 + 32 * DAY), endTime: iso(T0 + 32 * DAY + 3_600_000) });
    engine.icloud.userPut(MEMORY_CALENDAR, 'far.ics', event('far', T0 + 33 * DAY));
    at(T0 + 5 * 60_000);
    const report = await engine.sync();
    expect(report.counts.conflicts).toBe(1);
    expect((await pairOf('far.ics')).status).toBe('conflict');
    expect(engine.platform.events.get(block.id)!.startTime).toBe(iso(T0 + 32 * DAY));
  });

  it('new, moved and cancelled bookings far ahead are seen at the next cycle', async () => {
    const { engine, at } = await syncedWorld();
    const booked = engine.platform.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Far booking', startTime: iso(T0 + 40 * DAY), endTime: iso(T0 + 40 * DAY + 3_600_000) });
    at(T0 + 60_000);
    expect((await engine.sync()).counts.icloud.created).toBe(1);
    engine.platform.patch(booked.id, { startTime: iso(T0 + 41 * DAY), endTime: iso(T0 + 41 * DAY + 3_600_000) });
    at(T0 + 2 * 60_000);
    expect((await engine.sync()).counts.icloud.updated).toBe(1);
    engine.platform.patch(booked.id, { appointmentStatus: 'cancelled' });
    at(T0 + 3 * 60_000);
    expect((await engine.sync()).counts.icloud.deleted).toBe(1);
  });

  it('after a failed cycle the next one reads the whole window', async () => {
    const { engine, listed, at } = await syncedWorld();
    engine.platform.beforeRequest = (what) => {
      if (what === 'listAppointments') throw new SyncError('network', 'the platform is unreachable', { side: 'platform' });
    };
    at(T0 + 60_000);
    expect((await engine.sync()).outcome).toBe('failed');
    engine.platform.beforeRequest = undefined;
    listed.length = 0;
    at(T0 + 2 * 60_000);
    expect((await engine.sync()).outcome).toBe('ok');
    expect(listed).toHaveLength(1);
    expect(listed[0].end).toBeGreaterThan(T0 + 59 * DAY);
  });
});
