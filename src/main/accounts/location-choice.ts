// Which connected locations a command takes (`--location-id` narrows to one), and what is dropped
// with a location: its pairs and intents (a new baseline for it; the other locations keep theirs).
import { own } from '../../shared/own';
import { SyncError } from '../errors';
import { locationOf, platformAccounts } from '../store/locations';
import type { PlatformAccount, State } from '../store/state-schema';

function named(accounts: PlatformAccount[]): string {
  return accounts.map((a) => (a.locationName ? `${a.locationId} (${a.locationName})` : a.locationId)).join(', ');
}

/** Every connected location, or only `locationId` (which must be connected). */
export function chosenLocations(state: State, locationId?: string): PlatformAccount[] {
  const accounts = platformAccounts(state);
  if (locationId === undefined) return accounts;
  const account = own(state.accounts.platforms, locationId);
  if (!account) throw new SyncError('item', `Location ${locationId} is not connected.${accounts.length ? ` Connected: ${named(accounts)}.` : ''}`);
  return [account];
}

/** The location `disconnect platform` removes: the one named, or the only one (several: say which). */
export function locationToDisconnect(state: State, locationId?: string): PlatformAccount | undefined {
  const accounts = platformAccounts(state);
  if (locationId !== undefined) return chosenLocations(state, locationId)[0];
  if (accounts.length > 1) {
    throw new SyncError('item', `Several locations are connected: ${named(accounts)}. Say which with --location-id ID.`);
  }
  return accounts[0];
}

/** Drops what was known of one location's pairs and intents (called before its account goes). */
export function forgetLocation(state: State, locationId: string): void {
  for (const [key, pair] of Object.entries(state.pairs)) if (locationOf(pair, state.accounts) === locationId) delete state.pairs[key];
  for (const [key, intent] of Object.entries(state.intents)) if (locationOf(intent, state.accounts) === locationId) delete state.intents[key];
}
