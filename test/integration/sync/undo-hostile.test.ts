// Undo attacked as a hostile user would (issue 13 item 2), against Radicale + the emulator: two
// undos of one run at once (two processes on one data directory), undo after the user deleted the
// items on either side or a later sync moved them, and an undo.json that is corrupt or foreign (set
// aside, reported, nothing lost, syncing goes on).
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { expectNoDuplicates, inWorld, skipWithoutRadicale } from './helpers';

/** A run that deleted on both sides: a cancelled booking's mirror, and the slot of an iCloud event removed. */
async function runThatDeleted(world: SyncWorld) {
  const booked = await world.platform.book({ title: 'Haircut', start: hoursFromNow(8, 1), end: hoursFromNow(9, 1) });
  await world.icloud.put('work', 'own.ics', icsEvent('own-1', { title: 'Dentist', start: hoursFromNow(14, 2), end: hoursFromNow(15, 2) }));
  await world.sync();
  world.platform.cancel(booked.id);
  await world.icloud.remove('work', 'own.ics');
  const run = await world.sync();
  expect(run.counts.icloud.deleted).toBe(1);
  expect(run.counts.platform.deleted).toBe(1);
  expect(run.undoable).toBe(true);
  return run;
}

describe.skipIf(skipWithoutRadicale)('undo, attacked', () => {
  it('two undos of one run at once (two processes): one reverses it, the other is refused and changes nothing', async () => {
    await inWorld({}, async (world) => {
      const run = await runThatDeleted(world);
      const other = world.reopen();
      const results = await Promise.allSettled([world.services.sync.undo(run.id), other.sync.undo(run.id)]);
      const done = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(done).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(String(refused[0]!.reason)).toMatch(/undone already/);
      // Recreated once each: one mirror of the cancelled booking, one "Dentist" slot.
      expect(world.icloud.events('work').filter((e) => e.title === 'Haircut')).toHaveLength(1);
      expect(world.platform.blocks().filter((b) => b.title === 'Dentist')).toHaveLength(1);
      expectNoDuplicates(world);
      // One undo in the history: the refused one changed nothing and is no run.
      expect((await world.services.history.list()).filter((r) => r.trigger === 'undo')).toHaveLength(1);
    });
  });

  it('undo after the user deleted what the run made, on either side: refused item by item, nothing recreated', async () => {
    await inWorld({}, async (world) => {
      await world.sync();
      const booked = await world.platform.book({ title: 'Massage', start: hoursFromNow(8, 1), end: hoursFromNow(9, 1) });
      await world.icloud.put('work', 'gym.ics', icsEvent('gym-1', { title: 'Gym', start: hoursFromNow(14, 2), end: hoursFromNow(15, 2) }));
      const run = await world.sync();
      expect(run.counts.icloud.created).toBe(1);
      expect(run.counts.platform.created).toBe(1);
      // The user deletes the mirror in the Calendar app and the blocked slot on the platform.
      const mirror = world.icloud.events('work').find((e) => e.title === 'Massage')!;
      await world.icloud.remove('work', mirror.file);
      world.platform.remove(world.platform.blocks().find((b) => b.title === 'Gym')!.id);

      const undo = await world.services.sync.undo(run.id);
      expect(undo.counts.skipped).toBe(2);
      expect(undo.items.map((i) => i.reason).sort()).toEqual([
        'not undone: it is no longer in iCloud; left as it is',
        'not undone: it is no longer on the platform; left as it is',
      ]);
      // The booking itself and the user's own event are untouched.
      expect(world.platform.get(booked.id)?.appointmentStatus).toBe('confirmed');
      expect(world.icloud.events('work').map((e) => e.title)).toEqual(['Gym']);
    });
  });

  it('undo of a run whose items a later sync moved: both refused with the reason, the later state kept', async () => {
    await inWorld({}, async (world) => {
      await world.sync();
      const booked = await world.platform.book({ title: 'Consult', start: hoursFromNow(8, 1), end: hoursFromNow(9, 1) });
      await world.icloud.put('work', 'run.ics', icsEvent('run-1', { title: 'Run', start: hoursFromNow(14, 2), end: hoursFromNow(15, 2) }));
      const run = await world.sync();
      expect(run.counts.icloud.created + run.counts.platform.created).toBe(2);
      // Both owners move, and the next sync moves the copies after them.
      world.platform.update(booked.id, { start: hoursFromNow(10, 1), end: hoursFromNow(11, 1) });
      await world.icloud.put('work', 'run.ics', icsEvent('run-1', { title: 'Run', start: hoursFromNow(16, 2), end: hoursFromNow(17, 2) }));
      const later = await world.sync();
      expect(later.counts.icloud.updated + later.counts.platform.updated).toBe(2);
      const after = { icloud: world.icloud.events('work').map((e) => `${e.title}|${e.start.iso}`).sort(), blocks: world.platform.blocks().map((b) => `${b.title}|${b.startMs}`) };

      const undo = await world.services.sync.undo(run.id);
      expect(undo.counts.skipped).toBe(2);
      expect(undo.items.map((i) => i.reason).sort()).toEqual([
        'not undone: a later sync changed it on the platform; left as it is',
        'not undone: it changed in iCloud since that run; left as it is',
      ]);
      expect({ icloud: world.icloud.events('work').map((e) => `${e.title}|${e.start.iso}`).sort(), blocks: world.platform.blocks().map((b) => `${b.title}|${b.startMs}`) }).toEqual(after);
      // Still followed: the next sync changes nothing.
      expect((await world.services.unfollowed()).filter((u) => u.guard === 'undo')).toEqual([]);
      const next = await world.sync();
      expect(next.counts.icloud.created + next.counts.icloud.deleted + next.counts.platform.created + next.counts.platform.deleted).toBe(0);
    });
  });

  it('a corrupt undo.json is set aside and reported: runs are simply not undoable, syncing goes on', async () => {
    await inWorld({}, async (world) => {
      const run = await runThatDeleted(world);
      const file = path.join(world.dataDir, 'undo.json');
      await fs.writeFile(file, '{"schemaVersion": 1, "runs": [{"runId": 42');
      const services = world.reopen();
      await expect(services.sync.undo(run.id)).rejects.toThrow(/cannot be undone/);
      // The bytes are kept beside it for support, not deleted.
      const aside = (await fs.readdir(world.dataDir)).filter((name) => name.startsWith('undo.unreadable-'));
      expect(aside.length).toBeGreaterThanOrEqual(1);
      expect(await fs.readFile(path.join(world.dataDir, aside[0]!), 'utf8')).toBe('{"schemaVersion": 1, "runs": [{"runId": 42');
      // Reported where the state's and history's are: Status (window, CLI) names the file set aside.
      expect((await services.status()).notice).toMatch(/undo\.json could not be read because it is not valid JSON.*kept as .*undo\.unreadable-/);
      const next = await services.sync.run('cli').report;
      expect(next.outcome).toBe('ok');
    });
  });

  it('a foreign undo.json (no schema version, another app\'s, a newer version) never stops a sync', async () => {
    for (const foreign of ['{"runs": []}', '{"schemaVersion": 0, "whatever": true}', '{"schemaVersion": 99, "runs": []}']) {
      await inWorld({}, async (world) => {
        await fs.writeFile(path.join(world.dataDir, 'undo.json'), foreign);
        const services = world.reopen();
        await world.icloud.put('work', 'gym.ics', icsEvent('gym-1', { title: 'Gym', start: hoursFromNow(14, 2), end: hoursFromNow(15, 2) }));
        const run = await services.sync.run('cli').report;
        expect(run.outcome, `${foreign}: ${JSON.stringify(run.error)}`).toBe('ok');
        expect(run.undoable, foreign).toBe(true);
        expect(world.platform.blocks().map((b) => b.title)).toEqual(['Gym']);
        // Set aside beside it (its bytes kept), and reported.
        const aside = (await fs.readdir(world.dataDir)).filter((name) => name.startsWith('undo.unreadable-'));
        expect(aside, foreign).toHaveLength(1);
        expect(await fs.readFile(path.join(world.dataDir, aside[0]!), 'utf8')).toBe(foreign);
        expect((await services.status()).notice).toMatch(/undo\.json could not be read/);
      });
    }
  });
});
