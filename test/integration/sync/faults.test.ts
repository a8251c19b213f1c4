// Unreliable servers: the emulator fails 10 % of requests (5 % answered 500, 5 % dropped without an
// answer, plus a few answers lost after the change was made), and Radicale sits behind a proxy that
// does the same (503s, connections cut before or after Radicale handled the request). Repeated syncs
// must converge — everything mirrored, once — while both sides keep changing.
import { describe, expect, it } from 'vitest';
import { defaultSeed } from '../../support/emulator';
import { hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { blocksTitled, expectNoDuplicates, inWorld, mirrorsIn, skipWithoutRadicale, totalWrites } from './helpers';

const N = 30;

/** Sync until a cycle succeeds with nothing left to do (faults stay on); false if it never does. */
async function syncUntilIdle(world: SyncWorld, maxCycles: number): Promise<{ converged: boolean; cycles: number; failed: number }> {
  let failed = 0;
  for (let cycle = 1; cycle <= maxCycles; cycle++) {
    const report = await world.sync();
    expectNoDuplicates(world); // never, not even in between
    if (report.outcome === 'failed' || report.outcome === 'partial') failed += 1;
    if (report.outcome === 'ok' && totalWrites(report) === 0 && report.counts.errors === 0) return { converged: true, cycles: cycle, failed };
  }
  return { converged: false, cycles: maxCycles, failed };
}

describe.skipIf(skipWithoutRadicale)('sync under faults', () => {
  it('with 10 % failures on both sides (5xx and dropped connections), repeated syncs converge with zero duplicates', async () => {
    const seed = defaultSeed({ rateLimit: { max: 100_000, intervalMs: 10_000, daily: 10_000_000 } });
    await inWorld({ seed, emulatorFaults: { errorRate: 0.05, errorStatus: 500, dropRate: 0.05 }, proxy: { errorRate: 0.05, dropRate: 0.05 } }, async (world) => {
      const faultsOn = world.emulator.faults.options;
      world.emulator.faults.options = {}; // arrange without faults
      const booked = [];
      for (let i = 0; i < N; i++) {
        booked.push(await world.platform.book({ title: `Appointment ${i}`, start: hoursFromNow(8, 1 + i), end: hoursFromNow(9, 1 + i) }));
        await world.radicale.putEvent(world.appleId, 'work', `ev-${i}.ics`, icsEvent(`ev-${i}`, { title: `Event ${i}`, start: hoursFromNow(12, 1 + i), end: hoursFromNow(13, 1 + i) }));
      }
      world.emulator.faults.options = faultsOn;
      // Answers lost after the platform made the change: the case a blocked-slot create fears most.
      world.emulator.faults.enqueue({ kind: 'delay', ms: 0 }, { kind: 'delay', ms: 0 }, { kind: 'drop', afterCommit: true }, { kind: 'status', status: 502, afterCommit: true });

      const first = await syncUntilIdle(world, 60);
      expect(first.converged, `converged after ${first.cycles} cycles`).toBe(true);
      expect(world.proxy!.stats.failed + world.proxy!.stats.dropped, 'the proxy injected faults').toBeGreaterThan(0);
      expect(first.failed, 'some cycles failed along the way').toBeGreaterThan(0);

      // Both sides change while the faults go on.
      for (let i = 0; i < N; i += 3) world.platform.update(booked[i].id, { title: `Appointment ${i} (moved)`, start: hoursFromNow(10, 1 + i), end: hoursFromNow(11, 1 + i) });
      // (8 deletions in all: more than 10 would rightly pause for confirmation, see guards.test.ts.)
      for (let i = 1; i < N; i += 8) world.platform.cancel(booked[i].id);
      for (let i = 0; i < N; i += 4) {
        const response = await world.radicale.putEvent(world.appleId, 'work', `ev-${i}.ics`, icsEvent(`ev-${i}`, { title: `Event ${i} (edited)`, start: hoursFromNow(15, 1 + i), end: hoursFromNow(16, 1 + i) }));
        expect(response.status).toBeLessThan(300);
      }
      for (let i = 2; i < N; i += 8) await world.radicale.deleteEvent(world.appleId, 'work', `ev-${i}.ics`);
      const second = await syncUntilIdle(world, 60);
      expect(second.converged, `converged again after ${second.cycles} cycles`).toBe(true);

      const mirrors = mirrorsIn(world);
      for (const [i, event] of booked.entries()) {
        const cancelled = i % 8 === 1;
        expect(mirrors.get(event.id)?.length ?? 0, `mirrors of appointment ${i}`).toBe(cancelled ? 0 : 1);
        if (i % 3 === 0 && !cancelled) expect(mirrors.get(event.id)![0].title).toBe(`Appointment ${i} (moved)`);
      }
      for (let i = 0; i < N; i++) {
        const deleted = i % 8 === 2;
        const title = i % 4 === 0 ? `Event ${i} (edited)` : `Event ${i}`;
        expect(blocksTitled(world, title), title).toHaveLength(deleted ? 0 : 1);
      }
      expect(world.platform.blocks()).toHaveLength(N - 4);
      expect(world.platform.appointments().filter((a) => a.appointmentStatus === 'cancelled')).toHaveLength(4);
      expect(await world.services.attention()).toEqual([]);
      expectNoDuplicates(world);
    });
  }, 180_000);
});
