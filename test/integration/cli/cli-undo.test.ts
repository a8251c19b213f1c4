// `icloud-sync undo RUN_ID [--yes]` (cli.md): off a terminal it needs --yes (exit 2, nothing
// changed, the question names how many items on each side); with --yes it prints the undo run's
// report (--json: the run report, trigger "undo"), recorded in the history.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/run-report';
import { hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { inWorld, mirrorsIn, skipWithoutRadicale } from '../sync/helpers';

/** A run that mirrored one booking into iCloud and blocked one own event on the platform. */
async function oneRun(world: SyncWorld): Promise<RunReport> {
  await world.platform.book({ title: 'Consult', start: hoursFromNow(8, 1), end: hoursFromNow(9, 1) });
  await world.icloud.put('work', 'own.ics', icsEvent('own', { title: 'Dentist', start: hoursFromNow(14, 2), end: hoursFromNow(15, 2) }));
  const run = await world.sync();
  expect(run.counts.icloud.created + run.counts.platform.created).toBe(2);
  return run;
}

describe.skipIf(skipWithoutRadicale)('undo (CLI)', () => {
  it('an undo that would delete more than the deletion guard allows stops (exit 5, nothing changed) until --allow-deletions', async () => {
    await inWorld({}, async (world) => {
      for (let i = 0; i < 12; i += 1) {
        await world.icloud.put('work', `own-${i}.ics`, icsEvent(`own-${i}`, { title: `Own ${i}`, start: hoursFromNow(10 + 2 * i, 1), end: hoursFromNow(11 + 2 * i, 1) }));
      }
      const run = await world.sync();
      expect(run.counts.platform.created).toBe(12);
      const stopped = await world.cli(['undo', run.id, '--yes']);
      expect(stopped.code).toBe(5);
      expect(stopped.stderr).toMatch(/This undo would delete 12 events \(of 12 synced\)/);
      expect(stopped.stderr).toMatch(new RegExp(`icloud-sync undo ${run.id} --allow-deletions`));
      expect(world.platform.blocks()).toHaveLength(12);
      const allowed = await world.cli(['--json', 'undo', run.id, '--yes', '--allow-deletions']);
      expect(allowed.code).toBe(0);
      expect(allowed.json<RunReport>().counts.platform.deleted).toBe(12);
      expect(world.platform.blocks()).toEqual([]);
    });
  });

  it('off a terminal without --yes: asks, exit 2, nothing changed', async () => {
    await inWorld({}, async (world) => {
      const run = await oneRun(world);
      const result = await world.cli(['undo', run.id]);
      expect(result.code).toBe(2);
      expect(result.stderr + result.stdout).toMatch(/Undo that run\? It puts back 1 iCloud event and 1 platform item/);
      expect(result.stderr + result.stdout).toMatch(/--yes/);
      expect(mirrorsIn(world).size).toBe(1);
      expect(world.platform.blocks()).toHaveLength(1);
      expect((await world.services.history.list(1))[0].id).toBe(run.id);
    });
  });

  it('with --yes --json: the undo run report, recorded in the history; the run is not undone twice', async () => {
    await inWorld({}, async (world) => {
      const run = await oneRun(world);
      const history = (await world.cli(['--json', 'history', '--limit', '1'])).json<RunReport[]>();
      expect(history[0].undoable).toBe(true);
      const result = await world.cli(['--json', 'undo', run.id, '--yes']);
      expect(result.code).toBe(0);
      const report = result.json<RunReport>();
      expect(report).toMatchObject({ trigger: 'undo', undoes: run.id, undoable: false, outcome: 'ok' });
      expect(report.counts.icloud.deleted).toBe(1);
      expect(report.counts.platform.deleted).toBe(1);
      expect(mirrorsIn(world).size).toBe(0);
      expect(world.platform.blocks()).toEqual([]);
      expect((await world.services.history.list(1))[0].id).toBe(report.id);
      // Both are listed as no longer followed, with the way back.
      const attention = await world.cli(['attention']);
      expect(attention.stdout).toMatch(/no longer followed: you undid the run that changed it/);

      const again = await world.cli(['undo', run.id, '--yes']);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/undone already/);
    });
  });

  it('an undo stopped part way (the platform refuses the token) is a failed run in the history, and runs once', async () => {
    await inWorld({}, async (world) => {
      const run = await oneRun(world);
      world.emulator.faults.options = { errorRate: 1, errorStatus: 401 };
      const result = await world.cli(['undo', run.id, '--yes']);
      expect(result.code).toBe(3);
      const [undo] = await world.services.history.list(1);
      expect(undo).toMatchObject({ trigger: 'undo', undoes: run.id, outcome: 'failed', error: { kind: 'auth' } });
      world.emulator.faults.options = {};
      expect((await world.cli(['undo', run.id, '--yes'])).stderr).toMatch(/undone already/);
    });
  });

  it('bad usage: no run id, or one the history does not have (exit 2)', async () => {
    await inWorld({}, async (world) => {
      expect((await world.cli(['undo'])).code).toBe(2);
      const unknown = await world.cli(['undo', 'no-such-run', '--yes']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/There is no run "no-such-run" in the history/);
    });
  });
});
