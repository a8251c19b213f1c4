// One HTTP exchange with the platform: pacing (rate limiter), counting (RequestCounter), timeouts,
// bounded retries for idempotent requests only, classification into SyncError, and validation of
// the body at the boundary. The endpoint methods in client.ts are thin declarations over this.
import type { z } from 'zod';
import { isTransientStatus, retriesNow } from '../error-actions';
import { SyncError, parseRetryAfter, toSyncError } from '../errors';
import type { RequestCounter } from '../request-counter';
import type { Clock } from './clock';
import { OutcomeUnknownError, errorForStatus } from './platform-errors';
import type { RateLimiter } from './rate-limiter';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  counter: RequestCounter;
  limiter: RateLimiter;
  clock: Clock;
  timeoutMs?: number;
  /** Attempts for an idempotent request hitting 5xx / timeouts / resets (first try included). */
  maxAttempts?: number;
  /** Retries after a 429 (burst) before giving up with a 'throttled' error. */
  max429Retries?: number;
}

export interface RequestSpec<S extends z.ZodType> {
  /** e.g. `GET /calendars/events/appointments/{eventId}`: names the endpoint in every error. */
  endpoint: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  version: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  schema: S;
  /** Safe to send twice. POST creates are not (no external-id field: a retry may duplicate). */
  idempotent: boolean;
}

const TRANSIENT_BACKOFF_MS = 500;
/** The longest a request waits before another try (a 503's or a 429's Retry-After; rate-limiter.ts has the same bound). */
const MAX_RETRY_WAIT_MS = 30_000;
/** Failures that happen before a single byte reaches the server: safe to retry even a create. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function errorCode(cause: unknown): string | undefined {
  const err = cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = err?.code ?? err?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

export class Transport {
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly max429Retries: number;

  constructor(private readonly options: TransportOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.max429Retries = options.max429Retries ?? 5;
  }

  async send<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    let failures = 0;
    let throttles = 0;
    for (;;) {
      const outcome = await this.attempt(spec, throttles + 1);
      if (outcome.ok) return outcome.value;
      const { error, transient, throttledWaitMs } = outcome;
      if (throttledWaitMs !== undefined) {
        // A 429 means the server did not act on the request, so even a create may be sent again.
        throttles += 1;
        // A pause longer than a cycle may wait for one answer fails this location now, as throttled:
        // waited out (up to five times), it held the whole cycle and every other location with it.
        if (throttles > this.max429Retries || throttledWaitMs > MAX_RETRY_WAIT_MS) throw error;
        continue; // the limiter holds the next acquire() until the pause is over
      }
      failures += 1;
      if (!transient || failures >= this.maxAttempts) throw error;
      // Back off, longer if a 503 said so, but never stall a cycle for more than MAX_RETRY_WAIT_MS.
      const backoff = Math.max(TRANSIENT_BACKOFF_MS * 2 ** (failures - 1), error.details.retryAfterMs ?? 0);
      await this.options.clock.sleep(Math.min(backoff, MAX_RETRY_WAIT_MS));
    }
  }

  private url(spec: RequestSpec<z.ZodType>): string {
    const url = new URL(spec.path, this.options.baseUrl.replace(/\/?$/, '/'));
    for (const [key, value] of Object.entries(spec.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    return url.toString();
  }

  private async attempt<S extends z.ZodType>(
    spec: RequestSpec<S>,
    throttleAttempt: number,
  ): Promise<
    | { ok: true; value: z.output<S> }
    | { ok: false; error: SyncError; transient: boolean; throttledWaitMs?: number }
  > {
    const { limiter, counter, clock } = this.options;
    const permit = await limiter.acquire(); // throws 'throttled' when the day's budget is spent
    counter.count('platform');
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(this.url(spec), {
        method: spec.method,
        headers: {
          Authorization: `Bearer ${this.options.token}`,
          Accept: 'application/json',
          Version: spec.version,
          ...(spec.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: spec.body !== undefined ? JSON.stringify(spec.body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      permit.release(null);
      const error = toSyncError(cause, 'platform', new URL(this.options.baseUrl).host);
      const neverSent = NEVER_SENT_CODES.has(errorCode(cause) ?? '');
      if (!spec.idempotent && !neverSent) {
        return { ok: false, transient: false, error: new OutcomeUnknownError(spec.endpoint, error.message, { side: 'platform', cause }) };
      }
      const named = new SyncError(error.kind, `${spec.endpoint}: ${error.message}`, { side: 'platform', cause });
      // What is worth repeating at once is the shared table's call (error-actions.ts), as for iCloud.
      return { ok: false, transient: retriesNow(error.kind), error: named };
    }
    permit.release(response.headers);

    if (response.status === 429) {
      const serverRetryAfter = parseRetryAfter(response.headers.get('retry-after'), clock.now());
      const { daily, waitMs } = limiter.onTooManyRequests(response.headers, throttleAttempt, serverRetryAfter);
      const retryAfterMs = daily ? waitMs : (serverRetryAfter ?? waitMs);
      const error = daily
        ? new SyncError('throttled', `The platform's daily request budget is spent; syncing stops until it resets.`, {
            side: 'platform',
            status: 429,
            retryAfterMs,
          })
        : errorForStatus(429, spec.endpoint, text, retryAfterMs);
      // A spent daily budget is final for today: no retry, just a clear stop.
      return daily ? { ok: false, transient: false, error } : { ok: false, transient: false, error, throttledWaitMs: waitMs };
    }
    if (response.status >= 500) {
      if (!spec.idempotent) {
        return {
          ok: false,
          transient: false,
          error: new OutcomeUnknownError(spec.endpoint, `HTTP ${response.status}`, { side: 'platform', status: response.status }),
        };
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), clock.now());
      const error = errorForStatus(response.status, spec.endpoint, text, retryAfterMs);
      return { ok: false, transient: isTransientStatus(response.status) && retriesNow(error.kind), error };
    }
    if (response.status >= 400 || response.status < 200) {
      return { ok: false, transient: false, error: errorForStatus(response.status, spec.endpoint, text) };
    }
    return this.parse(spec, text);
  }

  private parse<S extends z.ZodType>(
    spec: RequestSpec<S>,
    text: string,
  ): { ok: true; value: z.output<S> } | { ok: false; error: SyncError; transient: boolean } {
    let json: unknown;
    try {
      json = text.trim() === '' ? {} : JSON.parse(text);
    } catch (cause) {
      // A create that answered 2xx did happen, but without its body we cannot know the new id.
      if (!spec.idempotent) {
        return { ok: false, transient: false, error: new OutcomeUnknownError(spec.endpoint, 'the answer was not JSON', { side: 'platform', cause }) };
      }
      // A truncated or garbled body is most likely transient (a proxy, a dropped connection).
      return {
        ok: false,
        transient: spec.idempotent,
        error: new SyncError('network', `The platform answered ${spec.endpoint} with a body that is not JSON.`, {
          side: 'platform',
          cause,
        }),
      };
    }
    const parsed = spec.schema.safeParse(json);
    if (parsed.success) return { ok: true, value: parsed.data };
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown';
    return {
      ok: false,
      transient: false,
      error: new SyncError('internal', `The platform answered ${spec.endpoint} with an unexpected shape (${where}).`, {
        side: 'platform',
        cause: parsed.error,
      }),
    };
  }
}
