// The one read of the locations endpoint family the doctor makes: GET /locations/{locationId}
// (platform-api.md; scope locations.readonly) for the location's name and time zone.
// Merge note: a PlatformClient method for this endpoint is being added alongside; when it lands,
// this function should become a one-line call to it. Until then it goes through the same
// Transport as every client call (pacing, counting, timeouts, error classification).
import { z } from 'zod';
import type { RateLimiter } from '../platform';
import { USERS_VERSION, systemClock, type FetchLike } from '../platform';
import { Transport } from '../platform/transport';
import type { RequestCounter } from '../request-counter';

export interface LocationInfo {
  id: string;
  name?: string;
  /** IANA zone in which the location's days begin (S15). */
  timezone?: string;
}

const locationResponseSchema = z.object({
  location: z.looseObject({ id: z.string(), name: z.string().optional(), timezone: z.string().optional() }),
});

export interface ReadLocationOptions {
  baseUrl: string;
  token: string;
  locationId: string;
  counter: RequestCounter;
  limiter: RateLimiter;
  fetch: FetchLike;
  timeoutMs: number;
}

export async function readLocation(options: ReadLocationOptions): Promise<LocationInfo> {
  const transport = new Transport({ ...options, clock: systemClock, maxAttempts: 1, max429Retries: 0 });
  const body = await transport.send({
    endpoint: 'GET /locations/{locationId}',
    method: 'GET',
    path: `locations/${encodeURIComponent(options.locationId)}`,
    version: USERS_VERSION, // platform-api.md: 2021-07-28 for users and locations
    schema: locationResponseSchema,
    idempotent: true,
  });
  return { id: body.location.id, name: body.location.name, timezone: body.location.timezone };
}
