// Our own fetch for every request to iCloud (tsdav accepts a custom fetch). Why not Node's fetch as is:
// - Apple's servers have been reported to choke on Node's default `Accept-Language: *`;
// - a shared AbortSignal.timeout expires once and then fails every later call: each request gets its own;
// - networks drop connections and servers fail now and then: a request that is safe to repeat
//   (PROPFIND, REPORT, GET, and writes made conditional by If-Match / If-None-Match on our
//   deterministic hrefs, whose repeat answers 412 instead of writing twice) is repeated after a short
//   backoff on a dropped connection, a timeout or a passing 5xx, and after Retry-After on 503/429 —
//   what to repeat is the shared table's call (error-actions.ts), how long is bounded by a budget
//   per fetch, and a fetch is built per cycle (accounts/sides.ts), so the budget is the cycle's;
// - the run report counts every HTTP request per side, retries included.
import { isTransientStatus, retriesNow } from '../error-actions';
import { kindForStatus, parseRetryAfter, toSyncError } from '../errors';
import type { RequestCounter } from '../request-counter';

export const ICLOUD_USER_AGENT = 'iCloudSyncCompanion/0.1';
export const ICLOUD_ACCEPT_LANGUAGE = 'en-US,en;q=0.9';

export interface RetryPolicy {
  /**
   * A Retry-After that defers work to a later cycle is clamped into [minDelayMs, maxDelayMs]
   * (retryDelayMs; production 1 min – 2 h). A wait done here, inside the request, honours the
   * server's own value, only capped at maxDelayMs: "Retry-After: 1" means one second, not a minute.
   */
  minDelayMs: number;
  maxDelayMs: number;
  /**
   * Waits up to this long are done here, in the request; a longer wait is handed back to the caller
   * as the response itself, so the cycle can stop with `throttled` and its retryAfterMs (the scheduler
   * comes back then) instead of holding a request open for hours.
   */
  maxInlineWaitMs: number;
  /** Retries per request after the first attempt. */
  maxRetries: number;
  /** Backoff before the first repeat after a dropped connection, a timeout or a 5xx; doubles each time. */
  backoffMs: number;
  maxBackoffMs: number;
  /**
   * Time one fetch (one cycle) may spend on failed attempts and waits, in all. Past it, failures go
   * back to the caller: the cycle stops as `network`/`throttled` and the next one tries again.
   */
  budgetMs: number;
}

/**
 * Why these numbers: 8 repeats with a 0.25 s backoff doubling to 4 s ride out a flaky connection
 * (at 50 % failed attempts one request in 500 still fails after 9 tries) while a dead server costs a
 * request at most ~20 s; 90 s a cycle keeps a bad network from holding the data directory for long.
 */
export const productionRetryPolicy: RetryPolicy = {
  minDelayMs: 60_000,
  maxDelayMs: 2 * 60 * 60_000,
  maxInlineWaitMs: 30_000,
  maxRetries: 8,
  backoffMs: 250,
  maxBackoffMs: 4_000,
  budgetMs: 90_000,
};

export interface IcloudFetchOptions {
  counter: RequestCounter;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** The underlying fetch (tests may pass a fake). Default: globalThis.fetch. */
  baseFetch?: typeof fetch;
  /** How to wait (tests pass a fake clock). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const alwaysIdempotent = new Set(['GET', 'HEAD', 'OPTIONS', 'PROPFIND', 'REPORT']);

/** Whether repeating this request cannot do anything twice (conditional writes are safe too). */
export function isIdempotentRequest(method: string, headers: Headers): boolean {
  const upper = method.toUpperCase();
  if (alwaysIdempotent.has(upper)) return true;
  if (upper === 'PUT' || upper === 'DELETE') return headers.has('if-match') || headers.has('if-none-match');
  return false;
}

/** The clamped Retry-After delay of a throttling response (for deferring to a later cycle), or undefined when it is not one. */
export function retryDelayMs(response: Response, policy: RetryPolicy, now = Date.now()): number | undefined {
  if (response.status !== 503 && response.status !== 429) return undefined;
  const parsed = parseRetryAfter(response.headers.get('retry-after'), now);
  if (parsed === undefined) return undefined;
  return Math.min(policy.maxDelayMs, Math.max(policy.minDelayMs, parsed));
}

export function createIcloudFetch(options: IcloudFetchOptions): typeof fetch {
  const policy: RetryPolicy = { ...productionRetryPolicy, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const baseFetch = options.baseFetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  let spentMs = 0; // on failed attempts and waits, across every request of this fetch (one cycle)

  /** How long to wait before repeating, or undefined when this failure goes back to the caller. */
  const waitBefore = (attempt: number, retryAfterMs: number | undefined, failedForMs: number): number | undefined => {
    spentMs += failedForMs;
    if (attempt >= policy.maxRetries) return undefined;
    const wait = retryAfterMs !== undefined
      ? Math.min(retryAfterMs, policy.maxDelayMs)
      : Math.min(policy.backoffMs * 2 ** attempt, policy.maxBackoffMs);
    if (wait > policy.maxInlineWaitMs || spentMs + wait > policy.budgetMs) return undefined;
    spentMs += wait;
    return wait;
  };

  const icloudFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('Accept-Language', ICLOUD_ACCEPT_LANGUAGE);
    headers.set('User-Agent', ICLOUD_USER_AGENT);
    const idempotent = isIdempotentRequest(method, headers);

    for (let attempt = 0; ; attempt++) {
      // A fresh timeout for every attempt: a shared signal would already have fired.
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      options.counter.count('icloud');
      const begun = now();
      let response: Response;
      try {
        response = await baseFetch(input, { ...init, method, headers, signal });
      } catch (cause) {
        // Dropped connection, reset, timeout: the shared table says whether to repeat (never when the
        // caller itself gave up, never a request that is not safe to send twice). What goes back names
        // iCloud and its server, not a bare ECONNREFUSED.
        const error = toSyncError(cause, 'icloud', hostOf(input));
        if (init.signal?.aborted || !idempotent || !retriesNow(error.kind)) throw error;
        const wait = waitBefore(attempt, undefined, now() - begun);
        if (wait === undefined) throw error;
        await sleep(wait);
        continue;
      }
      const kind = kindForStatus(response.status);
      if (!kind || !idempotent || !isTransientStatus(response.status) || !retriesNow(kind)) return response;
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now());
      const wait = waitBefore(attempt, retryAfter, now() - begun);
      if (wait === undefined) return response;
      await response.body?.cancel();
      await sleep(wait);
    }
  };
  return icloudFetch as typeof fetch;
}

function hostOf(input: string | URL | Request): string | undefined {
  try {
    return new URL(input instanceof Request ? input.url : String(input)).host;
  } catch {
    return undefined;
  }
}
