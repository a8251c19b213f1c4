// The emulator's own rules, checked with plain fetch (no client in between).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../support/emulator';
import { defaultSeed } from '../../support/emulator/default-seed';
import { TEST_LOCATION, TEST_TOKEN, startTestEmulator } from './helpers';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator(defaultSeed({ rateLimit: { max: 5, intervalMs: 1_000, daily: 100 } }));
});
afterAll(() => emulator.stop());

const get = (path: string, headers: Record<string, string>) => fetch(`${emulator.url}${path}`, { headers });
const auth = { Authorization: `Bearer ${TEST_TOKEN}` };

describe('platform emulator', () => {
  it('requires a bearer token, then the documented Version header', async () => {
    const noToken = await get(`/users/?locationId=${TEST_LOCATION}`, { Version: '2021-07-28' });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ statusCode: 401 });
    const noVersion = await get(`/users/?locationId=${TEST_LOCATION}`, auth);
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toEqual({ statusCode: 400, message: 'version header was not found' });
    const wrongVersion = await get(`/users/?locationId=${TEST_LOCATION}`, { ...auth, Version: '2021-04-15' });
    expect(wrongVersion.status).toBe(400);
  });

  it('rejects seconds (not milliseconds) and a missing owner in the events query', async () => {
    const headers = { ...auth, Version: '2021-04-15' };
    const noOwner = await get(`/calendars/events?locationId=${TEST_LOCATION}&startTime=1&endTime=2`, headers);
    expect(noOwner.status).toBe(400);
    const isoTime = await get(`/calendars/events?locationId=${TEST_LOCATION}&userId=u&startTime=2030-01-01T00:00:00Z&endTime=2`, headers);
    expect(isoTime.status).toBe(400);
  });

  it('enforces the burst limit with X-RateLimit-* headers and 429, then the daily one', async () => {
    const headers = { ...auth, Version: '2021-04-15' };
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a fresh window after the tests above
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i += 1) {
      last = await get(`/calendars/?locationId=${TEST_LOCATION}`, headers);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last!.headers.get('x-ratelimit-max')).toBe('5');
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(last!.headers.get('x-ratelimit-interval-milliseconds')).toBe('1000');
    expect(last!.headers.get('x-ratelimit-limit-daily')).toBe('100');
    expect(await last!.json()).toMatchObject({ statusCode: 429 });
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    const after = await get(`/calendars/?locationId=${TEST_LOCATION}`, headers);
    expect(after.status).toBe(200);
    const dailyLeft = Number(after.headers.get('x-ratelimit-daily-remaining'));
    expect(dailyLeft).toBe(100 - 4 - 5 - 1); // 429s do not count; the 400s of the tests above do
    emulator.limits.spendDaily(TEST_LOCATION, dailyLeft);
    const spent = await get(`/calendars/?locationId=${TEST_LOCATION}`, headers);
    expect(spent.status).toBe(429);
    expect(spent.headers.get('x-ratelimit-daily-remaining')).toBe('0');
  });

  it('`npm run emulator` prints exactly the listening line first', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/emulator.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const lines = createInterface({ input: child.stdout! });
      const [first] = (await once(lines, 'line')) as [string];
      expect(first).toMatch(/^platform emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      const url = first.split(' ').pop()!;
      const response = await fetch(`${url}/users/?locationId=${TEST_LOCATION}`, { headers: { ...auth, Version: '2021-07-28' } });
      expect(response.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
