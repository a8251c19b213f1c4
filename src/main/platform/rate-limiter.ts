// Keeps the whole app under the platform's rate limits (100 requests / 10 s burst and 200,000 / day
// per location, read from the X-RateLimit-* headers) instead of bouncing off them.
//
// Why hand-written and not a library: bottleneck (considered, not installed) has had no release since 2019 and its
// reservoir model refills on a timer, which drifts from a server's sliding window; p-queue's
// `intervalCap` is a fixed window, which can send up to 2×cap across a window boundary. Neither reads
// rate-limit headers, tracks a daily budget, or knows that a request still in flight may be counted
// by the server at any moment. The sliding window below is ~150 lines and models exactly that.
//
// Model: every request holds a slot from the moment it is sent until `intervalMs` after its
// response arrived. The server counted it at some instant between the two, so counting it until
// response + interval can never under-count, whatever the latency. At most `max - margin` slots
// are held at once; callers wait in FIFO order, so concurrent callers share one budget fairly.
import { SyncError } from '../errors';
import type { Clock } from './clock';
import { systemClock } from './clock';

export interface RateLimitHeaders {
  max?: number;
  remaining?: number;
  intervalMs?: number;
  dailyLimit?: number;
  dailyRemaining?: number;
}

export interface RateLimiterOptions {
  clock?: Clock;
  /** Burst limit assumed until the server's headers say otherwise. */
  max?: number;
  intervalMs?: number;
  /** Share of the burst limit left unused as a safety margin (0.02 → 2 of 100). */
  marginRatio?: number;
  /** Stop for the day when the daily remaining budget reaches this many requests. */
  dailyReserve?: number;
  /** 0..1; spreads the backoff after a 429 so that two processes do not retry in lockstep. */
  random?: () => number;
}

export interface Permit {
  /** Call once the response (or the failure) is in; pass the response headers when there are any. */
  release(headers?: Headers | null): void;
}

export interface RateLimiterStatus {
  max: number;
  intervalMs: number;
  inWindow: number;
  dailyLimit?: number;
  dailyRemaining?: number;
  /** Epoch ms until which nothing is sent because the daily budget is spent. */
  dailyExhaustedUntil?: number;
}

interface Slot {
  /** When the response arrived; null while the request is in flight. */
  doneAt: number | null;
}

function headerNumber(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function parseRateLimitHeaders(headers: Headers): RateLimitHeaders {
  return {
    max: headerNumber(headers, 'x-ratelimit-max'),
    remaining: headerNumber(headers, 'x-ratelimit-remaining'),
    intervalMs: headerNumber(headers, 'x-ratelimit-interval-milliseconds'),
    dailyLimit: headerNumber(headers, 'x-ratelimit-limit-daily'),
    dailyRemaining: headerNumber(headers, 'x-ratelimit-daily-remaining'),
  };
}

/** The platform does not document when the daily counter resets; we assume 00:00 UTC. */
export function nextUtcMidnight(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
}

/** The longest a request sleeps for a pause the server asked for (transport.ts's MAX_RETRY_WAIT_MS). */
const MAX_PAUSE_WAIT_MS = 30_000;

export class RateLimiter {
  private readonly clock: Clock;
  private readonly marginRatio: number;
  private readonly dailyReserve: number;
  private readonly random: () => number;
  private max: number;
  private intervalMs: number;
  private slots: Slot[] = [];
  /** Requests the server counted that are not ours (another token or app on the same location). */
  private external = { count: 0, until: 0 };
  private pausedUntil = 0;
  private dailyLimit?: number;
  private dailyRemaining?: number;
  private dailyExhaustedUntil?: number;
  private queueTail: Promise<void> = Promise.resolve();
  private wakeOnRelease: Array<() => void> = [];

  constructor(options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.max = options.max ?? 100;
    this.intervalMs = options.intervalMs ?? 10_000;
    this.marginRatio = options.marginRatio ?? 0.02;
    this.dailyReserve = options.dailyReserve ?? 0;
    this.random = options.random ?? Math.random;
  }

  /** Wait for room under the burst limit; throws a 'throttled' SyncError when the day's budget is spent. */
  acquire(): Promise<Permit> {
    const turn = this.queueTail.then(() => this.waitForRoom());
    this.queueTail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /**
   * After a 429: pause everyone, then let the window pace the restart. Returns how long the caller
   * should expect to wait, and whether the daily budget (not the burst) is what ran out.
   */
  onTooManyRequests(headers: Headers | null, attempt: number, retryAfterMs?: number): { daily: boolean; waitMs: number } {
    const now = this.clock.now();
    const parsed = headers ? parseRateLimitHeaders(headers) : {};
    if (parsed.dailyRemaining === 0) {
      this.dailyRemaining = 0;
      this.dailyExhaustedUntil = nextUtcMidnight(now);
      return { daily: true, waitMs: this.dailyExhaustedUntil - now };
    }
    // The server's Retry-After wins when it sends one (undocumented, but cheap to honour).
    const base = retryAfterMs ?? Math.min(this.intervalMs, 1000 * 2 ** Math.max(0, attempt - 1));
    const waitMs = Math.round(base * (1 + 0.1 * this.random()));
    this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
    return { daily: false, waitMs };
  }

  status(): RateLimiterStatus {
    this.prune(this.clock.now());
    return {
      max: this.max,
      intervalMs: this.intervalMs,
      inWindow: this.slots.length,
      dailyLimit: this.dailyLimit,
      dailyRemaining: this.dailyRemaining,
      dailyExhaustedUntil: this.dailyExhaustedUntil,
    };
  }

  private get allowed(): number {
    const margin = Math.max(1, Math.ceil(this.max * this.marginRatio));
    return Math.max(1, this.max - margin);
  }

  private async waitForRoom(): Promise<Permit> {
    for (;;) {
      const now = this.clock.now();
      this.checkDailyBudget(now);
      if (now < this.pausedUntil) {
        // A long Retry-After (the transport gave up on it) is not slept through by the next request
        // either: the location fails as throttled again until the pause is over, never stalling a cycle.
        if (this.pausedUntil - now > MAX_PAUSE_WAIT_MS) {
          throw new SyncError('throttled', `The platform asked us to wait ${Math.ceil((this.pausedUntil - now) / 1000)} s before the next request; the app tries again then, nothing to do.`, {
            side: 'platform', status: 429, retryAfterMs: this.pausedUntil - now,
          });
        }
        await this.clock.sleep(this.pausedUntil - now);
        continue;
      }
      this.prune(now);
      const external = this.external.until > now ? this.external.count : 0;
      if (this.slots.length + external < this.allowed) return this.grant();
      await this.waitForExpiry(now);
    }
  }

  private checkDailyBudget(now: number): void {
    if (this.dailyExhaustedUntil !== undefined && now >= this.dailyExhaustedUntil) {
      // A new day: forget the old count until the next response tells us the new one.
      this.dailyExhaustedUntil = undefined;
      this.dailyRemaining = undefined;
    }
    if (this.dailyRemaining !== undefined && this.dailyRemaining <= this.dailyReserve) {
      this.dailyExhaustedUntil ??= nextUtcMidnight(now);
    }
    if (this.dailyExhaustedUntil !== undefined) {
      const retryAfterMs = this.dailyExhaustedUntil - now;
      throw new SyncError(
        'throttled',
        `The platform's daily request budget${this.dailyLimit ? ` (${this.dailyLimit})` : ''} is spent; ` +
          `syncing stops until it resets (about ${Math.ceil(retryAfterMs / 60_000)} min).`,
        { side: 'platform', status: 429, retryAfterMs },
      );
    }
  }

  private grant(): Permit {
    const slot: Slot = { doneAt: null };
    this.slots.push(slot);
    if (this.dailyRemaining !== undefined) this.dailyRemaining -= 1;
    let released = false;
    return {
      release: (headers) => {
        if (released) return;
        released = true;
        slot.doneAt = this.clock.now();
        if (headers) this.learn(parseRateLimitHeaders(headers));
        const waiters = this.wakeOnRelease;
        this.wakeOnRelease = [];
        for (const wake of waiters) wake();
      },
    };
  }

  private learn(h: RateLimitHeaders): void {
    if (h.max !== undefined && h.max > 0) this.max = h.max;
    if (h.intervalMs !== undefined && h.intervalMs > 0) this.intervalMs = h.intervalMs;
    if (h.dailyLimit !== undefined) this.dailyLimit = h.dailyLimit;
    if (h.dailyRemaining !== undefined) this.dailyRemaining = h.dailyRemaining;
    if (h.remaining !== undefined) {
      const now = this.clock.now();
      this.prune(now);
      // Our own slots are counted at least as long as the server counts them, so any surplus in the
      // server's count belongs to someone else; hold it for a full interval to be safe.
      const serverUsed = this.max - h.remaining;
      this.external = { count: Math.max(0, serverUsed - this.slots.length), until: now + this.intervalMs };
    }
  }

  /** In place: at a raised limit thousands of slots are live, and a new array per request was most of a large sync's garbage. */
  private prune(now: number): void {
    let kept = 0;
    for (const slot of this.slots) if (slot.doneAt === null || slot.doneAt + this.intervalMs > now) this.slots[kept++] = slot;
    this.slots.length = kept;
  }

  /** Sleep until the oldest finished slot leaves the window, or until a request in flight finishes. */
  private async waitForExpiry(now: number): Promise<void> {
    let next = Infinity;
    for (const slot of this.slots) if (slot.doneAt !== null) next = Math.min(next, slot.doneAt + this.intervalMs);
    if (this.external.count > 0 && this.external.until > now) next = Math.min(next, this.external.until);
    if (next !== Infinity) {
      await this.clock.sleep(next - now);
      return;
    }
    // Every slot is in flight: none can free up before it finishes and then waits out the interval.
    await new Promise<void>((resolve) => this.wakeOnRelease.push(resolve));
  }
}
