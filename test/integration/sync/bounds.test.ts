// Bounded work, as a user meets it (issue 10): one event in iCloud that repeats every second, for
// ever, must not flood the platform. It blocks at most the cap's worth of slots, fast, and the run
// report says the series was capped; state stays the size of what is synced.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OCCURRENCE_CAP } from '../../../src/main/icloud';
import { icsEvent } from '../../support/sync-world';
import { expectNoDuplicates, inWorld, skipWithoutRadicale, totalWrites } from './helpers';

const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}/, '');

describe.skipIf(skipWithoutRadicale)('a runaway recurring event', () => {
  it('FREQ=SECONDLY without an end: capped, reported, fast — and left alone by the next cycle', async () => {
    await inWorld({}, async (world) => {
      const start = Date.now() - 3_600_000;
      await world.icloud.put('work', 'hostile.ics', icsEvent('hostile', { title: 'Every second', start: stamp(start), end: stamp(start + 1000), lines: ['RRULE:FREQ=SECONDLY'] }));
      const begun = performance.now();
      const begunAt = Date.now();
      const report = await world.sync();
      const elapsedMs = performance.now() - begun;

      expect(report.outcome).toBe('ok');
      expect(report.counts.platform.created).toBe(OCCURRENCE_CAP);
      expect(world.platform.blocks()).toHaveLength(OCCURRENCE_CAP);
      const notices = report.items.filter((item) => item.op === 'notice');
      expect(notices).toEqual([
        expect.objectContaining({ op: 'notice', side: 'icloud', title: 'Every second', reason: expect.stringContaining(`only the ${OCCURRENCE_CAP} occurrences nearest to now`) }),
      ]);
      // The slots kept are the ones from now on, not the past hour's.
      expect(Math.min(...world.platform.blocks().map((b) => b.endMs))).toBeGreaterThan(begunAt);
      expect(elapsedMs, 'one cycle').toBeLessThan(30_000);
      // State in proportion to what is synced (a few hundred bytes a pair), not to what the rule describes.
      expect(statSync(join(world.dataDir, 'state.json')).size / OCCURRENCE_CAP).toBeLessThan(2048);
      expectNoDuplicates(world);

      const again = await world.sync();
      expect(again.outcome).toBe('ok');
      expect(totalWrites(again)).toBe(0);
    });
  }, 120_000);

  it('FREQ=HOURLY;COUNT=1000000: capped with a notice, not 2,000-odd slots without a word', async () => {
    await inWorld({}, async (world) => {
      const start = Date.now() - 3_600_000;
      await world.icloud.put('work', 'hourly.ics', icsEvent('hourly', { title: 'Every hour', start: stamp(start), end: stamp(start + 1_800_000), lines: ['RRULE:FREQ=HOURLY;COUNT=1000000'] }));
      const report = await world.sync();
      expect(report.counts.platform.created).toBe(OCCURRENCE_CAP);
      expect(report.items.filter((item) => item.op === 'notice').map((item) => item.title)).toEqual(['Every hour']);
    });
  }, 120_000);
});
