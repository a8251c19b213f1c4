// The machine's own floor for the multi-location figure (bench-multi-location.ts): the same 1,000
// blocked-slot creates per location sent by a bare loop — the app's HTTP client and nothing else, no
// planning, no state, no records — to one emulator child, then to two at once. On a machine whose
// cores the servers share with the client (the two emulator children, Radicale), the two-location
// run is a race for CPU even for this loop, so its ratio is the best any client could show here.
import { createHttpFetch } from '../src/main/platform/http-fetch';
import { defaultSeed, TEST_LOCATION, TEST_TOKEN, TEST_USER } from '../test/support/emulator/default-seed';
import { spawnEmulator } from '../test/support/spawn-emulator';
import { median } from './median';

const HEADERS = { Authorization: `Bearer ${TEST_TOKEN}`, Version: '2021-04-15', 'Content-Type': 'application/json', Accept: 'application/json' };

/** Median seconds of `rounds` alternated runs: one location's creates, then two locations' at once. */
export async function bareCreates(creates: number, rounds: number): Promise<{ one: number; two: number }> {
  const seed = defaultSeed({ rateLimit: { max: 100_000, intervalMs: 10_000, daily: 10_000_000 } });
  const children = [await spawnEmulator(seed), await spawnEmulator(seed)];
  const send = createHttpFetch();
  let slot = 0; // each create its own half hour, as the seeded events are
  const lane = async (url: string) => {
    for (let i = 0; i < creates; i += 1) {
      const start = Date.now() + 86_400_000 + (slot += 1) * 1_800_000;
      const body = JSON.stringify({ assignedUserId: TEST_USER, startTime: new Date(start).toISOString(), endTime: new Date(start + 1_800_000).toISOString(), title: `Meeting ${i}`, locationId: TEST_LOCATION });
      const response = await send(`${url}/calendars/events/block-slots`, { method: 'POST', headers: HEADERS, body });
      if (response.status !== 201) throw new Error(`bare creates: ${response.status} ${await response.text()}`);
      JSON.parse(await response.text());
    }
  };
  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return (performance.now() - started) / 1000;
  };
  try {
    const ones: number[] = [];
    const twos: number[] = [];
    await lane(children[0].url); // warm-up: the app's runs it is compared with come after theirs too
    for (let round = 0; round < rounds; round += 1) {
      ones.push(await timed(() => lane(children[0].url)));
      twos.push(await timed(() => Promise.all(children.map((child) => lane(child.url)))));
    }
    return { one: median(ones), two: median(twos) };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}
