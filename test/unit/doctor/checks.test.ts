// The doctor's pure judgements: clock skew thresholds, rate-limit headroom, time zones, exit codes.
import { describe, expect, it } from 'vitest';
import { CLOCK_FAIL_MS, CLOCK_WARN_MS, checkClock, skewOf } from '../../../src/main/doctor/clock-check';
import { doctorExitCode, fail, pass, warn } from '../../../src/main/doctor/finding';
import { checkRateLimits } from '../../../src/main/doctor/rate-limit-check';
import type { Exchange } from '../../../src/main/doctor/recording-fetch';
import { checkTimeZone } from '../../../src/main/doctor/timezone-check';

const local = Date.UTC(2030, 0, 15, 12, 0, 0);
function exchange(side: Exchange['side'], headers: Record<string, string>, status = 200): Exchange {
  return { side, status, headers: new Headers(headers), sentAt: local - 100, receivedAt: local + 100 };
}
const dated = (side: Exchange['side'], skewMs: number) => exchange(side, { Date: new Date(local + skewMs).toUTCString() });

describe('clock', () => {
  it('measures against the middle of the exchange, within the header’s one-second resolution', () => {
    expect(Math.abs(skewOf(dated('icloud', 0))!)).toBeLessThanOrEqual(1000);
  });

  it('passes within a minute, warns past 1 min, fails past 5 min — naming the server and the direction', () => {
    expect(checkClock([dated('icloud', 30_000), dated('platform', 0)]).status).toBe('pass');
    const warned = checkClock([dated('icloud', 0), dated('platform', -(CLOCK_WARN_MS + 30_000))]);
    expect(warned).toMatchObject({ status: 'warn', message: expect.stringMatching(/90 s ahead of the platform/) });
    const failed = checkClock([dated('icloud', CLOCK_FAIL_MS + 60_000)]);
    expect(failed).toMatchObject({ status: 'fail', message: expect.stringMatching(/6 min behind iCloud/) });
    expect(failed.cause).toBeUndefined(); // exit 1, not 3 or 4
  });

  it('warns when no server gave a Date header', () => {
    expect(checkClock([exchange('icloud', {})]).status).toBe('warn');
  });
});

describe('rate limits', () => {
  const limits = (remaining: number, dailyRemaining: number, status = 200) =>
    exchange('platform', {
      'X-RateLimit-Max': '100', 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Interval-Milliseconds': '10000',
      'X-RateLimit-Limit-Daily': '200000', 'X-RateLimit-Daily-Remaining': String(dailyRemaining),
    }, status);

  it('reports burst and daily headroom', () => {
    expect(checkRateLimits([limits(96, 199_000)])).toMatchObject({ status: 'pass', message: 'burst 96/100 left per 10 s; daily 199,000/200,000 left.' });
  });
  it('warns with little headroom', () => {
    expect(checkRateLimits([limits(10, 199_000)]).status).toBe('warn');
    expect(checkRateLimits([limits(96, 15_000)]).status).toBe('warn');
  });
  it('fails as throttled (exit 4) when the day is spent or a 429 came back', () => {
    expect(checkRateLimits([limits(96, 0)])).toMatchObject({ status: 'fail', cause: 'unreachable' });
    expect(checkRateLimits([limits(0, 150_000, 429)])).toMatchObject({ status: 'fail', cause: 'unreachable' });
  });
  it('warns without headers', () => {
    expect(checkRateLimits([exchange('platform', {})]).status).toBe('warn');
  });
});

describe('time zone', () => {
  const now = new Date(local);
  it('passes for the same zone, or another name with the same rules', () => {
    expect(checkTimeZone('America/New_York', 'America/New_York', now).status).toBe('pass');
    expect(checkTimeZone('America/Detroit', 'America/New_York', now).status).toBe('pass');
  });
  it('only warns when they differ, or when the zone cannot be read', () => {
    expect(checkTimeZone('America/Chicago', 'Europe/Berlin', now)).toMatchObject({ status: 'warn', message: expect.stringMatching(/America\/Chicago.*Europe\/Berlin/) });
    expect(checkTimeZone(undefined, 'Europe/Berlin', now).status).toBe('warn');
    expect(checkTimeZone('Mars/Olympus', 'Europe/Berlin', now).status).toBe('warn');
  });
});

describe('exit code (cli.md)', () => {
  it('0 with only warnings; 3 before 4 before 1', () => {
    expect(doctorExitCode([pass('a', ''), warn('b', '')])).toBe(0);
    expect(doctorExitCode([fail('a', ''), fail('b', '', undefined, 'unreachable'), fail('c', '', undefined, 'credentials')])).toBe(3);
    expect(doctorExitCode([fail('a', ''), fail('b', '', undefined, 'unreachable')])).toBe(4);
    expect(doctorExitCode([fail('a', ''), warn('b', '')])).toBe(1);
  });
});
