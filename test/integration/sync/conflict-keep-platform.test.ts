// S17 regression: "Keep platform" after the iCloud copy was edited failed with a 412, because the
// held pair kept the iCloud etag from before the edit.
import { describe, expect, it } from 'vitest';
import type { Conflict } from '../../../src/shared/ipc/views';
import { hoursFromNow } from '../../support/sync-world';
import { editIcs, inWorld, mirrorOf, skipWithoutRadicale, totalWrites } from './helpers';

describe.skipIf(skipWithoutRadicale)('S17 resolve --keep platform', () => {
  it('S17: keeping the platform version overwrites the edited iCloud copy', async () => {
    await inWorld({}, async (world) => {
      const event = await world.platform.book({ title: 'Consult', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) });
      await world.sync();
      const mirror = mirrorOf(world, event.id)!;
      world.platform.update(event.id, { title: 'Consult (platform)' });
      await world.icloud.put('work', mirror.file, editIcs(mirror.ics, { SUMMARY: 'SUMMARY:Consult (iCloud)' }));
      expect((await world.sync()).counts.conflicts).toBe(1);

      const [conflict] = (await world.cli(['--json', 'conflicts'])).json<Conflict[]>();
      const resolved = await world.cli(['resolve', conflict.id, '--keep', 'platform']);
      expect(resolved.stderr).toBe('');
      expect(resolved.code).toBe(0);
      expect(mirrorOf(world, event.id)!.title).toBe('Consult (platform)');
      expect(world.platform.get(event.id)!.title).toBe('Consult (platform)');
      expect(await world.services.conflicts()).toEqual([]);
      expect(totalWrites(await world.sync())).toBe(0);
    });
  });
});
