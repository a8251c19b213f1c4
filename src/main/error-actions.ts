// What each kind of failure leads to, for both sides (DAVx5's classifySyncException, DESIGN §2):
// the iCloud fetch (icloud/http.ts) and the platform transport (platform/transport.ts) decide from
// it whether to repeat a request now, and the executor (sync/execute.ts) whether a failure stops the
// cycle or skips one item. One table, so the two sides cannot drift apart.
import type { ErrorKind } from './errors';

/**
 * retry-now        repeat the request after a short backoff (or the server's Retry-After), but only a
 *                  request that is safe to send twice and only while the cycle's retry budget lasts;
 * retry-next-cycle stop this cycle, keep what is done, and let the scheduler try again later
 *                  (at Retry-After when the server gave one, clamped: scheduler.ts);
 * skip-item        report this one item with its reason and go on; it is planned again next cycle;
 * stop-and-ask     stop and tell the user what to do (reconnect, confirm a guard).
 */
export type ErrorAction = 'retry-now' | 'retry-next-cycle' | 'skip-item' | 'stop-and-ask';

export interface ErrorRule {
  /** What happens first. */
  action: ErrorAction;
  /** What happens when `retry-now` is not allowed (not idempotent) or its budget is spent. */
  then?: ErrorAction;
}

export const errorActions: Readonly<Record<ErrorKind, ErrorRule>> = {
  network: { action: 'retry-now', then: 'retry-next-cycle' },
  throttled: { action: 'retry-now', then: 'retry-next-cycle' },
  auth: { action: 'stop-and-ask' },
  guard: { action: 'stop-and-ask' },
  gone: { action: 'skip-item' },
  conflict: { action: 'skip-item' },
  item: { action: 'skip-item' },
  internal: { action: 'skip-item' },
};

/** Whether a request that failed this way is worth repeating at once (if it is safe to repeat). */
export function retriesNow(kind: ErrorKind): boolean {
  return errorActions[kind].action === 'retry-now';
}

/** What a failure leads to once retrying now is over (or was never allowed). */
export function finalAction(kind: ErrorKind): ErrorAction {
  const rule = errorActions[kind];
  return rule.action === 'retry-now' ? (rule.then ?? 'retry-next-cycle') : rule.action;
}

/** Whether a failure that reached the executor stops the whole cycle rather than one item. */
export function stopsTheCycle(kind: ErrorKind): boolean {
  const action = finalAction(kind);
  return action === 'retry-next-cycle' || action === 'stop-and-ask';
}

/**
 * 5xx statuses that say "this will not work", not "try again": 501 Not Implemented, 505 HTTP Version
 * Not Supported, 507 (a truncated sync-collection, RFC 6578 §3.6, answered by a full listing instead).
 */
const lastingServerErrors = new Set([501, 505, 507]);

/** Whether a status is a passing server trouble worth repeating a safe request for. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && !lastingServerErrors.has(status));
}
