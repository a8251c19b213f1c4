// Crash safety (DESIGN §3): the CLI `sync` process is SIGKILLed at ≥ 50 random points of a
// 300-operation cycle (150 appointments to mirror into iCloud, 150 iCloud events to block on the
// platform) and run again each time. At the end: every event mirrored, zero duplicates on either side.
//
// "Random points" are counted in requests, not milliseconds: the test watches the requests reaching
// Radicale (through the proxy) and the emulator, and kills the child when a random number of them
// has gone by since it started — so kills land inside the work (mid-request included), not only in
// start-up. The CLI is bundled once with esbuild so a run starts in ~0.3 s instead of ~2 s with tsx.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoursFromNow, icsEvent, startSyncWorld, type SyncWorld } from '../../support/sync-world';
import { expectNoDuplicates, mirrorsIn, skipWithoutRadicale } from './helpers';

const root = join(import.meta.dirname, '../../..');
// Inside node_modules so the bundle's external imports resolve from the project.
const bundle = join(root, 'node_modules/.cache/sync-crash/cli.mjs');
const EVENTS_PER_SIDE = 150;
const MIN_KILLS = 50;

function spawnSync(world: SyncWorld): { done: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, [bundle, '--data-dir', world.dataDir, '--json', 'sync'], {
    env: { ...process.env, ...world.env }, stdio: ['ignore', 'ignore', 'ignore'],
  });
  const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { done, kill: () => child.kill('SIGKILL') };
}

const requestsSeen = (world: SyncWorld) => world.emulator.requestCount() + world.proxy!.stats.forwarded + world.proxy!.stats.dropped;

describe.skipIf(skipWithoutRadicale)('crash safety', () => {
  let world: SyncWorld;

  beforeAll(async () => {
    await build({ entryPoints: [join(root, 'src/main/cli/main.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: bundle, logLevel: 'warning' });
    world = await startSyncWorld({ proxy: true });
    for (let i = 0; i < EVENTS_PER_SIDE; i++) {
      const day = 1 + (i % 60);
      const hour = 6 + Math.floor(i / 60) * 2;
      world.emulator.state.insert({
        id: `appt-${i}`, kind: 'appointment', locationId: world.locationId, calendarId: 'cal-rr', contactId: 'contact-1', assignedUserId: world.userId, users: [],
        title: `Appointment ${i}`, appointmentStatus: 'confirmed', startMs: Date.parse(hoursFromNow(hour, day)), endMs: Date.parse(hoursFromNow(hour + 1, day)),
      });
      await world.icloud.put('work', `ev-${i}.ics`, icsEvent(`ev-${i}`, { title: `Event ${i}`, start: hoursFromNow(hour + 1, day), end: hoursFromNow(hour + 2, day) }));
    }
  }, 120_000);
  afterAll(async () => world?.stop());

  it(`survives being killed at ${MIN_KILLS}+ random points of a 300-operation cycle: everything mirrored once`, async () => {
    let kills = 0;
    let completed = 0;
    let rounds = 0;
    /** How much of the work was on the servers when each kill landed: kills must be spread over it. */
    const progressAtKill: number[] = [];
    // ~70 s alone; more when other suites share the two cores.
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline && (kills < MIN_KILLS || completed === 0) && rounds < 200) {
      rounds += 1;
      const from = requestsSeen(world);
      // Mostly a few operations in, sometimes at start-up (reading both sides), never past the work.
      const target = from + Math.floor(Math.random() * 24);
      const run = spawnSync(world);
      let killed = false;
      const watcher = setInterval(() => {
        if (!killed && kills < MIN_KILLS && requestsSeen(world) >= target) {
          killed = true;
          run.kill();
        }
      }, 2);
      const code = await run.done;
      clearInterval(watcher);
      if (killed && code === null) {
        kills += 1;
        // The killed process cannot release its data-directory lock; it would go stale after 15 s.
        await rm(join(world.dataDir, 'data.lock'), { recursive: true, force: true });
        progressAtKill.push(mirrorsIn(world).size + world.platform.blocks().length);
      } else {
        expect(code, 'a sync that was not killed finishes cleanly').toBe(0);
        completed += 1;
      }
    }
    expect(kills, `kills within the time bound (${rounds} runs)`).toBeGreaterThanOrEqual(MIN_KILLS);
    const points = new Set(progressAtKill);
    expect(points.size, `distinct points of progress at the kills: ${progressAtKill.join(' ')}`).toBeGreaterThanOrEqual(20);
    expect(Math.max(...progressAtKill)).toBeGreaterThan(EVENTS_PER_SIDE);

    // Let it finish for real, then one more run must have nothing left to do.
    const final = await world.cli(['--json', 'sync']);
    expect(final.code).toBe(0);
    const idle = await world.cli(['--json', 'sync']);
    const report = idle.json<{ counts: { icloud: Record<string, number>; platform: Record<string, number>; errors: number } }>();
    expect(Object.values(report.counts.icloud).concat(Object.values(report.counts.platform)).every((n) => n === 0)).toBe(true);

    const mirrors = mirrorsIn(world);
    expect(mirrors.size).toBe(EVENTS_PER_SIDE);
    for (let i = 0; i < EVENTS_PER_SIDE; i++) expect(mirrors.get(`appt-${i}`), `mirror of appt-${i}`).toHaveLength(1);
    const blocks = world.platform.blocks();
    expect(blocks).toHaveLength(EVENTS_PER_SIDE);
    expect(new Set(blocks.map((b) => b.title)).size).toBe(EVENTS_PER_SIDE);
    expectNoDuplicates(world);
    expect(world.icloud.events('work')).toHaveLength(2 * EVENTS_PER_SIDE);
    expect(world.platform.appointments().every((a) => a.appointmentStatus === 'confirmed')).toBe(true);
    console.info(`crash test: ${kills} kills, ${completed} completed runs, ${rounds} runs in all; work done at each kill: ${progressAtKill.join(' ')}`);
  }, 300_000);
});
