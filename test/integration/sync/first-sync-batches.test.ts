// Issue 16: a first sync reads its events in multiget batches (250 a request). One batch that iCloud
// fails to send costs only its own events — skipped with the reason, read again on the next cycle —
// while every other event syncs; the calendar's cursor is not committed past them, so nothing is lost.
import { describe, expect, it } from 'vitest';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { expectNoDuplicates, inWorld, skipWithoutRadicale } from './helpers';

const COUNT = 300; // two batches: 250 and 50

/** 300 events, one an hour from tomorrow. */
function seed(): Record<string, string> {
  const events: Record<string, string> = {};
  for (let i = 0; i < COUNT; i++) {
    const name = `ev-${String(i).padStart(3, '0')}`;
    events[`${name}.ics`] = icsEvent(name, { title: `Event ${i}`, start: hoursFromNow(i, 1), end: hoursFromNow(i + 1, 1) });
  }
  return events;
}

describe.skipIf(skipWithoutRadicale)('a first sync read in batches', () => {
  it('one multiget batch failing skips only its events, which sync on the next cycle; nothing is lost or doubled', async () => {
    await inWorld({ proxy: true, settings: { futureDays: 30 }, radicaleSeed: [{ user: 'alice@example.com', name: 'work', displayName: 'Work', events: seed() }] }, async (world) => {
      // The batch that holds one given event is refused (400: not worth a retry), whichever batch that is.
      let failing = true;
      const multigets: number[] = [];
      let refused = 0;
      world.proxy!.intercepts.push((request) => {
        if (request.method !== 'REPORT' || !request.body.includes('calendar-multiget')) return undefined;
        const size = (request.body.match(/<d:href>/g) ?? []).length;
        multigets.push(size);
        if (!failing || !request.body.includes('ev-260.ics')) return undefined;
        refused = size;
        return { status: 400, body: 'refused' };
      });
      const first = await world.sync();
      expect(first.outcome).toBe('ok');
      expect(multigets.slice().sort((a, b) => b - a)).toEqual([250, 50]);
      const skipped = first.items.filter((item) => item.op === 'skip');
      expect(refused).toBeGreaterThan(0);
      expect(skipped).toHaveLength(refused);
      expect(skipped.every((item) => item.side === 'icloud' && /could not send it/.test(item.error ?? ''))).toBe(true);
      expect(first.counts.platform.created).toBe(COUNT - refused);

      failing = false;
      const second = await world.sync();
      expect(second.outcome).toBe('ok');
      expect(second.counts.platform.created, 'the skipped events are read again').toBe(refused);
      expect(world.platform.blocks()).toHaveLength(COUNT);
      expectNoDuplicates(world);
      const third = await world.sync();
      expect(third.counts.platform.created + third.counts.skipped).toBe(0);
    });
  }, 120_000);
});
