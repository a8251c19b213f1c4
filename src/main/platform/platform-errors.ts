// Turns a platform HTTP failure into the shared SyncError kinds (src/main/errors.ts), with messages a
// user can act on. The kinds come from kindForStatus so both sides classify alike.
import { SyncError, kindForStatus } from '../errors';

export const AUTH_MESSAGE =
  'The platform rejected the token: it may have been rotated or lack a scope. Reconnect with a new Private Integration Token.';

/**
 * A 403 that names the location: the token is fine, the location id is not (or the token was made in
 * another location). Not "the token was rejected", which sends people to rotate a working token.
 */
export const LOCATION_MESSAGE =
  'The platform accepted the token but refused this location id: check the location id (in the platform under Settings › Business Profile) and that the token was made in that location.';

/**
 * A request that may or may not have been applied by the server (a create that timed out, was
 * reset or got a 5xx). Never retried blindly: the caller must look before it tries again
 * (DESIGN §3: record intent before the request, adopt after).
 */
export class OutcomeUnknownError extends SyncError {
  readonly outcomeUnknown = true;
  constructor(endpoint: string, reason: string, details: SyncError['details']) {
    super(
      'network',
      `${endpoint} failed (${reason}) and the platform may or may not have applied it; not retried to avoid a duplicate.`,
      details,
    );
    this.name = 'OutcomeUnknownError';
  }
}

export function isOutcomeUnknown(error: unknown): error is OutcomeUnknownError {
  return error instanceof OutcomeUnknownError;
}

/** The server's own words from an error body: `message` may be a string or a list (422). */
export function serverMessage(bodyText: string): string | undefined {
  if (!bodyText.trim()) return undefined;
  try {
    const body = JSON.parse(bodyText) as { message?: unknown; error?: unknown };
    if (typeof body.message === 'string') return body.message;
    if (Array.isArray(body.message)) return body.message.map(String).join('; ');
    if (typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON (a proxy's HTML page, a plain-text 429): show a short excerpt instead.
  }
  return bodyText.trim().slice(0, 200);
}

export function errorForStatus(status: number, endpoint: string, bodyText: string, retryAfterMs?: number): SyncError {
  const kind = kindForStatus(status) ?? 'internal';
  const said = serverMessage(bodyText);
  const details = { side: 'platform' as const, status, retryAfterMs };
  switch (kind) {
    case 'auth':
      if (status === 403 && said && /location/i.test(said)) return new SyncError('auth', LOCATION_MESSAGE, details);
      return new SyncError('auth', AUTH_MESSAGE, details);
    case 'gone':
      return new SyncError('gone', `${endpoint}: not found on the platform (it was deleted or never existed).`, details);
    case 'item':
      return new SyncError('item', `${endpoint} was refused (${status})${said ? `: ${said}` : ''}`, details);
    case 'throttled':
      return new SyncError('throttled', `${endpoint}: the platform asks us to slow down (${status}); the app tries again later, nothing to do.`, details);
    case 'network':
      return new SyncError('network', `${endpoint}: the platform had a server error (${status}); the app tries again at the next sync.`, details);
    default:
      return new SyncError(kind, `${endpoint} failed (${status})${said ? `: ${said}` : ''}`, details);
  }
}
