// Builds the two sides for a run from the stored accounts and the keychain (secrets never touch
// state). A missing secret is a credentials problem: the user must reconnect. Each platform location
// gets its own client: its own token, rate limiter and request count (issue 15); a location whose
// token is missing fails on its own, as a rejected token would, and the others sync.
import { SyncError } from '../errors';
import { IcloudSource } from '../icloud';
import { PlatformClient, RateLimiters } from '../platform';
import { RequestCounter } from '../request-counter';
import type { SecretStore } from '../secrets/secret-store';
import { platformAccounts } from '../store/locations';
import type { PlatformAccount, State } from '../store/state-schema';
import type { CycleSides, LocationSide } from '../sync/cycle-locations';
import type { PlatformPort } from '../sync/ports';

export interface SideOptions {
  secrets: SecretStore;
  counter: RequestCounter;
  /** One limiter per location for the life of the process: the burst window spans cycles. */
  limiter: RateLimiters;
  fetch?: typeof fetch;
}

/** Counts a location's requests on its own and in the cycle's total. */
class LocationCounter extends RequestCounter {
  constructor(private readonly total: RequestCounter) {
    super();
  }

  override count(side: Parameters<RequestCounter['count']>[0]): void {
    super.count(side);
    this.total.count(side);
  }
}

export async function buildSides(state: State, options: SideOptions): Promise<CycleSides & { icloud: IcloudSource }> {
  const { icloud } = state.accounts;
  const accounts = platformAccounts(state);
  if (!icloud || accounts.length === 0) throw new SyncError('item', 'Connect both iCloud and the platform first.');
  const password = await options.secrets.get('icloud', icloud.appleId);
  if (!password) {
    throw new SyncError('auth', 'The iCloud app-specific password is missing from the keychain. Reconnect iCloud.', { side: 'icloud' });
  }
  const locations: Record<string, LocationSide> = {};
  for (const account of accounts) locations[account.locationId] = await locationSide(account, options);
  return {
    icloud: new IcloudSource(icloud, password, { counter: options.counter, fetch: options.fetch }),
    platform: locations[accounts[0].locationId].platform,
    locations,
  };
}

async function locationSide(account: PlatformAccount, options: SideOptions): Promise<LocationSide> {
  const token = await options.secrets.get('platform', account.locationId);
  if (!token) {
    const missing = new SyncError('auth', `The platform token of location ${account.locationId} is missing from the keychain. Reconnect it.`, { side: 'platform' });
    return { platform: failingPort(missing), requests: () => 0 };
  }
  const counter = new LocationCounter(options.counter);
  const platform = new PlatformClient({
    baseUrl: account.apiUrl, token, locationId: account.locationId, counter, limiter: options.limiter.for(account.locationId),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { platform, requests: () => counter.snapshot().platform };
}

/** A side every call of which fails with `error` (its location is left out of the cycle). */
function failingPort(error: SyncError): PlatformPort {
  const fail = async (): Promise<never> => {
    throw error;
  };
  return {
    listAppointments: fail, listBlockedSlots: fail, getEvent: fail, createBlockSlot: fail, updateBlockSlot: fail, updateAppointment: fail, deleteEvent: fail,
  };
}
