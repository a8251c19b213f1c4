// S3/S5 for notes: the appointment's description and its iCloud copy's DESCRIPTION follow each other.
import { describe, expect, it } from 'vitest';
import { hoursFromNow } from '../../support/sync-world';
import { editIcs, inWorld, mirrorOf, skipWithoutRadicale, totalWrites } from './helpers';

describe.skipIf(skipWithoutRadicale)('appointment notes', () => {
  it('S5: notes edited on the iCloud copy update the appointment description, and stay put afterwards', async () => {
    await inWorld({}, async (world) => {
      const event = await world.platform.book({ title: 'Consult', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) });
      await world.sync();
      const mirror = mirrorOf(world, event.id)!;
      const edited = editIcs(mirror.ics, { SUMMARY: 'SUMMARY:Consult\r\nDESCRIPTION:Bring the X-rays' });
      await world.icloud.put('work', mirror.file, edited);
      const report = await world.sync();
      expect(report.counts.platform.updated).toBe(1);
      expect(world.platform.get(event.id)!.description).toBe('Bring the X-rays');
      // The platform now holds the same notes: no write back to iCloud, no ping-pong.
      expect(totalWrites(await world.sync())).toBe(0);
      expect(mirrorOf(world, event.id)!.ics).toContain('DESCRIPTION:Bring the X-rays');
    });
  });
});
