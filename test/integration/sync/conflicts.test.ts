// S17 end to end: both sides of a pair changed since the last sync.
import { describe, expect, it } from 'vitest';
import type { Conflict } from '../../../src/shared/ipc/views';
import type { Settings } from '../../../src/shared/settings';
import { hoursFromNow, type SyncWorld } from '../../support/sync-world';
import { editIcs, icsUtc, inWorld, mirrorOf, skipWithoutRadicale, totalWrites } from './helpers';

/** Book and sync one appointment, then change its title on both sides (iCloud edit stamped `icloudModified`). */
async function changedOnBothSides(world: SyncWorld, title: string, platformTitle: string, icloudTitle: string, icloudModified?: string, before?: () => Promise<void>) {
  const event = await world.platform.book({ title, start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) });
  await before?.();
  await world.sync();
  const mirror = mirrorOf(world, event.id)!;
  world.platform.update(event.id, { title: platformTitle });
  const stamp: Record<string, string> = icloudModified ? { 'LAST-MODIFIED': `LAST-MODIFIED:${icsUtc(icloudModified)}`, DTSTAMP: `DTSTAMP:${icsUtc(icloudModified)}\r\nLAST-MODIFIED:${icsUtc(icloudModified)}` } : {};
  await world.icloud.put('work', mirror.file, editIcs(mirror.ics, { SUMMARY: `SUMMARY:${icloudTitle}`, ...stamp }));
  return event;
}

describe.skipIf(skipWithoutRadicale)('S17 conflicts', () => {
  it('S17 ask: a conflict holds only that pair, is listed with both versions, and `resolve` applies the choice', async () => {
    await inWorld({}, async (world) => {
      let other = undefined as unknown as Awaited<ReturnType<typeof world.platform.book>>;
      const bookOther = async () => void (other = await world.platform.book({ title: 'Other', start: hoursFromNow(13, 2), end: hoursFromNow(14, 2) }));
      const held = await changedOnBothSides(world, 'Consult', 'Consult (platform)', 'Consult (iCloud)', undefined, bookOther);
      world.platform.update(other.id, { title: 'Other (moved on)' });

      const report = await world.sync();
      expect(report.outcome).toBe('partial');
      expect(report.counts.conflicts).toBe(1);
      // The rest of the cycle went on.
      expect(mirrorOf(world, other.id)!.title).toBe('Other (moved on)');
      expect(world.platform.get(held.id)!.title).toBe('Consult (platform)');
      expect(mirrorOf(world, held.id)!.title).toBe('Consult (iCloud)');

      const listed = await world.cli(['--json', 'conflicts']);
      const [conflict] = listed.json<Conflict[]>();
      expect(conflict).toMatchObject({ title: 'Consult', changed: ['title'], icloud: { title: 'Consult (iCloud)' }, platform: { title: 'Consult (platform)' } });
      // Held, not re-asked or overwritten on the next cycle.
      const again = await world.sync();
      expect(totalWrites(again)).toBe(0);
      expect((await world.services.conflicts())).toHaveLength(1);
      // …and every cycle that leaves it open says so.
      expect(again.outcome).toBe('partial');
      expect(again.counts.conflicts).toBe(1);

      const resolved = await world.cli(['resolve', conflict.id, '--keep', 'icloud']);
      expect(resolved.code).toBe(0);
      expect(world.platform.get(held.id)!.title).toBe('Consult (iCloud)');
      expect(await world.services.conflicts()).toEqual([]);
      const settled = await world.sync();
      expect(totalWrites(settled)).toBe(0);
      expect(settled.outcome).toBe('ok');
      expect(mirrorOf(world, held.id)!.title).toBe('Consult (iCloud)');
    });
  });

  it('S17: an identical change on both sides is no conflict', async () => {
    await inWorld({}, async (world) => {
      const event = await changedOnBothSides(world, 'Consult', 'Consult (same)', 'Consult (same)');
      const report = await world.sync();
      expect(report.counts.conflicts).toBe(0);
      expect(report.outcome).toBe('ok');
      expect(totalWrites(report)).toBe(0);
      expect(await world.services.conflicts()).toEqual([]);
      expect(totalWrites(await world.sync())).toBe(0);
      expect(world.platform.get(event.id)!.title).toBe('Consult (same)');
    });
  });

  const policies: { policy: Settings['conflictPolicy']; icloudModified?: number; winner: 'platform' | 'icloud' }[] = [
    { policy: 'platform', winner: 'platform' },
    { policy: 'icloud', winner: 'icloud' },
    { policy: 'newest', icloudModified: -3_600_000, winner: 'platform' },
    { policy: 'newest', icloudModified: +3_600_000, winner: 'icloud' },
  ];
  for (const { policy, icloudModified, winner } of policies) {
    const when = icloudModified === undefined ? '' : icloudModified < 0 ? ' (iCloud edited earlier)' : ' (iCloud edited later)';
    it(`S17 policy ${policy}${when}: ${winner} wins without asking`, async () => {
      await inWorld({ settings: { conflictPolicy: policy } }, async (world) => {
        const stamp = icloudModified === undefined ? undefined : new Date(Date.now() + icloudModified).toISOString();
        const event = await changedOnBothSides(world, 'Consult', 'Consult (platform)', 'Consult (iCloud)', stamp);
        const report = await world.sync();
        expect(report.counts.conflicts).toBe(0);
        expect(report.outcome).toBe('ok');
        const expected = winner === 'platform' ? 'Consult (platform)' : 'Consult (iCloud)';
        expect(world.platform.get(event.id)!.title).toBe(expected);
        expect(mirrorOf(world, event.id)!.title).toBe(expected);
        expect(report.items.find((i) => i.reason?.includes('conflict settled by policy'))).toBeDefined();
        expect(totalWrites(await world.sync())).toBe(0);
      });
    });
  }
});
