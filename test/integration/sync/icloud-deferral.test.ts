// iCloud asks to wait longer than a cycle may (issue 10, "resilient reads"): a 503 with
// Retry-After: 600 in the middle of a cycle's writes is not waited out in the request, and not
// turned into failed items: the cycle stops as `throttled`, keeps what it did, and the scheduler comes
// back after the Retry-After; the next cycle does the rest, once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextDelayMs } from '../../../src/main/sync/scheduler';
import { hoursFromNow } from '../../support/sync-world';
import { expectNoDuplicates, inWorld, mirrorsIn, skipWithoutRadicale } from './helpers';

describe.skipIf(skipWithoutRadicale)('a long Retry-After from iCloud', () => {
  it('defers the rest of the cycle to the next one, which the scheduler plans after the Retry-After', async () => {
    await inWorld({ proxy: true }, async (world) => {
      const first = await world.platform.book({ title: 'First', start: hoursFromNow(8, 1), end: hoursFromNow(9, 1) });
      const second = await world.platform.book({ title: 'Second', start: hoursFromNow(8, 2), end: hoursFromNow(9, 2) });
      let puts = 0;
      world.proxy!.intercepts.push(({ method }) => {
        if (method !== 'PUT' || ++puts !== 2) return undefined;
        return { status: 503, body: 'busy', headers: { 'Retry-After': '600' } };
      });

      const begun = Date.now();
      const report = await world.sync();
      expect(Date.now() - begun, 'the 10 minutes were not waited inside the cycle').toBeLessThan(20_000);
      expect(report.outcome).toBe('failed');
      expect(report.error?.kind).toBe('throttled');
      expect(report.counts.errors, 'no item was failed for it').toBe(0);
      expect(report.counts.icloud.created, 'what was done before is kept').toBe(1);
      const state = JSON.parse(readFileSync(join(world.dataDir, 'state.json'), 'utf8')) as { scheduler: { retryAt?: string; consecutiveFailures: number } };
      const retryInMs = Date.parse(state.scheduler.retryAt!) - Date.now();
      expect(retryInMs).toBeGreaterThan(550_000);
      expect(retryInMs).toBeLessThanOrEqual(600_000);
      expect(nextDelayMs(5, state.scheduler.consecutiveFailures, retryInMs, () => 0.5)).toBe(Math.round(retryInMs));

      const next = await world.sync();
      expect(next.outcome).toBe('ok');
      expect(next.counts.icloud.created).toBe(1);
      const mirrors = mirrorsIn(world);
      expect(mirrors.get(first.id)).toHaveLength(1);
      expect(mirrors.get(second.id)).toHaveLength(1);
      expectNoDuplicates(world);
    });
  }, 60_000);
});
