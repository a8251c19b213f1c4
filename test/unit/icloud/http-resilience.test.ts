// Resilient reads (issue 10 item 5): a request that is safe to repeat rides out dropped connections,
// timeouts and passing 5xx inside the cycle's budget; a write that is not safe to repeat never is.
import { describe, expect, it } from 'vitest';
import { RequestCounter } from '../../../src/main/request-counter';
import { createIcloudFetch } from '../../../src/main/icloud/http';
import { fakeFetch } from './fake-dav';

// What goes back to the caller is classified (errors.ts): it names iCloud and its server, never a bare
// 'fetch failed' (issue 12).
const dropped = () => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });

/** Fails the first `failures` calls in the given way, then answers 207. */
function failingThenOk(failures: (() => Response | never)[]) {
  let calls = 0;
  const fake = fakeFetch([() => (calls < failures.length ? failures[calls++]() : new Response('<multistatus/>', { status: 207 }))]);
  return fake;
}

const quick = { backoffMs: 10, maxBackoffMs: 40, maxRetries: 8, budgetMs: 10_000, maxInlineWaitMs: 5_000 };

describe('iCloud fetch under faults', () => {
  it('repeats a PROPFIND after dropped connections and 5xx, with a doubling backoff', async () => {
    const fake = failingThenOk([
      () => { throw dropped(); },
      () => new Response('bad gateway', { status: 502 }),
      () => { throw dropped(); },
      () => new Response('oops', { status: 500 }),
    ]);
    const waits: number[] = [];
    const counter = new RequestCounter();
    const icloudFetch = createIcloudFetch({ counter, baseFetch: fake.fetch, retry: quick, sleep: async (ms) => void waits.push(ms) });
    const response = await icloudFetch('https://x/cal/', { method: 'PROPFIND' });
    expect(response.status).toBe(207);
    expect(waits).toEqual([10, 20, 40, 40]);
    expect(counter.snapshot().icloud).toBe(5);
  });

  it('repeats a REPORT that timed out', async () => {
    const fake = failingThenOk([() => { throw new DOMException('The operation was aborted due to timeout', 'TimeoutError'); }]);
    const icloudFetch = createIcloudFetch({ counter: new RequestCounter(), baseFetch: fake.fetch, retry: quick, sleep: async () => {} });
    expect((await icloudFetch('https://x/cal/', { method: 'REPORT' })).status).toBe(207);
    expect(fake.requests).toHaveLength(2);
  });

  it('waits the server\'s own Retry-After of one second inside the cycle (not the 1-minute floor of deferrals)', async () => {
    const fake = failingThenOk([() => new Response('busy', { status: 503, headers: { 'Retry-After': '1' } })]);
    const waits: number[] = [];
    const icloudFetch = createIcloudFetch({ counter: new RequestCounter(), baseFetch: fake.fetch, sleep: async (ms) => void waits.push(ms) });
    expect((await icloudFetch('https://x/cal/', { method: 'GET' })).status).toBe(207);
    expect(waits).toEqual([1000]);
  });

  it('never repeats a plain PUT or a POST after a dropped connection: the server may have acted', async () => {
    for (const init of [{ method: 'PUT', body: 'x' }, { method: 'POST', body: 'x' }]) {
      const fake = failingThenOk([() => { throw dropped(); }]);
      const icloudFetch = createIcloudFetch({ counter: new RequestCounter(), baseFetch: fake.fetch, retry: quick, sleep: async () => {} });
      await expect(icloudFetch('https://x/cal/e.ics', init)).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/^iCloud \(x\) could not be reached/), details: { side: 'icloud' } });
      expect(fake.requests, init.method).toHaveLength(1);
    }
  });

  it('repeats a conditional PUT (If-None-Match: *) after a dropped connection: a repeat can only answer 412', async () => {
    const fake = failingThenOk([() => { throw dropped(); }]);
    const icloudFetch = createIcloudFetch({ counter: new RequestCounter(), baseFetch: fake.fetch, retry: quick, sleep: async () => {} });
    const response = await icloudFetch('https://x/cal/e.ics', { method: 'PUT', body: 'x', headers: { 'If-None-Match': '*' } });
    expect(response.status).toBe(207);
    expect(fake.requests).toHaveLength(2);
  });

  it('does not repeat what will not get better: 4xx, 501 and 507', async () => {
    for (const status of [400, 403, 404, 501, 507]) {
      const fake = failingThenOk([() => new Response('', { status })]);
      const icloudFetch = createIcloudFetch({ counter: new RequestCounter(), baseFetch: fake.fetch, retry: quick, sleep: async () => {} });
      expect((await icloudFetch('https://x/cal/', { method: 'REPORT' })).status).toBe(status);
      expect(fake.requests, String(status)).toHaveLength(1);
    }
  });

  it('stops repeating once the cycle\'s budget is spent, for every later request of the same fetch too', async () => {
    let calls = 0;
    const fake = fakeFetch([() => { calls += 1; throw dropped(); }]);
    const waits: number[] = [];
    const icloudFetch = createIcloudFetch({
      counter: new RequestCounter(), baseFetch: fake.fetch, sleep: async (ms) => void waits.push(ms),
      retry: { ...quick, backoffMs: 100, maxBackoffMs: 100, budgetMs: 250 },
    });
    await expect(icloudFetch('https://x/a', { method: 'GET' })).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/^iCloud \(x\) could not be reached/), details: { side: 'icloud' } });
    expect(waits).toEqual([100, 100]);
    expect(calls).toBe(3);
    await expect(icloudFetch('https://x/b', { method: 'GET' })).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/^iCloud \(x\) could not be reached/), details: { side: 'icloud' } });
    expect(calls, 'no repeat left for the second request').toBe(4);
  });

  it('does not repeat when the caller aborted the request itself', async () => {
    const controller = new AbortController();
    const fake = fakeFetch([() => { controller.abort(); throw new DOMException('aborted', 'AbortError'); }]);
    const icloudFetch = createIcloudFetch({ counter: new RequestCounter(), baseFetch: fake.fetch, retry: quick, sleep: async () => {} });
    await expect(icloudFetch('https://x/a', { method: 'GET', signal: controller.signal })).rejects.toMatchObject({ kind: 'network', details: { side: 'icloud' } });
    expect(fake.requests).toHaveLength(1);
  });
});
