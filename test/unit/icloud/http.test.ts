import { describe, expect, it } from 'vitest';
import { RequestCounter } from '../../../src/main/request-counter';
import { createIcloudFetch, isIdempotentRequest, productionRetryPolicy, retryDelayMs } from '../../../src/main/icloud/http';
import { fakeFetch } from './fake-dav';

const quickRetry = { minDelayMs: 1, maxDelayMs: 50, maxInlineWaitMs: 50, maxRetries: 2 };

function throttledThenOk(times: number, retryAfter = '1') {
  let calls = 0;
  return fakeFetch([
    () => (calls++ < times ? new Response('busy', { status: 503, headers: { 'Retry-After': retryAfter } }) : new Response('ok', { status: 200 })),
  ]);
}

describe('iCloud fetch', () => {
  it('sets Accept-Language and User-Agent explicitly and counts every request for the icloud side', async () => {
    const fake = fakeFetch([() => new Response('ok')]);
    const counter = new RequestCounter();
    const icloudFetch = createIcloudFetch({ counter, baseFetch: fake.fetch });
    await icloudFetch('https://caldav.icloud.com/', { method: 'PROPFIND', headers: { 'Accept-Language': '*', Depth: '0' } });
    await icloudFetch('https://caldav.icloud.com/x');
    expect(fake.requests[0].headers.get('accept-language')).toBe('en-US,en;q=0.9');
    expect(fake.requests[0].headers.get('user-agent')).toBe('iCloudSyncCompanion/0.1');
    expect(fake.requests[0].headers.get('depth')).toBe('0');
    expect(counter.snapshot()).toEqual({ icloud: 2, platform: 0 });
  });

  it('gives every request its own timeout signal, so one expiry does not fail later calls', async () => {
    let first = true;
    const fake = fakeFetch([]);
    const slowOnce = (async (input: string | URL | Request, init?: RequestInit) => {
      if (first) {
        first = false;
        await new Promise<void>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
      }
      return fake.fetch(input, init);
    }) as typeof fetch;
    // Without repeats, so that the first call's own timeout is what the caller sees: classified,
    // naming iCloud and its server (never a bare TimeoutError).
    const icloudFetch = createIcloudFetch({ counter: new RequestCounter(), baseFetch: slowOnce, timeoutMs: 30, retry: { maxRetries: 0 } });
    await expect(icloudFetch('https://x/a')).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/^iCloud \(x\) did not answer in time\./), details: { side: 'icloud' } });
    await new Promise((r) => setTimeout(r, 40));
    const second = await icloudFetch('https://x/b');
    expect(second.status).toBe(404);
  });

  it('honours Retry-After for idempotent requests, counting each attempt', async () => {
    const fake = throttledThenOk(2);
    const waits: number[] = [];
    const counter = new RequestCounter();
    const icloudFetch = createIcloudFetch({ counter, baseFetch: fake.fetch, retry: quickRetry, sleep: async (ms) => void waits.push(ms) });
    const response = await icloudFetch('https://x/', { method: 'REPORT' });
    expect(response.status).toBe(200);
    expect(waits).toEqual([50, 50]); // 1 s clamped down to the test maximum
    expect(counter.snapshot().icloud).toBe(3);
  });

  it('does not repeat an unconditional PUT, but does repeat one with If-Match', async () => {
    const plain = throttledThenOk(1);
    const icloudFetch = createIcloudFetch({ counter: new RequestCounter(), baseFetch: plain.fetch, retry: quickRetry, sleep: async () => {} });
    expect((await icloudFetch('https://x/e.ics', { method: 'PUT', body: 'x' })).status).toBe(503);
    expect(plain.requests).toHaveLength(1);

    const conditional = throttledThenOk(1);
    const again = createIcloudFetch({ counter: new RequestCounter(), baseFetch: conditional.fetch, retry: quickRetry, sleep: async () => {} });
    expect((await again('https://x/e.ics', { method: 'PUT', body: 'x', headers: { 'If-Match': '"1"' } })).status).toBe(200);
    expect(conditional.requests).toHaveLength(2);
  });

  it('hands a wait longer than the inline limit back to the caller instead of sleeping', async () => {
    const fake = throttledThenOk(1, '3600');
    const waits: number[] = [];
    const icloudFetch = createIcloudFetch({
      counter: new RequestCounter(), baseFetch: fake.fetch, sleep: async (ms) => void waits.push(ms),
      retry: { minDelayMs: 1, maxDelayMs: 10_000_000, maxInlineWaitMs: 1000, maxRetries: 2 },
    });
    const response = await icloudFetch('https://x/', { method: 'PROPFIND' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('3600');
    expect(waits).toEqual([]);
  });

  it('stops after maxRetries', async () => {
    const fake = throttledThenOk(10);
    const icloudFetch = createIcloudFetch({ counter: new RequestCounter(), baseFetch: fake.fetch, retry: quickRetry, sleep: async () => {} });
    expect((await icloudFetch('https://x/', { method: 'GET' })).status).toBe(503);
    expect(fake.requests).toHaveLength(3);
  });

  it('clamps Retry-After to 1 min – 2 h in production', () => {
    const busy = (value: string) => new Response('', { status: 503, headers: { 'Retry-After': value } });
    expect(retryDelayMs(busy('5'), productionRetryPolicy)).toBe(60_000);
    expect(retryDelayMs(busy('600'), productionRetryPolicy)).toBe(600_000);
    expect(retryDelayMs(busy('86400'), productionRetryPolicy)).toBe(2 * 60 * 60_000);
    expect(retryDelayMs(new Response('', { status: 503 }), productionRetryPolicy)).toBeUndefined();
    expect(retryDelayMs(new Response('', { status: 500, headers: { 'Retry-After': '5' } }), productionRetryPolicy)).toBeUndefined();
  });

  it('knows which methods are safe to repeat', () => {
    const none = new Headers();
    for (const m of ['GET', 'HEAD', 'OPTIONS', 'PROPFIND', 'REPORT']) expect(isIdempotentRequest(m, none)).toBe(true);
    for (const m of ['PUT', 'DELETE', 'POST', 'MKCALENDAR']) expect(isIdempotentRequest(m, none)).toBe(false);
    expect(isIdempotentRequest('DELETE', new Headers({ 'If-Match': '"a"' }))).toBe(true);
    expect(isIdempotentRequest('PUT', new Headers({ 'If-None-Match': '*' }))).toBe(true);
  });
});
