// Issue 10 §2: an iCloud item is its calendar + href (+ RECURRENCE-ID), never its UID alone. The same
// UID in the linked calendar and a busy source, or in two files of one calendar, is two events with
// their own blocked slots; the run report says it saw a shared UID; deleting one copy keeps the other's.
import { describe, expect, it } from 'vitest';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { blocksTitled, expectNoDuplicates, inWorld, skipWithoutRadicale } from './helpers';

describe.skipIf(skipWithoutRadicale)('the same UID in two places', () => {
  it('across the linked calendar and a busy source: two slots, a notice, and deleting one copy keeps the other slot', async () => {
    await inWorld({ calendars: ['work', 'family'], busy: ['family'] }, async (world) => {
      await world.icloud.put('work', 'dup.ics', icsEvent('shared-1', { title: 'Work copy', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) }));
      await world.icloud.put('family', 'dup.ics', icsEvent('shared-1', { title: 'Family copy', start: hoursFromNow(15, 1), end: hoursFromNow(16, 1) }));
      const first = await world.sync();
      expect(first.outcome).toBe('ok');
      expect(first.counts.platform.created).toBe(2);
      const notices = first.items.filter((item) => item.op === 'notice');
      expect(notices).toHaveLength(1);
      expect(notices[0].reason).toMatch(/shared-1.*2 places/);
      const [work] = blocksTitled(world, 'Work copy');
      const [family] = blocksTitled(world, 'Family copy');
      expect(work && family, 'one slot each').toBeTruthy();

      // A second cycle changes nothing: the slots do not jump between the two copies.
      const idle = await world.sync();
      expect(idle.counts.platform).toEqual({ created: 0, updated: 0, deleted: 0 });

      await world.icloud.remove('family', 'dup.ics');
      const after = await world.sync();
      expect(after.counts.platform.deleted).toBe(1);
      expect(world.platform.blocks().map((b) => b.id)).toEqual([work.id]);
      expect(world.platform.get(work.id)?.title).toBe('Work copy');
    });
  }, 60_000);

  it('in two files of one calendar: two slots, and deleting one file keeps the other slot', async () => {
    // Radicale refuses a second file with a UID its calendar holds (409 no-uid-conflict); iCloud does
    // not, so the two files are written into Radicale's storage before it starts.
    const events = {
      // Kept so the calendar never lists nothing (that is a guard, not a deletion).
      'other.ics': icsEvent('other', { title: 'Other', start: hoursFromNow(7, 2), end: hoursFromNow(8, 2) }),
      'a.ics': icsEvent('twin', { title: 'Copy A', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) }),
      'b.ics': icsEvent('twin', { title: 'Copy B', start: hoursFromNow(11, 1), end: hoursFromNow(12, 1) }),
    };
    await inWorld({ radicaleSeed: [{ user: 'alice@example.com', name: 'work', displayName: 'work', events }] }, async (world) => {
      const first = await world.sync();
      expect(first.outcome).toBe('ok');
      expect(first.counts.platform.created).toBe(3);
      expect(first.items.filter((item) => item.op === 'notice')).toHaveLength(1);
      const [b] = blocksTitled(world, 'Copy B');

      await world.icloud.remove('work', 'a.ics');
      const after = await world.sync();
      expect(after.counts.platform.deleted).toBe(1);
      expect(blocksTitled(world, 'Copy A')).toEqual([]);
      expect(blocksTitled(world, 'Copy B').map((slot) => slot.id)).toEqual([b.id]);
      expectNoDuplicates(world);
    });
  }, 60_000);

  it('an event moved from one followed calendar to another keeps its slot', async () => {
    await inWorld({ calendars: ['work', 'family'], busy: ['family'] }, async (world) => {
      await world.icloud.put('work', 'keep.ics', icsEvent('keep', { title: 'Kept', start: hoursFromNow(7, 2), end: hoursFromNow(8, 2) }));
      const ics = icsEvent('mover', { title: 'Mover', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) });
      await world.icloud.put('work', 'mover.ics', ics);
      await world.sync();
      const [slot] = blocksTitled(world, 'Mover');
      await world.icloud.remove('work', 'mover.ics');
      await world.icloud.put('family', 'moved.ics', ics);
      const report = await world.sync();
      expect(report.counts.platform.deleted + report.counts.platform.created).toBe(0);
      expect(blocksTitled(world, 'Mover').map((b) => b.id)).toEqual([slot.id]);
      // Deleting it from its new home deletes the slot: the pair follows the event's new href.
      await world.icloud.remove('family', 'moved.ics');
      expect((await world.sync()).counts.platform.deleted).toBe(1);
      expect(blocksTitled(world, 'Mover')).toEqual([]);
    });
  }, 60_000);
});
