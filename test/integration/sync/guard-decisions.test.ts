// A safety guard is a decision (issue 12): the guarded report lists what it would do, by title and
// time; "keep" leaves both sides as they are and stops following those events durably (a later sync
// neither deletes nor re-adopts them) until the user follows one again.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/run-report';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { inWorld, mirrorsIn, skipWithoutRadicale, totalWrites } from './helpers';

describe.skipIf(skipWithoutRadicale)('guard decisions', () => {
  it('creations: a burst after the first sync stops (exit 5); --skip-creations makes none and stops following; --allow-creations makes them once', async () => {
    await inWorld({}, async (world) => {
      const event = (i: number) => icsEvent(`im-${i}`, { title: `Imported ${i}`, start: hoursFromNow(30 + i, 0), end: hoursFromNow(30 + i, 30) });
      for (let i = 0; i < 3; i++) await world.icloud.put('work', `im-${i}.ics`, event(i));
      await world.sync();
      expect(world.platform.blocks()).toHaveLength(3);
      for (let i = 3; i < 58; i++) await world.icloud.put('work', `im-${i}.ics`, event(i));

      const paused = await world.cli(['--json', 'sync']);
      expect(paused.code).toBe(5);
      expect(paused.json<RunReport>().guard).toMatchObject({ kind: 'creations', items: expect.arrayContaining([expect.objectContaining({ title: 'Imported 3' })]) });
      expect(paused.json<RunReport>().guard?.items).toHaveLength(55);
      expect((await world.cli(['sync'])).stdout).toMatch(/55 blocked slots would be created on the platform/);
      expect((await world.cli(['sync', '--allow-creations', '--skip-creations'])).code).toBe(2);

      const skipped = await world.cli(['--json', 'sync', '--skip-creations']);
      expect(skipped.code).toBe(0);
      expect(totalWrites(skipped.json<RunReport>())).toBe(0);
      expect(world.platform.blocks()).toHaveLength(3);
      expect(totalWrites(await world.sync())).toBe(0);
      const attention = (await world.cli(['--json', 'attention'])).json<{ id: string; kind: string; title: string }[]>();
      expect(attention.filter((i) => i.kind === 'not-followed')).toHaveLength(55);
      expect((await world.cli(['follow', attention.find((i) => i.title === 'Imported 7')!.id])).code).toBe(0);
      const followed = await world.sync();
      expect(followed.counts.platform.created).toBe(1);
      expect(world.platform.blocks()).toHaveLength(4);

      for (let i = 100; i < 160; i++) await world.icloud.put('work', `im-${i}.ics`, event(i));
      expect((await world.cli(['sync'])).code).toBe(5);
      const allowed = await world.cli(['--json', 'sync', '--allow-creations']);
      expect(allowed.code).toBe(0);
      expect(allowed.json<RunReport>().counts.platform.created).toBe(60);
      expect(world.platform.blocks()).toHaveLength(64);
      expect(new Set(world.platform.blocks().map((b) => b.startMs)).size).toBe(64);
    });
  });

  it('deletions: the report lists them; --keep-deletions keeps both sides and stops following; follow brings one back by adoption', async () => {
    await inWorld({}, async (world) => {
      const event = (i: number) => icsEvent(`ev-${i}`, { title: `Lesson ${i}`, start: hoursFromNow(14, 1 + i), end: hoursFromNow(15, 1 + i) });
      for (let i = 0; i < 12; i++) await world.icloud.put('work', `ev-${i}.ics`, event(i));
      await world.sync();
      expect(world.platform.blocks()).toHaveLength(12);
      for (let i = 0; i < 12; i++) await world.icloud.remove('work', `ev-${i}.ics`);

      const paused = await world.cli(['--json', 'sync']);
      expect(paused.code).toBe(5);
      const guarded = paused.json<RunReport>();
      expect(guarded.guard?.kind).toBe('deletions');
      expect(guarded.guard?.items).toHaveLength(12);
      expect(guarded.guard?.items[0]).toMatchObject({ title: 'Lesson 0', side: 'platform' });
      expect((await world.services.status()).guard?.items).toHaveLength(12);
      const text = await world.cli(['sync']);
      expect(text.stdout).toMatch(/12 events would be deleted from the platform/);
      expect(text.stdout).toMatch(/Lesson 3 — /);
      expect(text.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // local time, never raw ISO

      expect((await world.cli(['sync', '--allow-deletions', '--keep-deletions'])).code).toBe(2);
      const kept = await world.cli(['--json', 'sync', '--keep-deletions']);
      expect(kept.code).toBe(0);
      expect(kept.json<RunReport>().outcome).toBe('ok');
      expect(totalWrites(kept.json<RunReport>())).toBe(0);
      expect(world.platform.blocks()).toHaveLength(12);
      const status = await world.services.status();
      expect(status.guard).toBeUndefined();
      expect(status.unfollowed).toBe(12);
      const attention = (await world.cli(['--json', 'attention'])).json<{ id: string; kind: string; title: string }[]>();
      expect(attention.filter((i) => i.kind === 'not-followed')).toHaveLength(12);

      // Later syncs neither delete the kept slots nor adopt them again — not even when an event with
      // the same file and content comes back.
      expect(totalWrites(await world.sync())).toBe(0);
      await world.icloud.put('work', 'ev-0.ics', event(0));
      const back = await world.sync();
      expect(totalWrites(back)).toBe(0);
      expect(back.items.filter((i) => i.op === 'adopt')).toEqual([]);
      expect(world.platform.blocks()).toHaveLength(12);

      // Following it again: the next sync adopts the existing slot, no duplicate.
      const key = attention.find((i) => i.title === 'Lesson 0')!.id;
      expect((await world.cli(['follow', key])).code).toBe(0);
      const followed = await world.sync();
      expect(followed.items.filter((i) => i.op === 'adopt').map((i) => i.title)).toEqual(['Lesson 0']);
      expect(followed.counts.platform.created).toBe(0);
      expect(world.platform.blocks()).toHaveLength(12);
      expect((await world.services.status()).unfollowed).toBe(11);
    });
  });

  it('empty side: the platform listing nothing, kept: the iCloud copies stay and are not re-adopted when the platform answers again', async () => {
    await inWorld({}, async (world) => {
      for (let i = 0; i < 3; i++) await world.platform.book({ title: `Client ${i}`, start: hoursFromNow(8 + i, 1), end: hoursFromNow(9 + i, 1) });
      await world.sync();
      const hidden = [...world.emulator.state.events.values()];
      world.emulator.state.events.clear();
      const guarded = await world.sync();
      expect(guarded.outcome).toBe('guarded');
      expect(guarded.guard?.kind).toBe('empty-side');
      expect(guarded.guard?.items.map((i) => i.title).sort()).toEqual(['Client 0', 'Client 1', 'Client 2']);

      // The window decides the guard that is waiting, by kind: a stale one is refused, nothing kept.
      await expect(world.services.handlers['guard.decide']({ kind: 'deletions', choice: 'keep' })).rejects.toThrow(/already decided or has changed/);
      expect((await world.services.status()).counts.pairs).toBe(3);
      const decision = await world.services.sync.keepGuarded('manual');
      expect(decision.items).toHaveLength(3);
      expect((await world.services.status()).counts.pairs).toBe(0);
      expect(mirrorsIn(world).size).toBe(3);
      expect((await world.sync()).outcome).toBe('ok');

      for (const event of hidden) world.emulator.state.events.set(event.id, event);
      const back = await world.sync();
      expect(back.outcome).toBe('ok');
      expect(totalWrites(back)).toBe(0);
      expect(back.items.filter((i) => i.op === 'adopt')).toEqual([]);
      expect(mirrorsIn(world).size).toBe(3);
    });
  });
});
