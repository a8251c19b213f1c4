// `npm run bench:platform`: creates 1,000 blocked slots through the real client against the
// emulator enforcing 100 requests / 10 s, with 8 concurrent workers, and reports the achieved
// rate. Goal: zero 429s and ≥ 95 % of the allowed rate. Takes about 100 s by design.
// Last line: `platform-rate: <r> req/s of <limit> req/s allowed, <n> 429s`.
import { RequestCounter } from '../src/main/request-counter';
import { PlatformClient } from '../src/main/platform/client';
import { RateLimiter } from '../src/main/platform/rate-limiter';
import { startEmulator } from '../test/support/emulator';
import { TEST_LOCATION, TEST_TOKEN, TEST_USER, defaultSeed } from '../test/support/emulator/default-seed';

const SLOTS = Number(process.env.BENCH_SLOTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const rateLimit = { max: 100, intervalMs: 10_000, daily: 200_000 };

const emulator = await startEmulator({ seed: defaultSeed({ rateLimit }), port: 0, logLimit: 0 });
const counter = new RequestCounter();
const limiter = new RateLimiter();
const client = new PlatformClient({ baseUrl: emulator.url, token: TEST_TOKEN, locationId: TEST_LOCATION, counter, limiter });

const base = Date.UTC(2032, 0, 1, 8);
let next = 0;
let failures = 0;
const started = performance.now();
// Hard stop so the bench can never hang: the expected run is ~100 s.
const deadline = setTimeout(() => {
  console.error('bench-platform: gave up after 300 s');
  process.exit(1);
}, 300_000);

async function worker(): Promise<void> {
  for (let index = next++; index < SLOTS; index = next++) {
    const start = base + index * 3_600_000;
    try {
      await client.createBlockSlot({ assignedUserId: TEST_USER, startTime: new Date(start), endTime: new Date(start + 1_800_000), title: `Bench ${index}` });
    } catch (error) {
      failures += 1;
      console.error(`slot ${index}: ${(error as Error).message}`);
    }
    if ((index + 1) % 100 === 0) {
      console.log(`  ${index + 1} slots after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  }
}

console.log(`bench-platform: ${SLOTS} blocked slots, concurrency ${CONCURRENCY}, limit ${rateLimit.max}/${rateLimit.intervalMs} ms`);
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const seconds = (performance.now() - started) / 1000;
clearTimeout(deadline);
await emulator.stop();

const requests = counter.snapshot().platform;
const created = emulator.state.eventsOf(TEST_LOCATION, 'blocked').length;
const limitPerSecond = rateLimit.max / (rateLimit.intervalMs / 1000);
const rate = requests / seconds;
console.log(`created ${created} slots with ${requests} requests in ${seconds.toFixed(1)} s; ${failures} failures`);
console.log(`platform-rate: ${rate.toFixed(2)} req/s of ${limitPerSecond} req/s allowed, ${emulator.limits.rejected} 429s`);
