// Undo a run end to end (issue 13 item 2) against Radicale + the emulator: a run that created,
// updated and deleted on both sides is reversed item by item to both sides' state before it; an
// item the user edited since is refused and the rest is done; the next sync does not redo it.
import { describe, expect, it } from 'vitest';
import { hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { inWorld, skipWithoutRadicale } from './helpers';

/** Both sides as a user sees them: iCloud events and platform events by content, ids left out. */
function sides(world: SyncWorld) {
  const icloud = world.icloud.events('work').map((e) => `${e.title}|${e.start.iso}|${e.end.iso}|${e.notes}`).sort();
  const appointments = world.platform.appointments().map((a) => `${a.title}|${a.appointmentStatus}|${a.startMs}|${a.endMs}`).sort();
  const blocks = world.platform.blocks().map((b) => `${b.title}|${b.startMs}|${b.endMs}`).sort();
  return { icloud, appointments, blocks };
}

/**
 * A first sync (not undone), then the user's changes, then the run to undo: on iCloud it creates
 * (a new booking), updates (a renamed booking) and deletes (a cancelled booking's copy); on the
 * platform it creates (a new own event), updates (an own event moved) and deletes (one removed).
 */
async function runToUndo(world: SyncWorld) {
  const booked = [];
  for (let i = 0; i < 3; i++) booked.push(await world.platform.book({ title: `Appointment ${i}`, start: hoursFromNow(8 + i, 1), end: hoursFromNow(9 + i, 1) }));
  for (let i = 0; i < 3; i++) {
    await world.icloud.put('work', `own-${i}.ics`, icsEvent(`own-${i}`, { title: `Own ${i}`, start: hoursFromNow(14 + i, 2), end: hoursFromNow(15 + i, 2) }));
  }
  const first = await world.sync();
  expect(first.counts.icloud.created + first.counts.platform.created).toBe(6);

  await world.platform.book({ title: 'New booking', start: hoursFromNow(12, 1), end: hoursFromNow(13, 1) });
  world.platform.update(booked[0].id, { title: 'Appointment 0 renamed' });
  world.platform.cancel(booked[1].id);
  await world.icloud.put('work', 'own-3.ics', icsEvent('own-3', { title: 'Own 3', start: hoursFromNow(18, 2), end: hoursFromNow(19, 2) }));
  await world.icloud.put('work', 'own-0.ics', icsEvent('own-0', { title: 'Own 0', start: hoursFromNow(20, 2), end: hoursFromNow(21, 2) }));
  await world.icloud.remove('work', 'own-1.ics');
  const before = sides(world);
  // A preview executes against a throwaway copy: it records nothing to undo.
  const kept = await world.services.undo.list(new Date());
  const preview = await world.services.sync.run('cli', { dryRun: true }).report;
  expect(preview.undoable).toBeUndefined();
  expect(await world.services.undo.list(new Date())).toEqual(kept);
  const run = await world.sync();
  expect(run.counts.icloud).toEqual({ created: 1, updated: 1, deleted: 1 });
  expect(run.counts.platform).toEqual({ created: 1, updated: 1, deleted: 1 });
  expect(run.undoable).toBe(true);
  return { run, before, booked };
}

describe.skipIf(skipWithoutRadicale)('undo a run', () => {
  it('restores both sides item by item to their state before the run, and the next sync does not redo it', async () => {
    await inWorld({}, async (world) => {
      const { run, before } = await runToUndo(world);
      expect(sides(world)).not.toEqual(before);

      const undo = await world.services.sync.undo(run.id);
      expect(undo.trigger).toBe('undo');
      expect(undo.undoes).toBe(run.id);
      expect(undo.undoable).toBe(false);
      expect(undo.counts.icloud).toEqual({ created: 1, updated: 1, deleted: 1 });
      expect(undo.counts.platform).toEqual({ created: 1, updated: 1, deleted: 1 });
      expect(undo.counts.skipped).toBe(0);
      expect(sides(world)).toEqual(before);
      // The cancelled booking's copy is back; the booking itself stays cancelled, and the item says so.
      expect(undo.items.find((i) => i.title === 'Appointment 1')?.reason).toMatch(/cancelled booking stays cancelled/);
      expect((await world.services.history.list(1))[0].id).toBe(undo.id);

      // Undone items are no longer followed (listed, with a way back), so the next sync leaves them.
      const unfollowed = await world.services.unfollowed();
      expect(unfollowed.filter((u) => u.guard === 'undo')).toHaveLength(6);
      const next = await world.sync();
      expect(next.counts.icloud).toEqual({ created: 0, updated: 0, deleted: 0 });
      expect(next.counts.platform).toEqual({ created: 0, updated: 0, deleted: 0 });
      expect(sides(world)).toEqual(before);

      // The window lists the undone run as no longer undoable (the history keeps what it said then).
      const listed = await world.services.handlers['history.list']({ limit: 10, offset: 0 });
      expect(listed.runs.find((r) => r.id === run.id)?.undoable).toBe(false);
      expect((await world.services.history.list()).find((r) => r.id === run.id)?.undoable).toBe(true);

      // An undo happens once, and an undo is not undone.
      await expect(world.services.sync.undo(run.id)).rejects.toThrow(/undone already/);
      await expect(world.services.sync.undo(undo.id)).rejects.toThrow(/an undo is not undone/);
    });
  });

  it('refuses an item edited since, with the reason, and does the rest', async () => {
    await inWorld({}, async (world) => {
      const { run, before } = await runToUndo(world);
      // The user edits the blocked slot the run created, on the platform, after the run.
      const slot = world.platform.blocks().find((b) => b.title === 'Own 3')!;
      world.platform.update(slot.id, { title: 'Own 3 (kept)' });
      // And the iCloud copy of the booking the run mirrored, in the Calendar app (its etag changes).
      const mirror = world.icloud.events('work').find((e) => e.title === 'New booking')!;
      await world.icloud.put('work', mirror.file, mirror.ics.replace('SUMMARY:New booking', 'SUMMARY:New booking (note)'));

      const undo = await world.services.sync.undo(run.id);
      expect(undo.counts.skipped).toBe(2);
      expect(undo.counts.platform).toEqual({ created: 1, updated: 1, deleted: 0 });
      expect(undo.counts.icloud).toEqual({ created: 1, updated: 1, deleted: 0 });
      const refusedSlot = undo.items.find((i) => i.title === 'Own 3');
      expect(refusedSlot?.op).toBe('skip');
      expect(refusedSlot?.reason).toMatch(/not undone: it changed on the platform since that run/);
      const refusedMirror = undo.items.find((i) => i.title === 'New booking');
      expect(refusedMirror?.op).toBe('skip');
      expect(refusedMirror?.reason).toMatch(/not undone: it changed in iCloud since that run/);
      // Everything else is as before the run; the edited items stay as the user left them.
      const now = sides(world);
      const editedMirror = world.icloud.events('work').find((e) => e.title === 'New booking (note)')!;
      expect(now.icloud).toEqual([...before.icloud, `New booking (note)|${editedMirror.start.iso}|${editedMirror.end.iso}|${editedMirror.notes}`].sort());
      expect(now.appointments).toEqual(before.appointments);
      expect(now.blocks).toEqual([...before.blocks, `Own 3 (kept)|${slot.startMs}|${slot.endMs}`].sort());
    });
  });
});
