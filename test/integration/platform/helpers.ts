// Shared set-up for the platform integration tests: an emulator and a client pointed at it.
import { RequestCounter } from '../../../src/main/request-counter';
import { PlatformClient, type PlatformClientOptions } from '../../../src/main/platform/client';
import { RateLimiter } from '../../../src/main/platform/rate-limiter';
import { startEmulator, type RunningEmulator } from '../../support/emulator';
import { TEST_LOCATION, TEST_TOKEN, defaultSeed } from '../../support/emulator/default-seed';
import type { Seed } from '../../support/emulator/seed';

export { TEST_LOCATION, TEST_TOKEN, TEST_USER } from '../../support/emulator/default-seed';

export function startTestEmulator(seed: Seed = defaultSeed()): Promise<RunningEmulator> {
  return startEmulator({ seed, port: 0 });
}

export function makeClient(emulator: RunningEmulator, overrides: Partial<PlatformClientOptions> = {}) {
  const counter = overrides.counter ?? new RequestCounter();
  const limiter = overrides.limiter ?? new RateLimiter();
  const client = new PlatformClient({
    baseUrl: emulator.url,
    token: TEST_TOKEN,
    locationId: TEST_LOCATION,
    counter,
    limiter,
    ...overrides,
  });
  return { client, counter, limiter };
}

/** A window around "now" wide enough for every event the tests create. */
export const window = (extra: { userId: string } | { calendarId: string } | { groupId: string }) => ({
  ...extra,
  startTime: Date.UTC(2030, 0, 1),
  endTime: Date.UTC(2030, 1, 1),
});

export const at = (day: number, hour: number) => new Date(Date.UTC(2030, 0, day, hour)).toISOString();
