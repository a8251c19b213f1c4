// The no-change line of `npm run bench:sync` (issue 16):
//   no-change: <ms> ms at 5000 events, <ms> ms at 500 (<ratio>x), floor <ms> ms; the server's ctag: <ms> ms at 5000, <ms> ms at 500
// Each size gets its own world (Radicale seeded through its storage folder, the emulator, a window of
// 365 days so every event of the seed is in it), a first sync in process and one settling CLI run.
// Then, with both worlds up, 5 rounds of: a timed `node bin/icloud-sync.js sync` at 5,000, the same
// at 500 (as a user's script runs it: a fresh process each, not through npm), and the floor — one
// sync-collection REPORT on the 5,000-event calendar from the stored token (what an idle check must
// ask at least), timed as a process too, by `curl`, a plain HTTP client. Each figure is the median of
// its 5; alternating them keeps a shared machine's changing load out of the ratios. The last part
// times, by curl too, the one request an idle cycle makes to the server (a Depth-0 PROPFIND of the
// ctag) on each calendar: Radicale computes it over every item, so it grows with the calendar (iCloud
// answers it from a stored value), and the CLI's own growth is what is left of its difference. Needs
// `npm run build` first (bin/icloud-sync.js loads out/main/cli.js).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSyncWorld, type SyncWorld } from '../test/support/sync-world';
import { median } from './median';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/icloud-sync.js');

/** One CLI cycle as a separate process. Not spawnSync: the emulator answers from this process. */
function timedCli(world: SyncWorld): Promise<number> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, '--json', 'sync'], { env: { ...process.env, ...world.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolvePromise(ms);
      else reject(new Error(`bench no-change: the CLI sync failed (${code}): ${out}`));
    });
  });
}

/** A world with `count` events, synced once and settled: the next CLI cycle has nothing to do. */
async function syncedWorld(count: number, events: (n: number) => Record<string, string>): Promise<SyncWorld> {
  const world = await startSyncWorld({ link: false, settings: { futureDays: 365 }, radicaleSeed: [{ user: 'alice@example.com', name: 'work', displayName: 'Work', events: events(count) }] });
  try {
    // Radicale's first look at a calendar seeded through its folder reads every file (minutes on a
    // loaded machine): done once before connecting, so connect's 30 s timeout measures nothing of it.
    const auth = `${world.appleId}:${world.env.ICLOUD_SYNC_APP_PASSWORD}`;
    execFileSync('curl', ['-s', '-o', '/dev/null', '--max-time', '600', '-u', auth, '-X', 'PROPFIND', '-H', 'Depth: 1', world.calendarUrl('work')]);
    await world.connect();
    const first = await world.sync();
    if (first.outcome !== 'ok' || first.counts.platform.created !== count) throw new Error(`bench no-change: first sync ${first.outcome}, ${first.counts.platform.created} created`);
    await timedCli(world); // settles what the first sync wrote (the etags of its own writes)
    return world;
  } catch (error) {
    await world.stop();
    throw error;
  }
}

/** One sync-collection REPORT from the calendar's current token, by curl: a function timing one. */
function floorProbe(world: SyncWorld): () => number {
  const url = world.calendarUrl('work');
  const auth = `${world.appleId}:${world.env.ICLOUD_SYNC_APP_PASSWORD}`;
  const probe = execFileSync('curl', ['-s', '-u', auth, '-X', 'PROPFIND', '-H', 'Depth: 0', '--data', '<d:propfind xmlns:d="DAV:"><d:prop><d:sync-token/></d:prop></d:propfind>', url], { encoding: 'utf8' });
  const token = /<[^>]*sync-token>([^<]+)</.exec(probe)?.[1];
  if (!token) throw new Error('bench no-change: no sync token for the floor');
  const body = `<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`;
  return () => {
    const started = performance.now();
    execFileSync('curl', ['-s', '-f', '-o', '/dev/null', '-u', auth, '-X', 'REPORT', '-H', 'Content-Type: application/xml', '--data', body, url]);
    return performance.now() - started;
  };
}

/** The idle check's one request (a Depth-0 PROPFIND of the ctag), by curl: a function timing one. */
function ctagProbe(world: SyncWorld): () => number {
  const url = world.calendarUrl('work');
  const auth = `${world.appleId}:${world.env.ICLOUD_SYNC_APP_PASSWORD}`;
  const body = '<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><cs:getctag/></d:prop></d:propfind>';
  return () => {
    const started = performance.now();
    execFileSync('curl', ['-s', '-f', '-o', '/dev/null', '-u', auth, '-X', 'PROPFIND', '-H', 'Depth: 0', '-H', 'Content-Type: application/xml', '--data', body, url]);
    return performance.now() - started;
  };
}

/**
 * Both worlds are set up first, then the timed runs alternate — a 5,000-event cycle, a 500-event
 * cycle, one floor REPORT on the 5,000-event calendar — five times, and each figure is the median of
 * its five. On a shared machine the load changes from minute to minute: measured side by side, the
 * three figures see the same load, so their ratios mean something.
 */
export async function benchNoChange(events: (n: number) => Record<string, string>): Promise<string> {
  if (!existsSync(join(root, 'out/main/cli.js'))) throw new Error('bench no-change: run `npm run build` first (the CLI is timed as built)');
  const large = await syncedWorld(5000, events);
  try {
    const small = await syncedWorld(500, events);
    try {
      const floor = floorProbe(large);
      const [ctagLarge, ctagSmall] = [ctagProbe(large), ctagProbe(small)];
      const times = { large: [] as number[], small: [] as number[], floor: [] as number[], ctagLarge: [] as number[], ctagSmall: [] as number[] };
      for (let run = 0; run < 5; run++) {
        times.large.push(await timedCli(large));
        times.small.push(await timedCli(small));
        times.floor.push(floor());
        times.ctagLarge.push(ctagLarge());
        times.ctagSmall.push(ctagSmall());
      }
      const [l, s, f] = [median(times.large), median(times.small), median(times.floor)];
      const [cl, cs] = [median(times.ctagLarge), median(times.ctagSmall)];
      return `no-change: ${l.toFixed(0)} ms at 5000 events, ${s.toFixed(0)} ms at 500 (${(l / s).toFixed(2)}x), floor ${f.toFixed(0)} ms; the server's ctag: ${cl.toFixed(0)} ms at 5000, ${cs.toFixed(0)} ms at 500`;
    } finally {
      await small.stop();
    }
  } finally {
    await large.stop();
  }
}
