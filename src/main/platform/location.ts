// The platform location (sub-account) as the app knows it: its name (what a person calls it) and its
// time zone (where its days begin: all-day and multi-day blocks cover whole days there, S15).
// Read at connect and at most once a day after. A token without `locations.readonly` works for the
// calendars but is refused here: the app goes on in the Mac's zone and says what to do.
import { toSyncError } from '../errors';
import type { PlatformLocation } from './schemas';

export const LOCATION_SCOPE = 'locations.readonly';
/** How long a read location is trusted: a sub-account's zone rarely changes, a request a day is cheap. */
export const LOCATION_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The fields of the stored platform account this file owns (all optional: older states lack them). */
export interface LocationFacts {
  locationName?: string;
  /** The location's IANA zone as the platform gave it; absent while it could not be read. */
  locationTimezone?: string;
  /** When the location was last asked for with a definite answer (read, or refused for the scope). */
  locationCheckedAt?: string;
  /** Why the zone is not the location's: the token lacks the scope, or the platform gave no usable zone. */
  locationProblem?: 'missing-scope' | 'no-timezone';
}

/** What reading the location needs: the client's one method (tests pass a fake). */
export interface LocationReader {
  getLocation(): Promise<PlatformLocation>;
}

function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the location and returns the facts to store. A 401/403 is the missing scope (the token was
 * just verified, or works for the calendars): never a failed connect or cycle. Any other failure
 * (network, 5xx) keeps what was known and leaves `locationCheckedAt` as it was, so the next cycle
 * asks again.
 */
export async function readLocation(reader: LocationReader, known: LocationFacts, now: Date): Promise<LocationFacts> {
  try {
    const location = await reader.getLocation();
    const zone = location.timezone?.trim();
    const usable = zone && isZone(zone) ? zone : undefined;
    return {
      locationName: location.name?.trim() || known.locationName,
      locationTimezone: usable,
      locationCheckedAt: now.toISOString(),
      locationProblem: usable ? undefined : 'no-timezone',
    };
  } catch (thrown) {
    const error = toSyncError(thrown);
    const status = error.details.status;
    if (status === 401 || status === 403) {
      return { locationName: known.locationName, locationTimezone: undefined, locationCheckedAt: now.toISOString(), locationProblem: 'missing-scope' };
    }
    return { ...known };
  }
}

/** Whether the location should be read again (never read, or last read more than a day ago). */
export function locationIsDue(known: LocationFacts, now: Date): boolean {
  if (!known.locationCheckedAt) return true;
  return now.getTime() - Date.parse(known.locationCheckedAt) >= LOCATION_MAX_AGE_MS;
}

/** The zone all-day and multi-day blocks are placed in: the location's, else the Mac's. */
export function blockZone(known: LocationFacts, localZone: string): string {
  return known.locationTimezone ?? localZone;
}

/** The plain sentence for Status, `status` and the run report when the Mac's zone stands in; undefined when all is well. */
export function locationNotice(known: LocationFacts, localZone: string): string | undefined {
  if (known.locationProblem === 'missing-scope') {
    return (
      `The platform token may not read the location, so its time zone is unknown: all-day events block whole days in this Mac's time zone (${localZone}). ` +
      `To fix it, add the ${LOCATION_SCOPE} scope to the Private Integration Token (Settings → Private Integrations on the platform); the app checks again within a day, or at once when you reconnect the platform.`
    );
  }
  if (known.locationProblem === 'no-timezone') {
    return `The platform did not give the location a time zone we know: all-day events block whole days in this Mac's time zone (${localZone}). Set the location's time zone in its business profile on the platform.`;
  }
  return undefined;
}
