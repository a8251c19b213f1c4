// The first-sync lines of `npm run bench:sync` (issue 16), `BENCH_ONLY=first` alone:
//   initial-sync-read: <s> s for 5000 events      (goal ≤ 3 s)
//   initial-sync-rss: <MB> MB peak for 10000 events (goal ≤ 250 MB)
// Each size gets its own world: Radicale seeded through its storage folder (iCloud-style events, a
// window of 365 days so every one is in it) and the emulator with its rate limit raised (the world's
// default seed: 100,000 requests a 10 s), connected and linked in process. Then one first sync as a
// user's script runs it: `node out/main/cli.js --json sync`, a fresh process, not through npm.
// read: from spawning it until it says on stderr that the plan is made (ICLOUD_SYNC_TIMINGS=1,
//   phase-timings.ts), before the first write; the process is then stopped (its writes are not timed).
// rss: the whole sync to its end; the child's own peak RSS (process.resourceUsage().maxRSS, printed
//   on exit by the peak-rss.mjs hook). Needs `npm run build` first.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSyncWorld, type SyncWorld } from '../test/support/sync-world';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'out/main/cli.js');
const hook = join(root, 'scripts/peak-rss.mjs');
const HOUR = 3_600_000;

interface FirstSync {
  /** ms from spawn until the plan was made. */
  plannedMs: number;
  /** Peak RSS in MB (only when run to the end). */
  peakMb?: number;
  report?: { outcome: string; counts: { platform: { created: number } } };
}

/** One CLI sync; `stopAtPlan` kills it once the plan is made (nothing after that is measured). */
function cliSync(world: SyncWorld, stopAtPlan: boolean): Promise<FirstSync> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', hook, cli, '--json', 'sync'], {
      env: { ...process.env, ...world.env, ICLOUD_SYNC_TIMINGS: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let plannedMs: number | undefined;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (plannedMs === undefined && stderr.includes('icloud-sync timing: planned')) {
        plannedMs = performance.now() - started;
        if (stopAtPlan) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (plannedMs === undefined) return reject(new Error(`bench first-sync: no plan was made (${code}): ${stderr}${stdout}`));
      if (stopAtPlan) return resolvePromise({ plannedMs });
      const kb = Number(/peak-rss: (\d+) KB/.exec(stderr)?.[1]);
      if (code !== 0 || !kb) return reject(new Error(`bench first-sync: the CLI sync failed (${code}): ${stderr}${stdout}`));
      resolvePromise({ plannedMs, peakMb: kb / 1024, report: JSON.parse(stdout) as FirstSync['report'] });
    });
  });
}

type AppleEvent = (uid: string, title: string, startMs: number) => string;

/** `count` events, 30 a day (every half hour) from tomorrow: 10,000 fit in the 365-day window. */
function seedOf(count: number, event: AppleEvent): Record<string, string> {
  const events: Record<string, string> = {};
  const base = Date.now() + 24 * HOUR;
  for (let i = 0; i < count; i++) {
    const uid = `${i.toString(16).padStart(8, '0')}-7A2B-4C8E-9B1F-2D2A6C9F0A11`;
    events[`${uid}.ics`] = event(uid, `Meeting ${i}`, base + Math.floor(i / 30) * 24 * HOUR + (i % 30) * 0.5 * HOUR);
  }
  return events;
}

async function firstSyncAt(count: number, event: AppleEvent, stopAtPlan: boolean): Promise<FirstSync> {
  const world = await startSyncWorld({
    link: false, settings: { futureDays: 365 }, radicaleSeed: [{ user: 'alice@example.com', name: 'work', displayName: 'Work', events: seedOf(count, event) }],
  });
  try {
    // Radicale's first look at a calendar seeded through its folder reads every file and fills its
    // cache (minutes on a loaded machine): done before, so the sync is timed against a warm server,
    // as iCloud is.
    const auth = `${world.appleId}:${world.env.ICLOUD_SYNC_APP_PASSWORD}`;
    execFileSync('curl', ['-s', '-o', '/dev/null', '--max-time', '900', '-u', auth, '-X', 'PROPFIND', '-H', 'Depth: 1', world.calendarUrl('work')]);
    await world.connect();
    const result = await cliSync(world, stopAtPlan);
    if (!stopAtPlan && (result.report?.outcome !== 'ok' || result.report.counts.platform.created !== count)) {
      throw new Error(`bench first-sync: ${result.report?.outcome}, ${result.report?.counts.platform.created} of ${count} created`);
    }
    return result;
  } finally {
    await world.stop();
  }
}

export async function benchFirstSync(event: AppleEvent): Promise<string[]> {
  if (!existsSync(cli)) throw new Error('bench first-sync: run `npm run build` first (the CLI is timed as built)');
  const read = await firstSyncAt(5000, event, true);
  const rss = await firstSyncAt(10_000, event, false);
  return [
    `initial-sync-read: ${(read.plannedMs / 1000).toFixed(2)} s for 5000 events`,
    `initial-sync-rss: ${rss.peakMb!.toFixed(0)} MB peak for 10000 events`,
  ];
}
