// Our own fetch for every request to iCloud (tsdav accepts a custom fetch). Why not Node's fetch as is:
// - Apple's servers have been reported to choke on Node's default `Accept-Language: *`;
// - a shared AbortSignal.timeout expires once and then fails every later call: each request gets its own;
// - throttling arrives as 503/429 + Retry-After, which must be honoured, but only for requests that
//   are safe to repeat (a blind retry of a plain PUT could write twice);
// - the run report counts every HTTP request per side, retries included.
import { parseRetryAfter, toSyncError } from '../errors';
import type { RequestCounter } from '../request-counter';

export const ICLOUD_USER_AGENT = 'iCloudSyncCompanion/0.1';
export const ICLOUD_ACCEPT_LANGUAGE = 'en-US,en;q=0.9';

export interface RetryPolicy {
  /** Retry-After values are clamped into [minDelayMs, maxDelayMs]. Production: 1 min – 2 h. */
  minDelayMs: number;
  maxDelayMs: number;
  /**
   * Waits up to this long are done here, in the request; a longer (clamped) wait is handed back to
   * the caller as the response itself, so the cycle can stop with `throttled` and its retryAfterMs
   * instead of holding a request open for hours.
   */
  maxInlineWaitMs: number;
  /** Retries per request after the first attempt. */
  maxRetries: number;
}

export const productionRetryPolicy: RetryPolicy = {
  minDelayMs: 60_000,
  maxDelayMs: 2 * 60 * 60_000,
  maxInlineWaitMs: 2 * 60_000,
  maxRetries: 2,
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

/** The clamped Retry-After delay of a throttling response, or undefined when it is not one. */
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
      let response: Response;
      try {
        response = await baseFetch(input, { ...init, method, headers, signal });
      } catch (cause) {
        // A refused connection or a timeout names iCloud and its server, not a bare ECONNREFUSED.
        throw toSyncError(cause, 'icloud', hostOf(input));
      }
      const delay = retryDelayMs(response, policy, now());
      if (delay === undefined || !idempotent || attempt >= policy.maxRetries || delay > policy.maxInlineWaitMs) {
        return response;
      }
      await response.body?.cancel();
      await sleep(delay);
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
