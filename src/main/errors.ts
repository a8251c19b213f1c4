// Errors are classified once (DESIGN §2, DAVx5's classifySyncException): every failure on either
// side becomes one of a few kinds, and the rest of the app decides only on the kind.
//   auth       → stop and ask the user to reconnect (401/403)
//   throttled  → retry later, honouring retryAfterMs (429, 503 with Retry-After)
//   network    → retry later (5xx, timeouts, resets, DNS)
//   gone       → the item no longer exists (404/410)
//   conflict   → the item changed under us (412/409): re-read and re-plan
//   item       → this one item is bad (400/422, malformed data): skip it with its reason, go on
//   guard      → a safety guard stopped the cycle
//   internal   → a bug or something unexpected
// What each kind leads to (retry now, retry next cycle, skip the item, stop and ask) is one table,
// used by both sides: error-actions.ts.
import type { Side } from '../shared/run-report';
import { stripUrlUserinfo } from './redact-url';

export type ErrorKind = 'auth' | 'throttled' | 'network' | 'gone' | 'conflict' | 'item' | 'guard' | 'internal';

export class SyncError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: { side?: Side; status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    // Every classified failure (toSyncError included) is shown, logged or stored in history: no
    // user info of a URL (a typed-in password) may survive into it.
    super(stripUrlUserinfo(message));
    this.name = 'SyncError';
  }
}

/** Map an HTTP status to its kind; `undefined` for a success status. */
export function kindForStatus(status: number): ErrorKind | undefined {
  if (status < 400) return undefined;
  if (status === 401 || status === 403) return 'auth';
  if (status === 404 || status === 410) return 'gone';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'throttled';
  if (status === 503) return 'throttled';
  if (status >= 500) return 'network';
  return 'item';
}

/** Parse a Retry-After header (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What a socket error code means, in words (never shown raw: UI.md "never an HTTP code alone"). */
const networkCodeWords: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing is answering there)',
  ECONNRESET: 'the connection was cut',
  EPIPE: 'the connection was cut',
  ENOTFOUND: 'the server name was not found',
  EAI_AGAIN: 'the server name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
};

/** "iCloud (caldav.icloud.com)", "The platform (services.leadconnectorhq.com)", "The server". */
export function serverName(side?: Side, server?: string): string {
  const who = side === 'icloud' ? 'iCloud' : side === 'platform' ? 'The platform' : 'The server';
  return server ? `${who} (${server})` : who;
}

const tryLater = 'Check the Mac’s internet connection; the app tries again at the next sync.';

/**
 * Turn anything thrown into a SyncError, keeping SyncErrors as they are. `side` and `server` (the
 * host) name which server failed, so "ECONNREFUSED" becomes a sentence that says where and what next.
 */
export function toSyncError(error: unknown, side?: Side, server?: string): SyncError {
  if (error instanceof SyncError) return error;
  const err = error as { name?: string; code?: string; message?: string } | undefined;
  const code = err?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  const who = serverName(side, server);
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') {
    return new SyncError('network', `${who} did not answer in time. ${tryLater}`, { side, cause: error });
  }
  if (code && /^(ECONNRESET|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|UND_ERR_\w+)$/.test(code)) {
    return new SyncError('network', `${who} could not be reached: ${networkCodeWords[code] ?? 'the connection failed'}. ${tryLater}`, { side, cause: error });
  }
  if (err?.message === 'fetch failed') {
    return new SyncError('network', `${who} could not be reached. ${tryLater}`, { side, cause: error });
  }
  return new SyncError('internal', err?.message ?? String(error), { side, cause: error });
}
