// Hostile (hostile11, issue 15): two locations whose listings hold the same appointment id. A
// mirror's file and an appointment's pair key are made from the id alone, so the second location's
// copy was written over the first's iCloud copy (one event for two bookings). Now the first location
// to list the id keeps it; the other's booking is skipped for iCloud, said in the report, and still
// blocks the first location's time; later cycles change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEMORY_CALENDAR, MEMORY_PLATFORM_CALENDAR, MEMORY_USER } from '../../support/memory-sides';
import { memoryTwoLocations } from '../../support/memory-two-locations';
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
    // The same id prefix: both locations' first booking is "x1".
    const { icloud, one, two, sync } = await memoryTwoLocations(dir, { now: () => new Date(T0), prefixes: ['x', 'x'] });
    const a = one.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'In one', startTime: iso(T0 + DAY), endTime: iso(T0 + DAY + 3_600_000) });
    const b = two.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'In two', startTime: iso(T0 + 2 * DAY), endTime: iso(T0 + 2 * DAY + 3_600_000) });
    expect(a.id).toBe(b.id);
    for (let cycle = 0; cycle < 3; cycle++) {
      const report = await sync();
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
