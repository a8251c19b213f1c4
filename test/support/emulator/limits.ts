// The platform's rate limits, enforced per location as a sliding log: at most `max` accepted
// requests in any `intervalMs` span (the strictest reading of "100 per 10 s"), and `daily` per UTC
// day. Rejected (429) requests do not count. Every authenticated answer carries the X-RateLimit-*
// headers; the client must never be able to get through by ignoring them.
export interface RateLimitConfig {
  max: number;
  intervalMs: number;
  daily: number;
}

export interface LimitDecision {
  allowed: boolean;
  /** Which limit refused the request, when it was refused. */
  exceeded?: 'burst' | 'daily';
  headers: Record<string, string>;
}

interface LocationUsage {
  accepted: number[];
  day: number;
  dailyUsed: number;
}

const DAY_MS = 86_400_000;

export class RateLimits {
  private readonly usage = new Map<string, LocationUsage>();
  /** Requests refused with 429, for benchmarks and tests. */
  rejected = 0;

  constructor(
    public config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {}

  check(locationId: string): LimitDecision {
    const now = this.now();
    const usage = this.usageOf(locationId, now);
    const burstFull = usage.accepted.length >= this.config.max;
    const dailyFull = usage.dailyUsed >= this.config.daily;
    const allowed = !burstFull && !dailyFull;
    if (allowed) {
      usage.accepted.push(now);
      usage.dailyUsed += 1;
    } else {
      this.rejected += 1;
    }
    return {
      allowed,
      exceeded: allowed ? undefined : dailyFull ? 'daily' : 'burst',
      headers: {
        'X-RateLimit-Max': String(this.config.max),
        'X-RateLimit-Remaining': String(Math.max(0, this.config.max - usage.accepted.length)),
        'X-RateLimit-Interval-Milliseconds': String(this.config.intervalMs),
        'X-RateLimit-Limit-Daily': String(this.config.daily),
        'X-RateLimit-Daily-Remaining': String(Math.max(0, this.config.daily - usage.dailyUsed)),
      },
    };
  }

  /** Tests: pretend the location already spent part of its day (e.g. another app on it). */
  spendDaily(locationId: string, count: number): void {
    this.usageOf(locationId, this.now()).dailyUsed += count;
  }

  private usageOf(locationId: string, now: number): LocationUsage {
    const day = Math.floor(now / DAY_MS);
    let usage = this.usage.get(locationId);
    if (!usage || usage.day !== day) {
      usage = { accepted: usage?.accepted ?? [], day, dailyUsed: 0 };
      this.usage.set(locationId, usage);
    }
    const since = now - this.config.intervalMs;
    while (usage.accepted.length > 0 && usage.accepted[0] <= since) usage.accepted.shift();
    return usage;
  }
}
