// One rate limiter per location (issue 15): a location's spent budget never slows another's requests.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/main/platform/rate-limiter';
import { RateLimiters } from '../../../src/main/platform/rate-limiters';

describe('RateLimiters', () => {
  it('keeps one limiter per location for the life of the process', () => {
    const limiters = new RateLimiters();
    expect(limiters.for('loc-a')).toBe(limiters.for('loc-a'));
    expect(limiters.for('loc-a')).not.toBe(limiters.for('loc-b'));
  });

  it('a location whose daily budget is spent stops alone: the other still gets its permit', async () => {
    const limiters = new RateLimiters(() => new RateLimiter({ dailyReserve: 0 }));
    const spent = limiters.for('loc-a');
    const permit = await spent.acquire();
    permit.release(new Headers({ 'X-RateLimit-Limit-Daily': '10', 'X-RateLimit-Daily-Remaining': '0' }));
    await expect(spent.acquire()).rejects.toMatchObject({ kind: 'throttled' });
    const other = await limiters.for('loc-b').acquire();
    expect(typeof other.release).toBe('function');
    other.release();
  });
});
