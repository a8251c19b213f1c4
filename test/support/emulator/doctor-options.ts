// Emulator options for testing `icloud-sync doctor` (README.md): a token can be refused one scope's
// endpoint family, and the `Date` header can be skewed, without touching the seed or the routes.
// Kept in its own module so other seed options (e.g. per-location scopes) merge without clashing.

export interface DoctorOptions {
  /** token → scope names refused with 401 on that scope's endpoint family (e.g. `users.readonly`). */
  withheldScopes?: Record<string, string[]>;
  /** Added to the emulator's clock in the `Date` header of every answer (ms; may be negative). */
  dateSkewMs?: number;
}

/**
 * The scope an endpoint family needs, as Scopes.md of the official description lists them:
 * reads of `/calendars/` and `/calendars/{id}` need calendars.readonly; event reads
 * calendars/events.readonly and event writes calendars/events.write; users and locations their own.
 */
export function scopeFor(method: string, pathname: string): string | undefined {
  const path = pathname.replace(/\/+$/, '');
  const read = method.toUpperCase() === 'GET';
  if (path.startsWith('/calendars/events') || path.startsWith('/calendars/blocked-slots')) {
    return read ? 'calendars/events.readonly' : 'calendars/events.write';
  }
  if (path === '/calendars' || path.startsWith('/calendars/')) return read ? 'calendars.readonly' : 'calendars.write';
  if (path === '/users' || path.startsWith('/users/')) return read ? 'users.readonly' : 'users.write';
  if (path.startsWith('/locations')) return read ? 'locations.readonly' : 'locations.write';
  return undefined;
}

/** The 401 body the real API sends for a token without the scope, or undefined when allowed. */
export function withheldScopeRefusal(options: DoctorOptions, token: string | undefined, method: string, pathname: string) {
  if (!token) return undefined;
  const withheld = options.withheldScopes?.[token];
  const scope = scopeFor(method, pathname);
  if (!withheld || !scope || !withheld.includes(scope)) return undefined;
  return { statusCode: 401, message: 'The token is not authorized for this scope.', error: 'Unauthorized' };
}

/** The `Date` header value, skewed when asked; undefined lets node:http write its own. */
export function dateHeader(options: DoctorOptions, now = Date.now()): string | undefined {
  if (!options.dateSkewMs) return undefined;
  return new Date(now + options.dateSkewMs).toUTCString();
}
