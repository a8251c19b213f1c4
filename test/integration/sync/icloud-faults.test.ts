// A flaky iCloud, as a user on a bad network meets it (issue 10, "resilient reads"): 30 % of the
// connections to the CalDAV server are cut (half before the server saw the request, half after it
// acted) and 20 % of the requests are answered 503 with Retry-After: 1. Cycles must still complete —
// reads and conditional writes are repeated inside the cycle's budget — and the sides converge, once.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/run-report';
import { hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { blocksTitled, expectNoDuplicates, inWorld, mirrorsIn, skipWithoutRadicale, totalWrites } from './helpers';

const flaky = { dropRate: 0.3, errorRate: 0.2, retryAfter: '1' };

async function changeBothSides(world: SyncWorld, round: number): Promise<string> {
  const booked = await world.platform.book({ title: `Appointment ${round}`, start: hoursFromNow(8, 1 + round), end: hoursFromNow(9, 1 + round) });
  // Straight into Radicale, as the Calendar app on another device would: not through the proxy.
  const response = await world.radicale.putEvent(world.appleId, 'work', `ev-${round}.ics`, icsEvent(`ev-${round}`, { title: `Event ${round}`, start: hoursFromNow(12, 1 + round), end: hoursFromNow(13, 1 + round) }));
  expect(response.status).toBeLessThan(300);
  return booked.id;
}

describe.skipIf(skipWithoutRadicale)('a flaky iCloud connection', () => {
  it('with 30 % dropped connections and 20 % 503s (Retry-After: 1), ≥ 5 of 6 cycles complete and the sides converge with 0 duplicates', async () => {
    await inWorld({ proxy: true }, async (world) => {
      const appointments: string[] = [];
      for (let round = 0; round < 4; round++) appointments.push(await changeBothSides(world, round));
      world.proxy!.faults = flaky;

      const outcomes: RunReport['outcome'][] = [];
      for (let cycle = 0; cycle < 6; cycle++) {
        if (cycle > 0) appointments.push(await changeBothSides(world, 3 + cycle));
        const report = await world.sync();
        outcomes.push(report.outcome);
        expectNoDuplicates(world); // never, not even in between
      }
      const failed = outcomes.filter((outcome) => outcome === 'failed').length;
      expect(world.proxy!.stats.dropped, 'the proxy cut connections').toBeGreaterThan(0);
      expect(world.proxy!.stats.failed, 'the proxy answered 503').toBeGreaterThan(0);
      expect(failed, `outcomes: ${outcomes.join(', ')}`).toBeLessThanOrEqual(1);

      // Faults stay on: what a failed cycle left is done by the next ones.
      let idle = false;
      for (let cycle = 0; cycle < 4 && !idle; cycle++) {
        const report = await world.sync();
        expectNoDuplicates(world);
        idle = report.outcome === 'ok' && totalWrites(report) === 0 && report.counts.errors === 0;
      }
      expect(idle, 'a cycle with nothing left to do').toBe(true);
      const mirrors = mirrorsIn(world);
      for (const id of appointments) expect(mirrors.get(id)?.length ?? 0, `mirrors of ${id}`).toBe(1);
      for (let round = 0; round < 4 + 5; round++) expect(blocksTitled(world, `Event ${round}`), `Event ${round}`).toHaveLength(1);
      expect(world.platform.blocks()).toHaveLength(9);
    });
  }, 300_000);
});
