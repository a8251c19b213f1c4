// Issue 10: a cycle interrupted after it created blocked slots (here: the platform's answers are lost
// from the third create on) must leave a state from which later cycles find those slots, follow their
// events and, when the events are deleted in iCloud, delete the slots. Nothing stale, nothing doubled.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { expectNoDuplicates, inWorld, skipWithoutRadicale } from './helpers';

const EVENTS = 6;

describe.skipIf(skipWithoutRadicale)('an interrupted cycle, then the iCloud events are deleted', () => {
  it('lost answers after some blocked slots were made: the next cycles adopt them, and deleting the events deletes every slot', async () => {
    await inWorld({}, async (world) => {
      // One event stays: a calendar that lists nothing at all is rightly a guard, not deletions.
      await world.icloud.put('work', 'keep.ics', icsEvent('keep', { title: 'Kept', start: hoursFromNow(8, 2), end: hoursFromNow(9, 2) }));
      for (let i = 0; i < EVENTS; i++) {
        await world.icloud.put('work', `ev-${i}.ics`, icsEvent(`ev-${i}`, { title: `Event ${i}`, start: hoursFromNow(9 + i, 1), end: hoursFromNow(10 + i, 1) }));
      }
      // Once two slots exist every answer is lost after the platform made the change.
      const faults = world.emulator.faults;
      const next = faults.next.bind(faults);
      faults.next = () => (world.platform.blocks().length >= 3 ? { kind: 'drop', afterCommit: true } : next());
      const interrupted = await world.sync();
      expect(interrupted.outcome).toBe('failed');
      const made = world.platform.blocks().length;
      expect(made, 'slots made before the interruption').toBeGreaterThanOrEqual(2);
      faults.next = next;

      const resumed = await world.sync();
      expect(resumed.outcome).toBe('ok');
      expect(world.platform.blocks()).toHaveLength(EVENTS + 1);
      expectNoDuplicates(world);

      for (let i = 0; i < EVENTS; i++) await world.icloud.remove('work', `ev-${i}.ics`);
      const deleted = await world.sync();
      expect(deleted.outcome).toBe('ok');
      expect(world.platform.blocks().map((b) => b.title), 'slots left after their events were deleted').toEqual(['Kept']);
    });
  }, 60_000);

  it('interrupted twice in a row, then the events are deleted before any cycle completes: every slot goes', async () => {
    await inWorld({}, async (world) => {
      // One event stays: a calendar that lists nothing at all is rightly a guard, not deletions.
      await world.icloud.put('work', 'keep.ics', icsEvent('keep', { title: 'Kept', start: hoursFromNow(8, 2), end: hoursFromNow(9, 2) }));
      for (let i = 0; i < EVENTS; i++) {
        await world.icloud.put('work', `ev-${i}.ics`, icsEvent(`ev-${i}`, { title: `Event ${i}`, start: hoursFromNow(9 + i, 1), end: hoursFromNow(10 + i, 1) }));
      }
      const faults = world.emulator.faults;
      const next = faults.next.bind(faults);
      let limit = 3;
      faults.next = () => (world.platform.blocks().length >= limit ? { kind: 'drop', afterCommit: true } : next());
      expect((await world.sync()).outcome).toBe('failed');
      limit = 5;
      expect((await world.sync()).outcome).toBe('failed');
      faults.next = next;
      for (let i = 0; i < EVENTS; i++) await world.icloud.remove('work', `ev-${i}.ics`);
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(world.platform.blocks().map((b) => b.title), 'slots left after their events were deleted').toEqual(['Kept']);
    });
  }, 60_000);

  it('SIGKILL after some blocked slots were made, then the events are deleted: the next sync deletes every slot', async () => {
    await inWorld({}, async (world) => {
      await world.icloud.put('work', 'keep.ics', icsEvent('keep', { title: 'Kept', start: hoursFromNow(8, 2), end: hoursFromNow(9, 2) }));
      for (let i = 0; i < 20; i++) {
        await world.icloud.put('work', `ev-${i}.ics`, icsEvent(`ev-${i}`, { title: `Event ${i}`, start: hoursFromNow(9 + (i % 10), 1 + Math.floor(i / 10)), end: hoursFromNow(10 + (i % 10), 1 + Math.floor(i / 10)) }));
      }
      // The CLI as its own process, killed once a few slots exist (pairs may be on disk or not yet).
      const root = path.resolve(import.meta.dirname, '../../..');
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main/cli/main.ts'), '--json', 'sync'], {
        cwd: root, env: { ...process.env, ...world.env }, stdio: 'ignore',
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      const watcher = setInterval(() => {
        if (world.platform.blocks().length >= 4) child.kill('SIGKILL');
      }, 1);
      const signal = await exited;
      clearInterval(watcher);
      expect(signal, 'the sync was killed mid-cycle').toBe('SIGKILL');
      const made = world.platform.blocks().length;
      expect(made).toBeGreaterThanOrEqual(4);
      expect(made, 'killed before the end of the work').toBeLessThan(21);
      // A killed process cannot release its data-directory lock.
      await rm(path.join(world.dataDir, 'data.lock'), { recursive: true, force: true });

      for (let i = 0; i < 20; i++) await world.icloud.remove('work', `ev-${i}.ics`);
      const report = await world.sync({ allowDeletions: true });
      expect(report.outcome).toBe('ok');
      expect(world.platform.blocks().map((b) => b.title), 'slots left after their events were deleted').toEqual(['Kept']);
    });
  }, 90_000);
});
