// Crash safety with two locations (issue 15, the crash.test.ts pattern): the CLI `sync` is
// SIGKILLed at random request counts of a two-location first sync (appointments of A and B to
// mirror into iCloud and to block as "Busy" in the other location, iCloud events to block in both),
// and after each kill an iCloud event is deleted and an appointment of each location cancelled. At
// the end: every live owner has each of its copies once (0 lost, 0 duplicates) and no copy is left
// of an owner that went (0 stale).
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LOCATION, hoursFromNow, icsEvent, startSyncWorld, type SyncWorld } from '../../support/sync-world';
import { LOCATION_B, bookInB, connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { expectNoDuplicates, mirrorsIn, skipWithoutRadicale } from './helpers';

const root = join(import.meta.dirname, '../../..');
const bundle = join(root, 'node_modules/.cache/sync-crash-locations/cli.mjs');
const PER_KIND = 30;
const MIN_KILLS = 20;

function spawnSync(world: SyncWorld): { done: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, [bundle, '--data-dir', world.dataDir, '--json', 'sync', '--allow-deletions'], {
    env: { ...process.env, ...world.env }, stdio: ['ignore', 'ignore', 'ignore'],
  });
  const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { done, kill: () => child.kill('SIGKILL') };
}

const requestsSeen = (world: SyncWorld) => world.emulator.requestCount() + world.proxy!.stats.forwarded + world.proxy!.stats.dropped;
const at = (i: number, hour: number) => ({ start: hoursFromNow(hour, 1 + i), end: hoursFromNow(hour + 1, 1 + i) });

describe.skipIf(skipWithoutRadicale)('crash safety with two locations', () => {
  let world: SyncWorld;

  beforeAll(async () => {
    await build({ entryPoints: [join(root, 'src/main/cli/main.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: bundle, logLevel: 'warning' });
    world = await startSyncWorld({ proxy: true, seed: twoLocationSeed() });
    await connectSecondLocation(world);
    for (let i = 0; i < PER_KIND; i++) {
      const a = at(i, 6);
      world.emulator.state.insert({
        id: `appt-a-${i}`, kind: 'appointment', locationId: TEST_LOCATION, calendarId: 'cal-rr', contactId: 'contact-1', assignedUserId: world.userId, users: [],
        title: `A ${i}`, appointmentStatus: 'confirmed', startMs: Date.parse(a.start), endMs: Date.parse(a.end),
      });
      const b = at(i, 9);
      bookInB(world, `appt-b-${i}`, `B ${i}`, b.start, b.end);
      const e = at(i, 12);
      await world.icloud.put('work', `ev-${i}.ics`, icsEvent(`ev-${i}`, { title: `Event ${i}`, start: e.start, end: e.end }));
    }
  }, 120_000);
  afterAll(async () => world?.stop());

  it(`survives ${MIN_KILLS}+ kills of a two-location first sync with deletions on top: every copy once, none stale`, async () => {
    let kills = 0;
    let rounds = 0;
    const deletedEvents = new Set<number>();
    const cancelled = { a: new Set<number>(), b: new Set<number>() };
    const deadline = Date.now() + 200_000;
    while (Date.now() < deadline && kills < MIN_KILLS && rounds < 150) {
      rounds += 1;
      const target = requestsSeen(world) + Math.floor(Math.random() * 30);
      const run = spawnSync(world);
      let killed = false;
      const watcher = setInterval(() => {
        if (!killed && requestsSeen(world) >= target) {
          killed = true;
          run.kill();
        }
      }, 2);
      const code = await run.done;
      clearInterval(watcher);
      if (killed && code === null) {
        kills += 1;
        await rm(join(world.dataDir, 'data.lock'), { recursive: true, force: true });
        const event = [...Array(PER_KIND).keys()].find((i) => !deletedEvents.has(i) && Math.random() < 0.3) ?? [...Array(PER_KIND).keys()].find((i) => !deletedEvents.has(i))!;
        deletedEvents.add(event);
        await world.icloud.remove('work', `ev-${event}.ics`);
        for (const side of ['a', 'b'] as const) {
          const i = [...Array(PER_KIND).keys()].find((n) => !cancelled[side].has(n) && Math.random() < 0.3) ?? [...Array(PER_KIND).keys()].find((n) => !cancelled[side].has(n))!;
          cancelled[side].add(i);
          world.emulator.state.update(`appt-${side}-${i}`, { appointmentStatus: 'cancelled' });
        }
      } else {
        if (code !== 0) {
          const again = await world.cli(['--json', 'sync', '--allow-deletions']);
          expect(code, `a sync that was not killed finishes cleanly; the next: ${again.stdout.slice(0, 1500)}`).toBe(0);
        }
      }
    }
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    const final = await world.cli(['--json', 'sync', '--allow-deletions']);
    expect(final.code, final.stdout.slice(0, 500)).toBe(0);
    const idle = await world.cli(['--json', 'sync']);
    const report = idle.json<{ counts: { icloud: Record<string, number>; platform: Record<string, number> } }>();
    expect(Object.values(report.counts.icloud).concat(Object.values(report.counts.platform)).every((n) => n === 0), idle.stdout.slice(0, 800)).toBe(true);

    const blocks = (location: string) => world.emulator.state.eventsOf(location, 'blocked');
    const startsOf = (location: string, title: string) => blocks(location).filter((b) => b.title === title).map((b) => b.startMs).sort((x, y) => x - y);
    const live = (set: Set<number>) => [...Array(PER_KIND).keys()].filter((i) => !set.has(i));
    // iCloud events: one slot in each location, none for a deleted one.
    for (const location of [TEST_LOCATION, LOCATION_B]) {
      expect(blocks(location).filter((b) => b.title.startsWith('Event ')).map((b) => b.title).sort(), location).toEqual(live(deletedEvents).map((i) => `Event ${i}`).sort());
    }
    // Appointments: one mirror each, none of a cancelled one; one Busy slot in the other location.
    const mirrors = mirrorsIn(world);
    for (const side of ['a', 'b'] as const) {
      for (let i = 0; i < PER_KIND; i++) expect(mirrors.get(`appt-${side}-${i}`)?.length ?? 0, `mirror of appt-${side}-${i}`).toBe(cancelled[side].has(i) ? 0 : 1);
    }
    expect(startsOf(LOCATION_B, 'Busy'), 'Busy in B for A\'s live appointments').toEqual(live(cancelled.a).map((i) => Date.parse(at(i, 6).start)));
    expect(startsOf(TEST_LOCATION, 'Busy'), 'Busy in A for B\'s live appointments').toEqual(live(cancelled.b).map((i) => Date.parse(at(i, 9).start)));
    expectNoDuplicates(world);
    console.info(`crash-locations: ${kills} kills in ${rounds} runs; 0 stale, 0 duplicates, 0 lost`);
  }, 300_000);
});
