// What removing one location (Settings → Accounts → Remove…, `disconnect platform --location-id`)
// leaves and releases, known from the state alone, so the confirmation can say it before anything
// changes: the blocked slots in the other locations that blocked its appointments ("Busy") go on
// the next sync — they are the app's own and would follow nothing any more — and whether it is the
// last location (then the app asks to connect one, as at first run).
import type { LocationRelease } from '../../shared/location-removal';
import type { RunReport } from '../../shared/run-report';
import { plural } from '../../shared/words';
import { platformAccounts } from '../store/locations';
import type { State } from '../store/state-schema';
import { chosenLocations } from './location-choice';

export interface RemovalFacts {
  /** The location's name (its id while the name could not be read). */
  name: string;
  releasedElsewhere: LocationRelease[];
  last: boolean;
}

/** Throws (naming the connected ones) when `locationId` is not connected. */
export function removalFacts(state: State, locationId: string): RemovalFacts {
  const [account] = chosenLocations(state, locationId);
  const others = platformAccounts(state).filter((other) => other.locationId !== locationId);
  const releasedElsewhere = others.flatMap((other) => {
    const count = Object.values(state.pairs).filter((pair) => pair.crossFrom?.location === locationId && pair.locationId === other.locationId && pair.platformId).length;
    return count ? [{ locationId: other.locationId, name: other.locationName ?? other.locationId, count }] : [];
  });
  return { name: account.locationName ?? account.locationId, releasedElsewhere, last: others.length === 0 };
}

/**
 * Why removing a location's copies stopped, naming what was not deleted (UI.md: events by title):
 * "“Consult 0” was not deleted: the event changed in iCloud while deleting it. 14 other copies were deleted."
 */
export function removalFailureMessage(report: RunReport): string {
  const failed = report.items.filter((item) => item.error);
  const named = failed.slice(0, 3).map((item) => `“${item.title}”`);
  const more = failed.length > named.length ? ` and ${failed.length - named.length} more` : '';
  const error = failed[0]?.error ?? 'it could not be deleted.';
  const deleted = report.counts.icloud.deleted + report.counts.platform.deleted;
  return `${named.join(', ')}${more} ${failed.length === 1 ? 'was' : 'were'} not deleted: ${error.charAt(0).toLowerCase()}${error.slice(1)}` +
    `${deleted ? ` ${plural(deleted, 'other copy was', 'other copies were')} deleted.` : ''}`;
}
