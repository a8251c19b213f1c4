// Guard "a sliding window never reads 'left the window' as a deletion", from the two ways an event
// leaves it: the user shrinks the window, or moves a single event beyond it.
import { describe, expect, it } from 'vitest';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { blocksTitled, editIcs, icsUtc, inWorld, skipWithoutRadicale, totalWrites } from './helpers';

describe.skipIf(skipWithoutRadicale)('events that leave the sync window', () => {
  it('window guard: shrinking futureDays keeps the blocked slots of events now beyond the window', async () => {
    await inWorld({ settings: { futureDays: 60 } }, async (world) => {
      await world.icloud.put('work', 'far.ics', icsEvent('far', { title: 'Far ahead', start: hoursFromNow(10, 40), end: hoursFromNow(11, 40) }));
      await world.icloud.put('work', 'series.ics', icsEvent('series', { title: 'Weekly', start: hoursFromNow(10, 1), end: hoursFromNow(11, 1), lines: ['RRULE:FREQ=WEEKLY;COUNT=8'] }));
      await world.sync();
      expect(blocksTitled(world, 'Far ahead')).toHaveLength(1);
      expect(blocksTitled(world, 'Weekly')).toHaveLength(8);

      await world.services.settings.set('futureDays', 14);
      const report = await world.sync();
      expect(report.counts.platform.deleted).toBe(0);
      expect(blocksTitled(world, 'Far ahead')).toHaveLength(1);
      expect(blocksTitled(world, 'Weekly')).toHaveLength(8);
      expect(totalWrites(await world.sync())).toBe(0);
    });
  });

  it('S9: a single event moved beyond the window moves its blocked slot instead of deleting it', async () => {
    await inWorld({ settings: { futureDays: 30 } }, async (world) => {
      const ics = icsEvent('trip', { title: 'Trip', start: hoursFromNow(9, 3), end: hoursFromNow(17, 3) });
      await world.icloud.put('work', 'trip.ics', ics);
      await world.sync();
      const [before] = blocksTitled(world, 'Trip');
      const later = { start: hoursFromNow(9, 45), end: hoursFromNow(17, 45) };
      await world.icloud.put('work', 'trip.ics', editIcs(ics, { DTSTART: `DTSTART:${icsUtc(later.start)}`, DTEND: `DTEND:${icsUtc(later.end)}` }));
      const report = await world.sync();
      expect(report.counts.platform).toEqual({ created: 0, updated: 1, deleted: 0 });
      const [after] = blocksTitled(world, 'Trip');
      expect(after.id).toBe(before.id);
      expect(after.startMs).toBe(Date.parse(later.start));
    });
  });

  it('S8: a new single event beyond the window gets no blocked slot yet', async () => {
    await inWorld({ settings: { futureDays: 30 } }, async (world) => {
      await world.icloud.put('work', 'next-year.ics', icsEvent('next-year', { title: 'Next year', start: hoursFromNow(9, 200), end: hoursFromNow(10, 200) }));
      const report = await world.sync();
      expect(blocksTitled(world, 'Next year')).toEqual([]);
      expect(report.items).toEqual([]);
    });
  });
});
