// `disconnect icloud|platform --remove-copies` end to end (issue 13 item 3): every copy the app made
// goes — shown first, confirmed with --yes off a terminal — and every owner stays, item by item.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/run-report';
import { hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { inWorld, mirrorsIn, skipWithoutRadicale } from '../sync/helpers';

async function seed(world: SyncWorld): Promise<void> {
  for (let i = 0; i < 2; i++) await world.platform.book({ title: `Appointment ${i}`, start: hoursFromNow(8 + i, 1), end: hoursFromNow(9 + i, 1) });
  for (let i = 0; i < 2; i++) {
    await world.icloud.put('work', `own-${i}.ics`, icsEvent(`own-${i}`, { title: `Own ${i}`, start: hoursFromNow(14 + i, 2), end: hoursFromNow(15 + i, 2) }));
  }
  const first = await world.sync();
  expect(first.counts.icloud.created).toBe(2);
  expect(first.counts.platform.created).toBe(2);
}

/** The owners, as they are on each side (what clean-up must never touch). */
function owners(world: SyncWorld) {
  return {
    appointments: world.platform.appointments().map((a) => ({ id: a.id, title: a.title, status: a.appointmentStatus, start: a.startMs, end: a.endMs })),
    icloud: ['own-0.ics', 'own-1.ics'].map((file) => world.icloud.read('work', file)),
  };
}

describe.skipIf(skipWithoutRadicale)('disconnect --remove-copies', () => {
  it('off a terminal without --yes: shows what would go, exit 2, nothing changed', async () => {
    await inWorld({}, async (world) => {
      await seed(world);
      const before = { owners: owners(world), mirrors: mirrorsIn(world).size, blocks: world.platform.blocks().length };
      const run = await world.cli(['disconnect', 'platform', '--remove-copies']);
      expect(run.code).toBe(2);
      expect(run.stderr + run.stdout).toMatch(/Delete 2 iCloud copies of appointments and 2 blocked slots/);
      expect({ owners: owners(world), mirrors: mirrorsIn(world).size, blocks: world.platform.blocks().length }).toEqual(before);
      expect((await world.services.status()).platform.connected).toBe(true);
    });
  });

  it('with --yes: every mirror and blocked slot the app made goes, every owner stays, then disconnects', async () => {
    await inWorld({}, async (world) => {
      await seed(world);
      const kept = owners(world);
      const run = await world.cli(['--json', 'disconnect', 'icloud', '--remove-copies', '--yes']);
      expect(run.code).toBe(0);
      const { report } = run.json<{ report: RunReport; copiesRemoved: boolean }>();
      expect(report.counts.icloud.deleted).toBe(2);
      expect(report.counts.platform.deleted).toBe(2);
      expect(mirrorsIn(world).size).toBe(0);
      expect(world.platform.blocks()).toEqual([]);
      expect(owners(world)).toEqual(kept);
      expect(world.icloud.events('work').map((e) => e.title).sort()).toEqual(['Own 0', 'Own 1']);
      expect((await world.services.status()).icloud.connected).toBe(false);
    });
  });

  it('plain disconnect keeps the copies and says so', async () => {
    await inWorld({}, async (world) => {
      await seed(world);
      const run = await world.cli(['disconnect', 'platform']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/copies the app made .* stay in place/);
      expect(mirrorsIn(world).size).toBe(2);
      expect(world.platform.blocks()).toHaveLength(2);
    });
  });
});
