// The connected platform locations (issue 15) as the rest of the app asks about them: every account,
// one by id, and which location a pair or an intent belongs to. A state written before several
// locations existed names no location on its pairs: they belong to the location connected first
// (the one whose keys carry no suffix).
import type { PairRecord } from './pair-record';
import type { PlatformAccount, State } from './state-schema';

type Accounts = State['accounts'];

/** Every connected location, in the order they were connected. */
export function platformAccounts(state: { accounts: Accounts }): PlatformAccount[] {
  return Object.values(state.accounts.platforms).sort((a, b) => a.connectedAt.localeCompare(b.connectedAt));
}

/** The location connected first, if any (a one-location state's only one). */
export function firstPlatform(state: { accounts: Accounts }): PlatformAccount | undefined {
  return platformAccounts(state)[0];
}

/** The location whose blocked-slot pairs keep plain keys (no suffix). */
export function plainLocationId(accounts: Accounts): string | undefined {
  return Object.values(accounts.platforms ?? {}).find((account) => account.pairSuffix === undefined)?.locationId;
}

/** The suffix a location added now gets: none while no connected location has plain keys. */
export function suffixForNewLocation(accounts: Accounts, locationId: string): string | undefined {
  const plain = plainLocationId(accounts);
  return plain === undefined || plain === locationId ? undefined : `|${locationId}`;
}

/** The location a pair or intent belongs to (absent: the location with plain keys). */
export function locationOf(record: Pick<PairRecord, 'locationId'>, accounts: Accounts): string | undefined {
  return record.locationId ?? plainLocationId(accounts);
}

/**
 * The iCloud calendars appointments are copied to: the linked one, then each location's own (issue 15),
 * once each. All are followed as the linked one is — two-way, their own events blocking time in every
 * location, the app's copies there known by their mark.
 */
export function appointmentCalendars(state: { accounts: Accounts; links: State['links'] }): string[] {
  const linked = state.links.icloudCalendar;
  const own = platformAccounts(state).map((account) => account.icloudCalendar);
  return [...new Set([linked, ...own].filter((url): url is string => url !== undefined))];
}
