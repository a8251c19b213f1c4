// Clean-up after lost state (issue 13): state.json deleted, the accounts connected and linked again,
// then `disconnect icloud --remove-copies --yes` finds the iCloud mirrors by their UID mark
// (<uuid>@icloud-sync-companion) although no pair knows of them, and deletes exactly those — the
// user's own events and the appointments stay, item by item. Blocked slots carry no mark on the
// platform (a title, a user and times only), so a slot no pair knows of cannot be told from the
// user's own: they stay too, and the docs say so.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/run-report';
import { hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { inWorld, mirrorsIn, skipWithoutRadicale } from '../sync/helpers';

/** Everything on both sides, file by file and event by event. */
function everything(world: SyncWorld) {
  return {
    icloud: world.icloud.events('work').map((e) => ({ uid: e.uid, title: e.title, recurrenceId: e.recurrenceId })).sort((a, b) => a.uid.localeCompare(b.uid)),
    appointments: world.platform.appointments().map((a) => ({ id: a.id, title: a.title, status: a.appointmentStatus, start: a.startMs, end: a.endMs })),
    blocks: world.platform.blocks().map((b) => ({ id: b.id, title: b.title, start: b.startMs, end: b.endMs })),
  };
}

describe.skipIf(skipWithoutRadicale)('disconnect --remove-copies after the state was lost', () => {
  it('removes every iCloud mirror by its mark and nothing else', async () => {
    await inWorld({}, async (world) => {
      for (let i = 0; i < 3; i++) await world.platform.book({ title: `Appointment ${i}`, start: hoursFromNow(8 + i, 1), end: hoursFromNow(9 + i, 1) });
      for (let i = 0; i < 2; i++) {
        await world.icloud.put('work', `own-${i}.ics`, icsEvent(`own-${i}`, { title: `Own ${i}`, start: hoursFromNow(14 + i, 2), end: hoursFromNow(15 + i, 2) }));
      }
      // Another app's event whose UID merely mentions us is not ours: only the suffix marks a mirror.
      await world.icloud.put('work', 'lookalike.ics', icsEvent('icloud-sync-companion-notes', { title: 'Lookalike', start: hoursFromNow(9, 3), end: hoursFromNow(10, 3) }));
      // A user's own event whose UID ends like ours (typed, imported) carries no appointment id it hashes from: not ours.
      await world.icloud.put('work', 'resembles.ics', icsEvent('birthday@icloud-sync-companion', { title: 'Birthday', start: hoursFromNow(11, 3), end: hoursFromNow(12, 3) }));
      await world.sync();
      expect(mirrorsIn(world).size).toBe(3);

      await rm(join(world.dataDir, 'state.json'));
      await world.connect(world.reopen());
      const before = everything(world);
      const mirrorUids = new Set(world.icloud.events('work').filter((e) => e.uid.endsWith('@icloud-sync-companion') && e.title !== 'Birthday').map((e) => e.uid));
      expect(mirrorUids.size).toBe(3);

      // The preview shows them too, and changes nothing.
      const refused = await world.cli(['disconnect', 'icloud', '--remove-copies']);
      expect(refused.code).toBe(2);
      expect(refused.stderr + refused.stdout).toMatch(/Delete 3 iCloud copies of appointments and 0 blocked slots/);
      expect(everything(world)).toEqual(before);

      const run = await world.cli(['--json', 'disconnect', 'icloud', '--remove-copies', '--yes']);
      expect(run.code).toBe(0);
      const { report } = run.json<{ report: RunReport }>();
      expect(report.counts.icloud.deleted).toBe(3);
      expect(report.counts.platform.deleted).toBe(0);
      expect(mirrorsIn(world).size).toBe(0);
      // Item by item: exactly the mirrors went; every other iCloud event, appointment and slot stayed.
      expect(everything(world)).toEqual({ ...before, icloud: before.icloud.filter((e) => !mirrorUids.has(e.uid)) });
      expect(everything(world).icloud.map((e) => e.title).sort()).toEqual(['Birthday', 'Lookalike', 'Own 0', 'Own 1']);
    });
  });
});
