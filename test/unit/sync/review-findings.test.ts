// Regressions found by a review of the engine (each scenario a user could hit), run over the real
// cycle with in-memory sides.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/main/errors';
import { OutcomeUnknownError } from '../../../src/main/platform/platform-errors';
import { RequestCounter } from '../../../src/main/request-counter';
import { HistoryStore } from '../../../src/main/store/history-store';
import { SyncService } from '../../../src/main/sync/sync-service';
import { MEMORY_CALENDAR, MEMORY_PLATFORM_CALENDAR, MEMORY_USER, createMemoryEngine } from '../../support/memory-sides';

const HOUR = 3_600_000;
const BUSY = 'mem://icloud/alice/home/';
const utc = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
function userEvent(uid: string, title: string, start: number): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${utc(start)}`,
    `DTSTART:${utc(start)}`, `DTEND:${utc(start + HOUR)}`, `SUMMARY:${title}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
}
const setSummary = (ics: string, title: string) => ics.replace(/^SUMMARY(;[^:\r\n]*)?:.*$/m, `SUMMARY:${title}`);

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function engine(settings: Record<string, unknown> = {}) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'review-'));
  dirs.push(dir);
  const clock = { t: Date.parse('2030-01-10T08:00:00Z') };
  const now = () => new Date(clock.t);
  const e = await createMemoryEngine({ dataDir: dir, now, settings: { futureDays: 30, ...settings } });
  const svc = new SyncService({ store: e.store, history: new HistoryStore(dir), codec: e.codec, counter: new RequestCounter(), now, sides: async () => ({ icloud: e.icloud, platform: e.platform }) });
  return { ...e, svc, clock };
}

describe('review findings', () => {
  it('S3: an appointment rescheduled after its pair left the window moves its existing iCloud copy', async () => {
    const e = await engine({ pastDays: 7 });
    const start = Date.parse('2030-01-11T10:00:00Z');
    const appt = e.platform.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Checkup', startTime: new Date(start).toISOString(), endTime: new Date(start + HOUR).toISOString() });
    await e.sync();
    e.clock.t += 10 * 24 * HOUR;
    await e.sync();
    await e.sync();
    const moved = e.clock.t + 5 * 24 * HOUR;
    e.platform.patch(appt.id, { startTime: new Date(moved).toISOString(), endTime: new Date(moved + HOUR).toISOString() });
    await e.sync();
    e.clock.t += 24 * HOUR;
    await e.sync();
    expect(Date.parse(e.platform.events.get(appt.id)!.startTime)).toBe(moved);
    const reread = e.codec.parse(e.icloud.in(MEMORY_CALENDAR)[0].data, { floatingZone: 'UTC' });
    expect(reread.ok && Date.parse(reread.object.events[0].start.iso)).toBe(moved);
  });

  it('S17: a held conflict takes the newest iCloud edit, and keeping the platform version then works', async () => {
    const e = await engine({ conflictPolicy: 'ask' });
    const start = Date.parse('2030-01-12T10:00:00Z');
    const appt = e.platform.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Visit', startTime: new Date(start).toISOString(), endTime: new Date(start + HOUR).toISOString() });
    await e.sync();
    const [mirror] = e.icloud.in(MEMORY_CALENDAR);
    const file = mirror.href.slice(MEMORY_CALENDAR.length);
    e.platform.patch(appt.id, { title: 'Visit (platform)' });
    e.icloud.userPut(MEMORY_CALENDAR, file, setSummary(mirror.data, 'Visit (icloud 1)'));
    expect((await e.sync()).counts.conflicts).toBe(1);
    e.icloud.userPut(MEMORY_CALENDAR, file, setSummary(e.icloud.in(MEMORY_CALENDAR)[0].data, 'Visit (icloud 2)'));
    await e.sync();
    const conflicts = (await e.store.read()).pairs[`appt:${appt.id}`].conflict!;
    expect(conflicts.icloud.title).toBe('Visit (icloud 2)');
    await e.svc.resolve([`appt:${appt.id}`], 'platform', 'manual');
    expect(e.icloud.in(MEMORY_CALENDAR)[0].data).toContain('SUMMARY:Visit (platform)');
  });

  it('S11: an iCloud event deleted while its conflict is held deletes its blocked slot', async () => {
    const e = await engine({ conflictPolicy: 'ask' });
    const start = Date.parse('2030-01-12T10:00:00Z');
    const href = e.icloud.userPut(MEMORY_CALENDAR, 'u1.ics', userEvent('u1', 'Dentist', start));
    await e.sync();
    e.platform.patch(e.platform.blocks()[0].id, { title: 'Dentist (pl)' });
    e.icloud.userPut(MEMORY_CALENDAR, 'u1.ics', userEvent('u1', 'Dentist (ic)', start));
    expect((await e.sync()).counts.conflicts).toBe(1);
    e.icloud.userDelete(href);
    await e.sync();
    expect(e.platform.blocks()).toEqual([]);
    expect((await e.store.read()).pairs[href]).toBeUndefined();
  });

  it('crash intent: a slot created before a lost answer is adopted even if the event changed since', async () => {
    const e = await engine();
    const start = Date.parse('2030-01-12T10:00:00Z');
    e.icloud.userPut(MEMORY_CALENDAR, 'u1.ics', userEvent('u1', 'Dentist', start));
    const create = e.platform.createBlockSlot.bind(e.platform);
    let lose = true;
    e.platform.createBlockSlot = async (input) => {
      const slot = await create(input);
      if (lose) {
        lose = false;
        throw new OutcomeUnknownError('POST /calendars/events/block-slots', 'timeout', { side: 'platform' });
      }
      return slot;
    };
    await e.sync();
    e.icloud.userPut(MEMORY_CALENDAR, 'u1.ics', userEvent('u1', 'Dentist (moved)', start + HOUR));
    await e.sync();
    await e.sync();
    expect(e.platform.blocks().map((b) => [b.title, Date.parse(b.startTime)])).toEqual([['Dentist (moved)', start + HOUR]]);
  });

  it('S9: an event moved from the linked calendar to a busy source keeps its blocked slot', async () => {
    const e = await engine();
    await e.store.update((s) => void (s.links.busySources = [BUSY]));
    const start = Date.parse('2030-01-12T10:00:00Z');
    const ics = userEvent('u1', 'Dentist', start);
    const href = e.icloud.userPut(MEMORY_CALENDAR, 'u1.ics', ics);
    await e.sync();
    const [slot] = e.platform.blocks();
    e.icloud.userDelete(href);
    e.icloud.userPut(BUSY, 'u1.ics', ics);
    const report = await e.sync();
    expect(report.counts.platform.deleted).toBe(0);
    expect(e.platform.blocks().map((b) => b.id)).toEqual([slot.id]);
    expect(Object.values((await e.store.read()).pairs).find((p) => p.platformId === slot.id)?.icloud?.source).toBe('busy');
  });

  it('S12 guard: blocked slots missing from one empty listing are not detached for good, and restore never duplicates', async () => {
    const e = await engine();
    const base = Date.parse('2030-01-12T10:00:00Z');
    for (let i = 0; i < 3; i++) e.icloud.userPut(MEMORY_CALENDAR, `u${i}.ics`, userEvent(`u${i}`, `Ev${i}`, base + i * 24 * HOUR));
    e.platform.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Visit', startTime: new Date(base + 5 * HOUR).toISOString(), endTime: new Date(base + 6 * HOUR).toISOString() });
    await e.sync();
    const list = e.platform.listBlockedSlots.bind(e.platform);
    e.platform.listBlockedSlots = async () => [];
    const guarded = await e.sync();
    expect(guarded.outcome).toBe('guarded');
    e.platform.listBlockedSlots = list;
    await e.sync();
    expect(Object.values((await e.store.read()).pairs).filter((p) => p.status === 'detached')).toEqual([]);
    expect(e.platform.blocks().map((b) => b.title).sort()).toEqual(['Ev0', 'Ev1', 'Ev2']);
  });

  it('S1: after the platform was reconnected, syncing asks for its calendars instead of mirroring none', async () => {
    const e = await engine();
    await e.store.update((s) => void (Object.values(s.accounts.platforms)[0]!.calendars = null));
    await expect(e.sync()).rejects.toThrow(/Choose the platform calendars/);
  });

  it('one appointment the platform refuses to show (422) is skipped, not a failed cycle', async () => {
    const e = await engine();
    const start = Date.parse('2030-01-12T10:00:00Z');
    const appt = e.platform.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Visit', startTime: new Date(start).toISOString(), endTime: new Date(start + HOUR).toISOString() });
    e.platform.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Other', startTime: new Date(start + 2 * HOUR).toISOString(), endTime: new Date(start + 3 * HOUR).toISOString() });
    await e.sync();
    const list = e.platform.listAppointments.bind(e.platform);
    e.platform.listAppointments = async (window) => (await list(window)).filter((a) => a.id !== appt.id);
    e.platform.getEvent = async () => {
      throw new SyncError('item', 'The platform refused the request: invalid id', { side: 'platform', status: 422 });
    };
    const report = await e.sync();
    expect(report.outcome).toBe('ok');
    expect(e.icloud.in(MEMORY_CALENDAR)).toHaveLength(2);
  });
});
