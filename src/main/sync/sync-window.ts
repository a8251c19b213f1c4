// The sliding sync window: from the start of the day `pastDays` ago to `futureDays` ahead.
// Events that leave it are forgotten, never read as deleted (DESIGN §1).
import type { Settings } from '../../shared/settings';

export function syncWindow(now: Date, settings: Pick<Settings, 'pastDays' | 'futureDays'>): { start: Date; end: Date } {
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return {
    start: new Date(startOfToday - settings.pastDays * 86_400_000),
    end: new Date(startOfToday + (settings.futureDays + 1) * 86_400_000),
  };
}

/** The day the window was computed for: when it changes, recurring series are expanded again. */
export function windowDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * What the iCloud events were last judged against: the day of the window, the settings that change
 * how an event becomes a blocked slot (invitationsBlock among them, S18), the user's own addresses, and the zones (the location's for all-day blocks, the Mac's for
 * floating times). When it changes, every event is read and judged again: blocks placed in the Mac's
 * zone move to the location's day once it is known (S15). The filters are part of it (a filter set
 * or changed releases the copies it now keeps out), and so are the calendars' names while a title
 * template uses {calendar} (a renamed calendar retitles its blocks).
 */
export function projectionKey(
  now: Date,
  settings: Pick<Settings, 'pastDays' | 'futureDays' | 'freeEventsBlock' | 'blockTitles' | 'invitationsBlock' | 'filters'>,
  context: { zone: string; floatingZone: string; ownAddresses?: string[]; calendarNames?: Record<string, string> },
): string {
  const judged = [settings.pastDays, settings.futureDays, settings.freeEventsBlock, settings.blockTitles, settings.invitationsBlock];
  const key = [windowDay(now), ...judged, context.zone, context.floatingZone, (context.ownAddresses ?? []).join(',')];
  // Only the iCloud calendars' filters (keyed by URL; a location id has no "/"): a location's appointments are listed in full
  // every cycle and judged each time. Appended only when set, so a state judged before filters
  // existed is not read again for nothing.
  const calendarFilters = Object.entries(settings.filters).filter(([source]) => source.includes('/'));
  if (calendarFilters.length) key.push(JSON.stringify(calendarFilters));
  if (settings.blockTitles.includes('{calendar}')) key.push(JSON.stringify(context.calendarNames ?? {}));
  return key.join('|');
}
