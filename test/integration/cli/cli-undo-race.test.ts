// Two `undo RUN_ID --yes` processes at once on one data directory (the built CLI as separate
// processes, against Radicale + the emulator): one reverses the run, the other is refused under the
// data-directory lock ("undone already", exit 2) — nothing recreated twice, one undo in the history.
import { describe, expect, it } from 'vitest';
import { runCliProcess } from '../../support/run-cli';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { expectNoDuplicates, inWorld, skipWithoutRadicale } from '../sync/helpers';

describe.skipIf(skipWithoutRadicale)('undo (CLI), two processes at once', () => {
  it('one undoes, the other is refused; a deleted booking copy and slot come back once', async () => {
    await inWorld({}, async (world) => {
      const booked = await world.platform.book({ title: 'Haircut', start: hoursFromNow(8, 1), end: hoursFromNow(9, 1) });
      await world.icloud.put('work', 'own.ics', icsEvent('own-1', { title: 'Dentist', start: hoursFromNow(14, 2), end: hoursFromNow(15, 2) }));
      await world.sync();
      world.platform.cancel(booked.id);
      await world.icloud.remove('work', 'own.ics');
      const run = await world.sync();
      expect(run.counts.icloud.deleted + run.counts.platform.deleted).toBe(2);

      const results = await Promise.all([1, 2].map(() => runCliProcess(['--json', 'undo', run.id, '--yes'], { env: world.env })));
      expect(results.map((r) => r.code).sort(), results.map((r) => r.stderr).join('\n')).toEqual([0, 2]);
      expect(results.find((r) => r.code === 2)!.stderr).toMatch(/undone already/);
      expect(world.icloud.events('work').filter((e) => e.title === 'Haircut')).toHaveLength(1);
      expect(world.platform.blocks().filter((b) => b.title === 'Dentist')).toHaveLength(1);
      expectNoDuplicates(world);
      expect((await world.services.history.list()).filter((r) => r.trigger === 'undo')).toHaveLength(1);
    });
  });
});
