// A location's own iCloud calendar (issue 15): where its appointments are copied, when the user picks
// one instead of the linked (main) calendar. Checked like the linked calendar — one of the connected
// account's calendars that the app can write to — and kept apart from the busy sources (a calendar is
// written to, or read one way, never both). `default` (or the main calendar itself) is the main one.
import type { CalendarEntry } from '../../shared/calendars';
import { SyncError } from '../errors';
import { sameHref } from '../icloud/hrefs';
import { platformAccounts } from '../store/locations';
import type { State } from '../store/state-schema';

/** The word `link --location-id ID --icloud default` takes for "the main calendar". */
export const MAIN_CALENDAR = 'default';

/**
 * Every connected location's own calendar after the change (undefined: the main one): the saved ones,
 * with `chosen` applied (location id → URL or `default`), and none equal to the main calendar.
 * Throws a clear error (exit 2) for a location not connected, a calendar not the account's, one the
 * app cannot write to, or one that is also a busy source.
 */
export function checkLocationCalendars(
  state: State, icloud: CalendarEntry[], main: string, busy: string[], chosen: Record<string, string> = {},
): Record<string, string | undefined> {
  const accounts = platformAccounts(state);
  for (const id of Object.keys(chosen)) {
    if (!accounts.some((account) => account.locationId === id)) {
      throw new SyncError('item', `Location ${id} is not connected (connected: ${accounts.map((account) => account.locationId).join(', ') || 'none'}).`);
    }
  }
  const result: Record<string, string | undefined> = {};
  for (const account of accounts) {
    const picked = account.locationId in chosen ? asListed(chosen[account.locationId]!, icloud, main) : account.icloudCalendar;
    const own = picked === MAIN_CALENDAR || picked === main ? undefined : picked;
    if (own !== undefined && account.locationId in chosen) checkWritable(own, icloud, busy, account.locationName ?? account.locationId);
    result[account.locationId] = own;
  }
  return result;
}

function checkWritable(url: string, icloud: CalendarEntry[], busy: string[], location: string): void {
  const entry = icloud.find((calendar) => calendar.id === url);
  if (!entry) throw new SyncError('item', `"${url}" is not one of your iCloud calendars. Run \`icloud-sync calendars\` to see them (or give "${MAIN_CALENDAR}" for the main calendar).`);
  if (!entry.eligible) throw new SyncError('item', `"${entry.name}" cannot take the appointments of ${location}: ${entry.reason}.`);
  if (busy.includes(url)) throw new SyncError('item', `"${entry.name}" is a busy source: remove it from the busy sources first (a calendar the app writes appointments to is synced both ways).`);
}

/** A busy source may not be a calendar a location's appointments are written to. */
export function checkBusyNotWritten(busy: string[], locationCalendars: Record<string, string | undefined>, icloud: CalendarEntry[]): void {
  for (const url of busy) {
    const location = Object.entries(locationCalendars).find(([, own]) => own === url)?.[0];
    if (location) throw new SyncError('item', `"${icloud.find((c) => c.id === url)?.name ?? url}" takes the appointments of location ${location}: it cannot also be a busy source.`);
  }
}

/**
 * A calendar URL as the account lists it: typed or pasted, it may differ from the listed id only in
 * spelling (a trailing slash, "@" or "%40"), and is still that calendar — the main one stays the main one.
 */
function asListed(url: string, icloud: CalendarEntry[], main: string): string {
  if (url === MAIN_CALENDAR || !/^https?:\/\//i.test(url)) return url;
  if (sameHref(url, main, main)) return main;
  return icloud.find((calendar) => sameHref(url, calendar.id, calendar.id))?.id ?? url;
}
