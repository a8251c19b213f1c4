// A followed iCloud calendar deleted in iCloud (404 on reading it): the reader's error says only "This
// calendar", which with a location's own calendar (issue 15) leaves the user guessing which one and what
// to choose instead. This names it and the way out; nothing was written, so nothing is lost. A
// location's own calendar leaves only its locations out (location-calendar-gone.ts): the message says so.
import { own } from '../../shared/own';
import { SyncError } from '../errors';
import { platformAccounts } from '../store/locations';
import type { State } from '../store/state-schema';

/** `error` with the calendar named and how to choose another, when it is the calendar's 404; else `error`. */
export function namingGoneCalendar(error: unknown, state: State, calendarUrl: string): unknown {
  if (!isCalendarGone(error)) return error;
  const name = own(state.links.names, calendarUrl) ?? calendarUrl;
  const locations = platformAccounts(state).filter((account) => account.icloudCalendar === calendarUrl);
  const fix = locations.length
    ? `choose another for ${locations.map((a) => a.locationName ?? a.locationId).join(', ')} (Settings → Calendars, or icloud-sync link --location-id ${locations[0]!.locationId} --icloud default)`
    : 'choose another (Settings → Calendars, or icloud-sync link)';
  const leftOut = onlyLocationsFollow(state, calendarUrl);
  const them = locations.length === 1 ? ['that location is', 'it'] : ['those locations are', 'them'];
  const changed = leftOut ? `Until then ${them[0]} left out of the sync, with nothing of ${them[1]} changed.` : 'Nothing was changed.';
  return new SyncError('gone', `The iCloud calendar “${name}” no longer exists in iCloud: ${fix}. ${changed}`, error.details);
}

/** The calendar itself is gone (not one of its events): its 404. */
export function isCalendarGone(error: unknown): error is SyncError {
  return error instanceof SyncError && error.kind === 'gone' && error.details.status === 404;
}

/**
 * Only locations' own appointments go there: not the main calendar (every location without its own
 * reads it, and its loss is everyone's), not a busy source (it blocks every location).
 */
export function onlyLocationsFollow(state: State, url: string): boolean {
  if (url === state.links.icloudCalendar || state.links.busySources.includes(url)) return false;
  return platformAccounts(state).some((account) => account.icloudCalendar === url);
}
