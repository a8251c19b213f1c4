// Emulator options for testing `icloud-sync doctor` (README.md): the `Date` header can be skewed, and
// which scope each endpoint family needs (a token's withheld scopes live in the seed / EmulatorState).

export interface DoctorOptions {
  /** Added to the emulator's clock in the `Date` header of every answer (ms; may be negative). */
  dateSkewMs?: number;
}

/**
 * The scope an endpoint family needs, as Scopes.md of the official description lists them:
 * reads of `/calendars/` and `/calendars/{id}` need calendars.readonly; event reads
 * calendars/events.readonly and event writes calendars/events.write; users, locations and contacts their own.
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
  if (path === '/contacts' || path.startsWith('/contacts/')) return read ? 'contacts.readonly' : 'contacts.write';
  return undefined;
}

/** The `Date` header value, skewed when asked; undefined lets node:http write its own. */
export function dateHeader(options: DoctorOptions, now = Date.now()): string | undefined {
  if (!options.dateSkewMs) return undefined;
  return new Date(now + options.dateSkewMs).toUTCString();
}
