// `npm run bench:sync` (BENCH_ONLY=multi for this part alone): several locations (issue 15).
//   multi-location: <s> s for 2 locations × 1000 events (one location: <s> s, <ratio>x; medians of 3; app CPU <s> s vs <s> s; bare HTTP loop <ratio>x)  (goal ratio ≤ 1.2)
// app CPU: this process's CPU time (user + system) during the sync — the app's own work, apart from
// Radicale and the emulator children; with it one can tell a run bound by the app's work from one
// waiting on servers that share the machine's two cores.
// Each figure is a first sync through the services against Radicale (1,000 iCloud-style events
// seeded into its storage) and the emulator (rate limit raised): with one location and with two
// (every event becomes a blocked slot in each, 2,000 in all), alternated over ROUNDS rounds in the same
// run and compared by their medians — one run of each swung from 1.1x to 2.6x with the machine's load.
// The emulator runs out of process in both, one child process per location (spawn-emulator.ts): a
// real location is served by the platform, not by the user's Mac, and an emulator in this process
// charged two servers' work to the two-location client (its CPU competed with the client's).
// bare HTTP loop: the same creates sent by a loop of the app's HTTP client alone (bench-bare-creates.ts),
// one location then two at once — what this machine allows any client, as `floor` is for no-change.
import { startSyncWorld } from '../test/support/sync-world';
import { connectSecondLocation, twoLocationSeed } from '../test/support/two-locations';
import { bareCreates } from './bench-bare-creates';
import { median } from './median';

const EVENTS = 1000;
const ROUNDS = 3;

interface Timed {
  seconds: number;
  cpuSeconds: number;
}

async function firstSync(appleEvents: (count: number) => Record<string, string>, locations: 1 | 2): Promise<Timed> {
  const events = appleEvents(EVENTS);
  const world = await startSyncWorld({
    ...(locations === 2 ? { seed: twoLocationSeed() } : {}),
    emulatorProcess: true,
    radicaleSeed: [{ user: 'alice@example.com', name: 'work', displayName: 'Work', events }],
  });
  try {
    if (locations === 2) await connectSecondLocation(world);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const report = await world.sync();
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = (performance.now() - started) / 1000;
    if (report.outcome !== 'ok' || report.counts.platform.created !== EVENTS * locations) {
      throw new Error(`multi-location (${locations}): ${report.outcome}, ${report.counts.platform.created} created, ${JSON.stringify(report.error)}`);
    }
    return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await world.stop();
  }
}

export async function benchMultiLocation(appleEvents: (count: number) => Record<string, string>): Promise<string> {
  const ones: Timed[] = [];
  const twos: Timed[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    ones.push(await firstSync(appleEvents, 1));
    twos.push(await firstSync(appleEvents, 2));
  }
  const [one, two] = [median(ones.map((r) => r.seconds)), median(twos.map((r) => r.seconds))];
  const [oneCpu, twoCpu] = [median(ones.map((r) => r.cpuSeconds)), median(twos.map((r) => r.cpuSeconds))];
  const bare = await bareCreates(EVENTS, ROUNDS);
  return `multi-location: ${two.toFixed(1)} s for 2 locations × ${EVENTS} events (one location: ${one.toFixed(1)} s, ${(two / one).toFixed(2)}x; medians of ${ROUNDS}; app CPU ${twoCpu.toFixed(2)} s vs ${oneCpu.toFixed(2)} s; bare HTTP loop ${(bare.two / bare.one).toFixed(2)}x)`;
}
