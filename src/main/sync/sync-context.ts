// What the planner and executor need to know of the accounts and links, for every connected platform
// location (issue 15): what is shared (the iCloud side, the window) and what each location adds (its
// user, synced calendars, zone and key suffix). Throws when something is not set up yet.
import { SyncError } from '../errors';
import { normaliseAddress } from '../icloud';
import { blockZone } from '../platform/location';
import { appointmentCalendars, platformAccounts } from '../store/locations';
import type { PlatformAccount, State } from '../store/state-schema';
import type { PlanContext } from './plan-input';
import { syncWindow } from './sync-window';
import { macZone } from './zoned-midnight';

export type SharedContext = Omit<PlanContext, 'userId' | 'platformCalendarIds' | 'zone' | 'locationId' | 'locationName' | 'pairSuffix' | 'appointmentCalendarUrl'>;

export function sharedContext(state: State, now: Date, localZone: string): SharedContext {
  const { icloud } = state.accounts;
  if (!icloud) throw new SyncError('item', 'iCloud is not connected. Connect it first (icloud-sync connect icloud).');
  if (platformAccounts(state).length === 0) throw new SyncError('item', 'The platform is not connected. Connect it first (icloud-sync connect platform).');
  if (!state.links.icloudCalendar) throw new SyncError('item', 'No iCloud calendar is linked yet. Choose one first (icloud-sync link --icloud URL).');
  return {
    linkedCalendarUrl: state.links.icloudCalendar,
    floatingZone: localZone,
    ownAddresses: icloud.userAddresses ?? [normaliseAddress(icloud.appleId)],
    window: syncWindow(now, state.settings),
    calendarNames: state.links.names,
    followedCalendarUrls: [...new Set([...appointmentCalendars(state), ...state.links.busySources])],
  };
}

export function locationContext(shared: SharedContext, account: PlatformAccount, localZone: string): PlanContext {
  // After the platform was reconnected the calendars must be chosen again: syncing none silently would
  // look like every appointment had stopped.
  if (!account.calendars) {
    throw new SyncError('item', 'Choose the platform calendars to sync again (icloud-sync link --icloud URL [--platform-calendar ID]…).');
  }
  return {
    ...shared,
    userId: account.userId,
    platformCalendarIds: account.calendars,
    // S15: whole days in the location's zone; the Mac's while it cannot be read (the user is told why).
    zone: blockZone(account, localZone),
    locationId: account.locationId,
    appointmentCalendarUrl: account.icloudCalendar ?? shared.linkedCalendarUrl,
    ...(account.locationName !== undefined ? { locationName: account.locationName } : {}),
    ...(account.pairSuffix !== undefined ? { pairSuffix: account.pairSuffix } : {}),
  };
}

/** The context of one location (default: the one connected first), for decisions outside a cycle and tests. */
export function planContext(state: State, now: Date, localZone: string = macZone(), platform = platformAccounts(state)[0]): PlanContext {
  const shared = sharedContext(state, now, localZone);
  return locationContext(shared, platform!, localZone);
}
