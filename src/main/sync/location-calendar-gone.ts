// A location's own iCloud calendar deleted in iCloud (a 404 on reading it) is that location's loss
// alone (issue 15): the location is left out of the cycle as one whose platform side failed
// (cycle-locations.ts) — nothing of it planned or written, nothing read recorded — while the main
// calendar and the other locations sync on. Never read as the deletion of the calendar's events: its
// copies, pairs and blocked slots stay as they are until the user chooses another calendar.
import { SyncError } from '../errors';
import type { State } from '../store/state-schema';
import { isCalendarGone, namingGoneCalendar, onlyLocationsFollow } from './calendar-gone';
import type { LocationRun } from './cycle-locations';

/** A followed calendar that answered 404 this cycle, with the error naming it and the way out. */
export interface GoneCalendar {
  url: string;
  error: SyncError;
}

/** A read's failure named (calendar-gone.ts) and thrown, unless it is a location's own calendar gone: that one is returned. */
export function goneForLocations(error: unknown, state: State, url: string): GoneCalendar {
  const named = namingGoneCalendar(error, state, url);
  if (!isCalendarGone(named) || !onlyLocationsFollow(state, url)) throw named;
  return { url, error: named };
}

/** Each location whose own calendar is gone is left out of this cycle (a failure already kept stays). */
export function leaveOutGoneCalendars(runs: LocationRun[], gone: readonly GoneCalendar[]): void {
  for (const run of runs) {
    const lost = gone.find((calendar) => calendar.url === run.account.icloudCalendar);
    if (lost && !run.error) run.error = lost.error;
  }
}
