// One rate limiter per location for the life of the process (issue 15): the platform counts its
// burst and daily limits per location, so one location's spent budget or 429 storm must never slow
// or stop another's requests. A location's limiter is made on its first request and then kept (its
// burst window spans cycles).
import { RateLimiter } from './rate-limiter';

export class RateLimiters {
  private readonly byLocation = new Map<string, RateLimiter>();

  constructor(private readonly make: (locationId: string) => RateLimiter = () => new RateLimiter()) {}

  for(locationId: string): RateLimiter {
    let limiter = this.byLocation.get(locationId);
    if (!limiter) {
      limiter = this.make(locationId);
      this.byLocation.set(locationId, limiter);
    }
    return limiter;
  }
}
