// `sync --dry-run` end to end (issue 13 item 1): the preview reports exactly what the following sync
// does, and changes nothing anywhere before it — only GETs reach the platform, Radicale's files,
// state.json and history.json stay byte for byte the same.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunItem, RunReport } from '../../../src/shared/run-report';
import { hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { inWorld, skipWithoutRadicale } from './helpers';

/**
 * One hash of every file under Radicale's storage (names and bytes), to see that nothing was written.
 * Radicale's own caches (`.Radicale.cache`: item and sync-token caches it fills on reads) and its lock
 * file are not calendar data and change on any read.
 */
async function folderHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
    .filter((file) => !file.includes('.Radicale.cache') && !file.endsWith('.Radicale.lock')).sort();
  for (const file of files) hash.update(file).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex');
}

async function snapshot(world: SyncWorld) {
  const bytes = async (name: string) => readFile(join(world.dataDir, name)).then((b) => b.toString('base64'), () => 'absent');
  return { radicale: await folderHash(world.radicale.storageDir), state: await bytes('state.json'), history: await bytes('history.json') };
}

/** The items as the user sees them, in a stable order (ids of blocked slots differ: a preview makes none). */
const itemsOf = (report: RunReport) =>
  report.items.map((i: RunItem) => `${i.op} ${i.side} ${i.title} ${i.reason ?? ''}`).sort();

async function expectPreviewMatchesSync(world: SyncWorld): Promise<RunReport> {
  const before = await snapshot(world);
  const sent = world.emulator.exchanges.length;
  const run = await world.cli(['--json', 'sync', '--dry-run']);
  expect(run.code).toBe(0);
  const preview = run.json<RunReport>();
  expect(preview.dryRun).toBe(true);
  expect(world.emulator.exchanges.slice(sent).map((e) => e.method).filter((m) => m !== 'GET')).toEqual([]);
  expect(await snapshot(world)).toEqual(before);

  const real = await world.sync();
  expect(real.dryRun).toBeUndefined();
  expect(preview.counts).toEqual(real.counts);
  expect(itemsOf(preview)).toEqual(itemsOf(real));
  expect(preview.outcome).toBe(real.outcome);
  return preview;
}

describe.skipIf(skipWithoutRadicale)('sync --dry-run', () => {
  it('previews a first sync exactly (creations on both sides), changing nothing', async () => {
    await inWorld({}, async (world) => {
      for (let i = 0; i < 3; i++) await world.platform.book({ title: `Appointment ${i}`, start: hoursFromNow(8 + i, 1), end: hoursFromNow(9 + i, 1) });
      for (let i = 0; i < 2; i++) {
        await world.icloud.put('work', `ev-${i}.ics`, icsEvent(`ev-${i}`, { title: `Dentist ${i}`, start: hoursFromNow(14 + i, 2), end: hoursFromNow(15 + i, 2) }));
      }
      const preview = await expectPreviewMatchesSync(world);
      expect(preview.counts.icloud.created).toBe(3);
      expect(preview.counts.platform.created).toBe(2);
      expect((await world.cli(['--json', 'history'])).json<RunReport[]>()).toHaveLength(1);
    });
  });

  it('previews updates and deletions on both sides after a first sync', async () => {
    await inWorld({}, async (world) => {
      const moved = await world.platform.book({ title: 'Moved', start: hoursFromNow(8, 1), end: hoursFromNow(9, 1) });
      const cancelled = await world.platform.book({ title: 'Cancelled', start: hoursFromNow(10, 1), end: hoursFromNow(11, 1) });
      await world.icloud.put('work', 'gone.ics', icsEvent('gone', { title: 'Gone', start: hoursFromNow(14, 2), end: hoursFromNow(15, 2) }));
      await world.icloud.put('work', 'renamed.ics', icsEvent('renamed', { title: 'Before', start: hoursFromNow(16, 2), end: hoursFromNow(17, 2) }));
      await world.sync();

      world.platform.update(moved.id, { start: hoursFromNow(12, 1), end: hoursFromNow(13, 1) });
      world.platform.cancel(cancelled.id);
      await world.icloud.remove('work', 'gone.ics');
      await world.icloud.put('work', 'renamed.ics', icsEvent('renamed', { title: 'After', start: hoursFromNow(16, 2), end: hoursFromNow(18, 2) }));

      const preview = await expectPreviewMatchesSync(world);
      expect(preview.counts.icloud.updated + preview.counts.icloud.deleted).toBe(2);
      expect(preview.counts.platform.updated + preview.counts.platform.deleted).toBe(2);
    });
  });

  it('says where a guard would stop the cycle (exit 5), as the sync would, and writes nothing', async () => {
    await inWorld({}, async (world) => {
      for (let i = 0; i < 3; i++) await world.platform.book({ title: `Appointment ${i}`, start: hoursFromNow(8 + i, 1), end: hoursFromNow(9 + i, 1) });
      await world.sync();
      world.emulator.state.events.clear(); // the platform suddenly listing nothing

      const before = await snapshot(world);
      const run = await world.cli(['--json', 'sync', '--dry-run']);
      expect(run.code).toBe(5);
      const preview = run.json<RunReport>();
      expect(preview).toMatchObject({ dryRun: true, outcome: 'guarded', error: { kind: 'guard' } });
      expect(preview.guard?.items.length).toBeGreaterThan(0);
      expect(await snapshot(world)).toEqual(before);
      // Keeping would change state (items no longer followed): a preview refuses it as bad usage.
      expect((await world.cli(['sync', '--dry-run', '--keep-deletions'])).code).toBe(2);
      expect(await snapshot(world)).toEqual(before);

      const real = await world.cli(['--json', 'sync']);
      expect(real.code).toBe(5);
      expect(real.json<RunReport>().guard?.items.length).toBe(preview.guard?.items.length);
    });
  });

  it('previews a wider window (set futureDays … --dry-run) exactly as the sync after saving it, changing nothing', async () => {
    await inWorld({ settings: { futureDays: 10 } }, async (world) => {
      await world.platform.book({ title: 'Soon', start: hoursFromNow(8, 1), end: hoursFromNow(9, 1) });
      await world.platform.book({ title: 'Later booking', start: hoursFromNow(8, 40), end: hoursFromNow(9, 40) });
      await world.icloud.put('work', 'near.ics', icsEvent('near', { title: 'Near', start: hoursFromNow(14, 2), end: hoursFromNow(15, 2) }));
      await world.icloud.put('work', 'far.ics', icsEvent('far', { title: 'Far', start: hoursFromNow(14, 50), end: hoursFromNow(15, 50) }));
      await world.sync();

      const before = await snapshot(world);
      const sent = world.emulator.exchanges.length;
      const run = await world.cli(['--json', 'set', 'futureDays', '60', '--dry-run']);
      expect(run.code).toBe(0);
      const preview = run.json<RunReport>();
      expect(preview.dryRun).toBe(true);
      expect(itemsOf(preview).filter((item) => item.startsWith('create'))).toHaveLength(2);
      expect(world.emulator.exchanges.slice(sent).map((e) => e.method).filter((m) => m !== 'GET')).toEqual([]);
      expect(await snapshot(world)).toEqual(before);
      expect((await world.cli(['get', 'futureDays'])).stdout.trim()).toBe('10');
      // A value the setting does not accept is bad usage, previewed or not.
      expect((await world.cli(['set', 'futureDays', '400', '--dry-run'])).code).toBe(2);

      expect((await world.cli(['set', 'futureDays', '60'])).code).toBe(0);
      const real = await world.sync();
      expect(preview.counts).toEqual(real.counts);
      expect(itemsOf(preview)).toEqual(itemsOf(real));
      expect(real.counts.icloud.created).toBe(1);
      expect(real.counts.platform.created).toBe(1);
    });
  });

  it('previews a new busy source (link … --dry-run) exactly as the sync after linking it, changing nothing', async () => {
    await inWorld({ calendars: ['work', 'home'] }, async (world) => {
      await world.icloud.put('work', 'w.ics', icsEvent('w', { title: 'Work thing', start: hoursFromNow(14, 2), end: hoursFromNow(15, 2) }));
      await world.icloud.put('home', 'h.ics', icsEvent('h', { title: 'Home thing', start: hoursFromNow(9, 3), end: hoursFromNow(10, 3) }));
      await world.sync();

      const before = await snapshot(world);
      const sent = world.emulator.exchanges.length;
      const link = ['link', '--icloud', world.linkedUrl, '--busy', world.calendarUrl('home')];
      const run = await world.cli(['--json', ...link, '--dry-run']);
      expect(run.code).toBe(0);
      const preview = run.json<RunReport>();
      expect(preview.dryRun).toBe(true);
      expect(world.emulator.exchanges.slice(sent).map((e) => e.method).filter((m) => m !== 'GET')).toEqual([]);
      expect(await snapshot(world)).toEqual(before);
      expect((await world.services.status()).icloud.busySources).toEqual([]);

      expect((await world.cli(link)).code).toBe(0);
      const real = await world.sync();
      expect(preview.counts).toEqual(real.counts);
      expect(itemsOf(preview)).toEqual(itemsOf(real));
      expect(itemsOf(real)).toContainEqual(expect.stringMatching(/^create platform Home thing/));
    });
  });
});
