import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/main/errors';
import { RateLimiter, nextUtcMidnight, parseRateLimitHeaders, type Permit } from '../../../src/main/platform/rate-limiter';
import { FakeClock, flush } from './fake-clock';

function headers(values: Record<string, number>): Headers {
  const map: Record<string, string> = {
    max: 'X-RateLimit-Max',
    remaining: 'X-RateLimit-Remaining',
    interval: 'X-RateLimit-Interval-Milliseconds',
    daily: 'X-RateLimit-Limit-Daily',
    dailyRemaining: 'X-RateLimit-Daily-Remaining',
  };
  return new Headers(Object.fromEntries(Object.entries(values).map(([key, value]) => [map[key], String(value)])));
}

/** Starts n acquires and reports how many have been granted so far. */
function startAcquires(limiter: RateLimiter, n: number) {
  const granted: Permit[] = [];
  const errors: unknown[] = [];
  for (let i = 0; i < n; i += 1) limiter.acquire().then((p) => granted.push(p), (e) => errors.push(e));
  return { granted, errors };
}

describe('RateLimiter', () => {
  it('grants max minus the safety margin at once, then waits for the window to slide', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, max: 100, intervalMs: 10_000 });
    const { granted } = startAcquires(limiter, 120);
    await flush();
    expect(granted).toHaveLength(98);
    for (const permit of granted) permit.release(null);
    await clock.advance(9_999);
    expect(granted).toHaveLength(98);
    await clock.advance(1);
    expect(granted).toHaveLength(120);
  });

  it('counts a request in flight until an interval after its response, whatever the latency', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, max: 10, intervalMs: 1_000, marginRatio: 0.1 });
    const { granted } = startAcquires(limiter, 10);
    await flush();
    expect(granted).toHaveLength(9);
    await clock.advance(5_000); // still in flight: no slot frees up
    expect(granted).toHaveLength(9);
    granted[0].release(null);
    await clock.advance(999);
    expect(granted).toHaveLength(9);
    await clock.advance(1);
    expect(granted).toHaveLength(10);
  });

  it('never lets more than max - margin be sent in any window across concurrent callers', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, max: 20, intervalMs: 1_000 });
    const sendTimes: number[] = [];
    const worker = async () => {
      for (let i = 0; i < 25; i += 1) {
        const permit = await limiter.acquire();
        sendTimes.push(clock.now());
        await clock.sleep(37); // latency
        permit.release(null);
      }
    };
    const done = Promise.all(Array.from({ length: 6 }, worker));
    for (let i = 0; i < 2_000 && sendTimes.length < 150; i += 1) await clock.advance(50);
    await clock.advance(100);
    await done;
    expect(sendTimes).toHaveLength(150);
    for (const start of sendTimes) {
      const inWindow = sendTimes.filter((t) => t >= start && t < start + 1_000).length;
      expect(inWindow).toBeLessThanOrEqual(19);
    }
  });

  it('adopts the limits the server announces in its headers', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, max: 100, intervalMs: 10_000 });
    const first = await limiter.acquire();
    first.release(headers({ max: 5, remaining: 4, interval: 2_000, daily: 1000, dailyRemaining: 999 }));
    const { granted } = startAcquires(limiter, 10);
    await flush();
    // max 5, margin 1 → 4 in the window, one of which is the first request.
    expect(granted).toHaveLength(3);
    expect(limiter.status()).toMatchObject({ max: 5, intervalMs: 2_000, dailyLimit: 1000 });
  });

  it('holds back for requests the server counted that were not ours (another app on the location)', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, max: 10, intervalMs: 1_000, marginRatio: 0.1 });
    const permit = await limiter.acquire();
    permit.release(headers({ max: 10, remaining: 2 })); // server saw 8, we sent 1 → 7 are someone else's
    const { granted } = startAcquires(limiter, 5);
    await flush();
    expect(granted).toHaveLength(1); // 9 allowed - 1 ours - 7 theirs
    await clock.advance(1_000);
    expect(granted).toHaveLength(5);
  });

  it('pauses everyone after a 429 with a growing, bounded backoff', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, intervalMs: 10_000, random: () => 0 });
    expect(limiter.onTooManyRequests(headers({ remaining: 0, dailyRemaining: 5000 }), 1)).toEqual({ daily: false, waitMs: 1_000 });
    expect(limiter.onTooManyRequests(null, 3).waitMs).toBe(4_000);
    expect(limiter.onTooManyRequests(null, 9).waitMs).toBe(10_000);
    expect(limiter.onTooManyRequests(null, 1, 2_500).waitMs).toBe(2_500); // a Retry-After wins
    const { granted } = startAcquires(limiter, 1);
    await clock.advance(9_999);
    expect(granted).toHaveLength(0);
    await clock.advance(1);
    expect(granted).toHaveLength(1);
  });

  it('stops cleanly for the day when the daily budget is spent, and resumes the next day', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 15, 18, 0, 0));
    const limiter = new RateLimiter({ clock });
    const permit = await limiter.acquire();
    permit.release(headers({ daily: 200_000, dailyRemaining: 0 }));
    const error = await limiter.acquire().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ kind: 'throttled', details: { retryAfterMs: 6 * 3_600_000 } });
    expect((error as Error).message).toMatch(/daily request budget \(200000\) is spent/);
    await clock.advance(6 * 3_600_000);
    await expect(limiter.acquire()).resolves.toBeDefined();
  });

  it('treats a 429 that reports a spent daily budget as the end of the day, not a burst', () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 15, 23, 0, 0));
    const limiter = new RateLimiter({ clock });
    expect(limiter.onTooManyRequests(headers({ remaining: 50, dailyRemaining: 0 }), 1)).toEqual({ daily: true, waitMs: 3_600_000 });
    expect(limiter.status().dailyExhaustedUntil).toBe(Date.UTC(2026, 0, 16));
  });

  it('parses headers and ignores garbage', () => {
    expect(parseRateLimitHeaders(new Headers({ 'X-RateLimit-Max': '100', 'X-RateLimit-Remaining': 'abc' }))).toEqual({
      max: 100,
      remaining: undefined,
      intervalMs: undefined,
      dailyLimit: undefined,
      dailyRemaining: undefined,
    });
    expect(nextUtcMidnight(Date.UTC(2026, 11, 31, 23, 59))).toBe(Date.UTC(2027, 0, 1));
  });

  it('keeps its bookkeeping O(1) a request: 40,000 requests in the window take about 10x the time of 4,000, not 100x', async () => {
    // At a raised limit (the bench's emulator, a generous plan) thousands of slots are live at once;
    // scanning them on every acquire made each request cost more than the one before (quadratic).
    const timed = async (n: number, giveUpMs = Infinity) => {
      const limiter = new RateLimiter({ clock: new FakeClock(), max: 1_000_000, intervalMs: 10_000 });
      const started = performance.now();
      for (let i = 0; i < n; i += 1) {
        (await limiter.acquire()).release(null);
        if (i % 1_000 === 0 && performance.now() - started > giveUpMs) return Infinity;
      }
      expect(limiter.status().inWindow).toBe(n);
      return performance.now() - started;
    };
    let fastestSmall = Infinity;
    for (let run = 0; run < 5; run += 1) fastestSmall = Math.min(fastestSmall, await timed(4_000));
    const large = await timed(40_000, 30 * fastestSmall);
    expect(large / fastestSmall).toBeLessThan(30);
  });

  it('counts finished slots out of the window oldest first, across thousands of them', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, max: 100_000, intervalMs: 10_000 });
    for (let batch = 0; batch < 3; batch += 1) {
      if (batch > 0) await clock.advance(4_000); // three batches of 1,000, at 0, 4 and 8 s
      for (let i = 0; i < 1_000; i += 1) (await limiter.acquire()).release(null);
    }
    const inFlight = await limiter.acquire();
    expect(limiter.status().inWindow).toBe(3_001);
    await clock.advance(2_000); // 10 s: the first batch leaves
    expect(limiter.status().inWindow).toBe(2_001);
    await clock.advance(4_000); // 14 s: the second
    expect(limiter.status().inWindow).toBe(1_001);
    inFlight.release(null);
    await clock.advance(4_000); // 18 s: the third; the one released at 14 s stays until 24 s
    expect(limiter.status().inWindow).toBe(1);
    await clock.advance(5_999);
    expect(limiter.status().inWindow).toBe(1);
    await clock.advance(1);
    expect(limiter.status().inWindow).toBe(0);
  });
});
