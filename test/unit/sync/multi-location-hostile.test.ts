// Hostile (hostile11, issue 15): two locations whose listings hold the same appointment id. A
// mirror's file and an appointment's pair key are made from the id alone, so the second location's
// copy was written over the first's iCloud copy (one event for two bookings). Now the first location
// to list the id keeps it; the other's booking is skipped for iCloud, said in the report, and still
// blocks the first location's time; later cycles change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCycle } from '../../../src/main/sync/cycle';
import { IcsCodec } from '../../../src/main/icloud';
import { RequestCounter } from '../../../src/main/request-counter';
import { HistoryStore } from '../../../src/main/store/history-store';
import { StateStore } from '../../../src/main/store/state-store';
import { MEMORY_CALENDAR, MEMORY_PLATFORM_CALENDAR, MEMORY_USER, MemoryIcloud, MemoryPlatform } from '../../support/memory-sides';
import { makeTempDir } from '../../support/temp-dir';

const DAY = 24 * 3_600_000;
const T0 = Date.parse('2031-03-01T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('loc-hostile-')));
afterEach(() => cleanup());

describe('the same appointment id in two locations', () => {
  it('the first location keeps the id: one iCloud copy (its own), a skip that says why, a Busy slot each way, stable', async () => {
    const now = () => new Date(T0);
    const icloud = new MemoryIcloud();
    // The same id prefix: both locations' first booking is "x1".
    const one = new MemoryPlatform({ locationId: 'loc-1', now, idPrefix: 'x' });
    const two = new MemoryPlatform({ locationId: 'loc-2', now, idPrefix: 'x' });
    const store = new StateStore(dir);
    await store.update((state) => {
      const at = now().toISOString();
      const account = (locationId: string) => ({
        locationId, userId: MEMORY_USER, apiUrl: 'mem://platform', locationTimezone: 'UTC', locationCheckedAt: at, connectedAt: at, calendars: [MEMORY_PLATFORM_CALENDAR],
      });
      state.accounts.icloud = { appleId: 'alice@example.com', caldavUrl: 'mem://icloud/', connectedAt: at };
      state.accounts.platforms = { 'loc-1': account('loc-1'), 'loc-2': { ...account('loc-2'), pairSuffix: '|loc-2' } };
      state.links = { icloudCalendar: MEMORY_CALENDAR, busySources: [], names: {} };
    });
    const deps = {
      store, history: new HistoryStore(dir, { maxRuns: 50, maxAgeDays: 90 }), codec: new IcsCodec(), counter: new RequestCounter(), now, localZone: 'UTC',
      sides: async () => ({ icloud, platform: one, locations: { 'loc-1': { platform: one }, 'loc-2': { platform: two } } }),
    };
    const a = one.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'In one', startTime: iso(T0 + DAY), endTime: iso(T0 + DAY + 3_600_000) });
    const b = two.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'In two', startTime: iso(T0 + 2 * DAY), endTime: iso(T0 + 2 * DAY + 3_600_000) });
    expect(a.id).toBe(b.id);
    for (let cycle = 0; cycle < 3; cycle++) {
      const report = await runCycle(deps, { trigger: 'manual' });
      expect(report.outcome, `cycle ${cycle}`).toBe('ok');
      expect(icloud.in(MEMORY_CALENDAR).map((o) => /SUMMARY:(.*)/.exec(o.data)?.[1]?.trim()), `cycle ${cycle}`).toEqual(['In one']);
      expect(report.counts.icloud, `cycle ${cycle}`).toMatchObject({ created: cycle === 0 ? 1 : 0, updated: 0, deleted: 0 });
      expect(JSON.stringify(report), `cycle ${cycle}`).toContain('another connected location lists an appointment with the same id');
      // Each location: its booking and one slot for the other's (the other's time), never its own.
      expect(one.blocks().map((e) => e.startTime), `cycle ${cycle}`).toEqual([b.startTime]);
      expect(two.blocks().map((e) => e.startTime), `cycle ${cycle}`).toEqual([a.startTime]);
      expect(one.appointments()).toHaveLength(1);
      expect(two.appointments()).toHaveLength(1);
    }
  });
});
