// `connect platform`: prove the token works for this location before it is stored, and return the
// location's users so the CLI can ask which one is "me" (the token belongs to the location, not a user).
import { RequestCounter } from '../request-counter';
import type { Clock } from './clock';
import { PlatformClient } from './client';
import { RateLimiter } from './rate-limiter';
import type { PlatformUser } from './schemas';
import type { FetchLike } from './transport';

export interface VerifyPlatformOptions {
  baseUrl: string;
  token: string;
  locationId: string;
  fetch?: FetchLike;
  clock?: Clock;
  counter?: RequestCounter;
  limiter?: RateLimiter;
}

/** Lists the location's users; throws a SyncError ('auth' for a rejected token, 'network', …). */
export async function verifyPlatform(options: VerifyPlatformOptions): Promise<PlatformUser[]> {
  const client = new PlatformClient({
    baseUrl: options.baseUrl,
    token: options.token,
    locationId: options.locationId,
    fetch: options.fetch,
    clock: options.clock,
    counter: options.counter ?? new RequestCounter(),
    limiter: options.limiter ?? new RateLimiter({ clock: options.clock }),
    // Interactive: fail fast rather than retry for a minute while the user waits.
    maxAttempts: 1,
    timeoutMs: 15_000,
  });
  return client.listUsers();
}
