// Connecting, listing calendars, linking and disconnecting: what onboarding and the CLI's
// `connect`, `calendars`, `link` and `disconnect` do. A secret is stored only after the server
// accepted it, and only in the keychain.
import { own } from '../../shared/own';
import type { CalendarEntry } from '../../shared/calendars';
import { SyncError } from '../errors';
import { connectIcloud, DEFAULT_CALDAV_URL, IcloudSource } from '../icloud';
import { DEFAULT_PLATFORM_URL, PlatformClient, defaultSyncedCalendarIds, locationNotice, readLocation, toCalendarEntries, verifyPlatform } from '../platform';
import { RequestCounter } from '../request-counter';
import type { RateLimiters } from '../platform/rate-limiters';
import type { SecretStore } from '../secrets/secret-store';
import type { StateStore } from '../store/state-store';
import type { PlatformAccount, State } from '../store/state-schema';
import { platformAccounts, suffixForNewLocation } from '../store/locations';
import { rebaseline } from '../store/rebaseline';
import { chosenLocations, forgetLocation, locationToDisconnect } from './location-choice';
import { removalFacts, type RemovalFacts } from './location-removal';
import { checkBusyNotWritten, checkLocationCalendars } from './location-calendars';

/** What `link` is given: busy sources and platform calendars as chosen (none: each location's defaults). */
export interface LinkInput {
  /** The linked (main) iCloud calendar; absent: the one linked stays (`link --location-id ID --icloud …`). */
  icloud?: string;
  /** Absent: the busy sources stay as they are. */
  busy?: string[];
  platformCalendars?: string[];
  /** Only this location's calendars (`link --location-id`); default every connected one. */
  locationId?: string;
  /** A location's own iCloud calendar for its appointments, by location id: a URL, or `default` (the main one). */
  locationCalendars?: Record<string, string>;
}

/** Where a location's appointments go (`link --json`'s `locations`): `main` when that is the linked calendar. */
export interface LocationCalendar {
  locationId: string;
  icloudCalendar: string;
  main: boolean;
}

/** What `link` would save, checked: `link --dry-run` previews a sync with it. */
export interface CheckedLinks {
  icloud: string;
  busy: string[];
  /** Every chosen location's calendars, flattened (calendar ids are unique across locations). */
  platformCalendars: string[];
  perLocation: { locationId: string; calendars: string[] }[];
  /** Every connected location's own iCloud calendar after the change (undefined: the main one). */
  locationCalendars: Record<string, string | undefined>;
  names: Record<string, string>;
}

export interface AccountsDeps {
  store: StateStore;
  secrets: SecretStore;
  /** One rate limiter per location (the platform's limits are per location). */
  limiter: RateLimiters;
  fetch?: typeof fetch;
  now: () => Date;
  /** The Mac's zone: all-day blocks fall back to it while the location's cannot be read (S15). */
  localZone: string;
}

/** `locationName`: what a person calls the location, when the token may read it (onboarding shows it). */
export type PlatformConnectResult =
  | { status: 'connected'; userName?: string; locationName?: string; locationNotice?: string }
  | { status: 'choose-user'; users: { id: string; name: string; email: string }[]; locationName?: string };

export class AccountsService {
  constructor(private readonly deps: AccountsDeps) {}

  async connectIcloud(input: { appleId: string; password: string; caldavUrl?: string }): Promise<CalendarEntry[]> {
    const caldavUrl = input.caldavUrl ?? DEFAULT_CALDAV_URL;
    const connection = await connectIcloud({ ...input, caldavUrl, counter: new RequestCounter(), fetch: this.deps.fetch });
    await this.deps.secrets.set('icloud', input.appleId, input.password);
    await this.deps.store.update((state) => {
      const changed = state.accounts.icloud && state.accounts.icloud.appleId !== input.appleId;
      state.accounts.icloud = {
        appleId: input.appleId, caldavUrl, principalUrl: connection.principalUrl, homeUrl: connection.homeUrl, connectedAt: this.deps.now().toISOString(),
        userAddresses: connection.addresses,
      };
      if (changed) rebaseline(state, 'icloud');
      state.scheduler.stoppedForCredentials = state.scheduler.stoppedForCredentials === 'icloud' ? undefined : state.scheduler.stoppedForCredentials;
      for (const c of connection.calendars) state.links.names[c.id] = c.name;
    });
    return connection.calendars;
  }

  async connectPlatform(input: { locationId: string; token: string; apiUrl?: string; userId?: string }): Promise<PlatformConnectResult> {
    // Kept in JSON records keyed by location id, which drop this key when read: refused, not lost.
    if (input.locationId === '__proto__') throw new SyncError('item', 'The location id "__proto__" cannot be connected: give the id from the location\'s settings.');
    const apiUrl = input.apiUrl ?? DEFAULT_PLATFORM_URL;
    const users = await verifyPlatform({ baseUrl: apiUrl, token: input.token, locationId: input.locationId, fetch: this.deps.fetch, limiter: this.deps.limiter.for(input.locationId) });
    const choices = users.map((u) => ({ id: u.id, name: u.name ?? [u.firstName, u.lastName].filter(Boolean).join(' '), email: u.email ?? '' }));
    // The token works: now the location's name and zone (S15). Refused for a missing scope, connect
    // still succeeds and the Mac's zone stands in (platform/location.ts says so to the user).
    const before = own((await this.deps.store.read()).accounts.platforms, input.locationId);
    const client = this.client(apiUrl, input.token, input.locationId, 1);
    const location = await readLocation(client, before ?? {}, this.deps.now());
    if (!input.userId) return { status: 'choose-user', users: choices, ...(location.locationName ? { locationName: location.locationName } : {}) };
    const me = choices.find((u) => u.id === input.userId);
    if (!me) {
      throw new SyncError('item', `There is no user "${input.userId}" in location ${input.locationId}. Users: ${choices.map((u) => `${u.id} (${u.name})`).join(', ')}.`);
    }
    const state = await this.deps.store.read();
    const others = platformAccounts(state).filter((account) => account.locationId !== input.locationId);
    // A location added beside others syncs every supported calendar of the user until `link` says otherwise.
    const defaults = others.length > 0 && !before ? defaultSyncedCalendarIds(await client.listCalendars(), me.id) : null;
    await this.deps.secrets.set('platform', input.locationId, input.token);
    await this.deps.store.update((draft) => {
      const previous = own(draft.accounts.platforms, input.locationId);
      const sameUser = previous?.userId === me.id;
      const pairSuffix = previous ? previous.pairSuffix : suffixForNewLocation(draft.accounts, input.locationId);
      draft.accounts.platforms[input.locationId] = {
        locationId: input.locationId, userId: me.id, userName: me.name, apiUrl, connectedAt: previous?.connectedAt ?? this.deps.now().toISOString(), ...definedOnly(location),
        calendars: previous ? (sameUser ? previous.calendars : null) : defaults, ...(pairSuffix !== undefined ? { pairSuffix } : {}),
      };
      // Another user of the same location: what we knew of this location is dropped (a new baseline).
      if (previous && !sameUser) forgetLocation(draft, input.locationId);
      draft.scheduler.stoppedForCredentials = draft.scheduler.stoppedForCredentials === 'platform' ? undefined : draft.scheduler.stoppedForCredentials;
    });
    const notice = locationNotice(location, this.deps.localZone);
    return { status: 'connected', userName: me.name, ...(location.locationName ? { locationName: location.locationName } : {}), ...(notice ? { locationNotice: notice } : {}) };
  }

  /** Both sides' calendars with eligibility and reasons (cli.md `calendars`). */
  async calendars(locationId?: string): Promise<CalendarEntry[]> {
    const state = await this.deps.store.read();
    const entries: CalendarEntry[] = [];
    if (state.accounts.icloud) entries.push(...withAppointmentsFrom(await this.icloudCalendars(state), state));
    for (const account of chosenLocations(state, locationId)) entries.push(...(await this.platformCalendars(account)).entries);
    if (!state.accounts.icloud && platformAccounts(state).length === 0) throw new SyncError('item', 'Nothing is connected yet. Connect iCloud and the platform first.');
    await this.deps.store.update((draft) => {
      for (const entry of entries) draft.links.names[entry.id] = entry.name;
    });
    return entries;
  }

  /** Choose the linked iCloud calendar, busy sources and platform calendars (cli.md `link`). */
  async link(input: LinkInput): Promise<State['links'] & { platformCalendars: string[]; locations: LocationCalendar[] }> {
    const checked = await this.checkLinks(input);
    const updated = await this.deps.store.update((draft) => {
      if (draft.links.icloudCalendar && draft.links.icloudCalendar !== checked.icloud) rebaseline(draft, 'icloud');
      draft.links.icloudCalendar = checked.icloud;
      draft.links.busySources = checked.busy;
      for (const { locationId, calendars } of checked.perLocation) draft.accounts.platforms[locationId]!.calendars = calendars;
      for (const [locationId, own] of Object.entries(checked.locationCalendars)) {
        const account = draft.accounts.platforms[locationId];
        if (!account) continue;
        if (own === undefined) delete account.icloudCalendar;
        else account.icloudCalendar = own;
      }
      Object.assign(draft.links.names, checked.names);
    });
    const main = updated.links.icloudCalendar!;
    const locations = platformAccounts(updated).map((account) => ({ locationId: account.locationId, icloudCalendar: account.icloudCalendar ?? main, main: account.icloudCalendar === undefined }));
    return { ...updated.links, platformCalendars: platformAccounts(updated).flatMap((account) => account.calendars ?? []), locations };
  }

  /**
   * The calendars `link` would save, checked against both servers (and each location's platform
   * calendars defaulted), saving nothing: `link --dry-run` previews a sync with them.
   */
  async checkLinks(input: LinkInput): Promise<CheckedLinks> {
    const state = await this.deps.store.read();
    const icloud = await this.icloudCalendars(state);
    const main = input.icloud ?? state.links.icloudCalendar;
    if (!main) throw new SyncError('item', 'No iCloud calendar is linked yet: link the main one first (icloud-sync link --icloud URL).');
    const linked = icloud.find((c) => c.id === main);
    if (!linked) throw new SyncError('item', `"${main}" is not one of your iCloud calendars. Run \`icloud-sync calendars\` to see them.`);
    if (!linked.eligible) throw new SyncError('item', `"${linked.name}" cannot be the linked calendar: ${linked.reason}.`);
    const busySources = input.busy ?? state.links.busySources.filter((url) => url !== main);
    for (const id of busySources) {
      const busy = icloud.find((c) => c.id === id);
      if (!busy) throw new SyncError('item', `"${id}" is not one of your iCloud calendars.`);
      if (!busy.busySourceEligible) throw new SyncError('item', `"${busy.name}" cannot be a busy source: ${busy.reason}.`);
      if (id === main) throw new SyncError('item', `"${busy.name}" is already the linked calendar.`);
    }
    const locationCalendars = checkLocationCalendars(state, icloud, main, busySources, input.locationCalendars);
    checkBusyNotWritten(busySources, locationCalendars, icloud);
    const locations = chosenLocations(state, input.locationId);
    if (locations.length === 0) throw new SyncError('item', 'The platform is not connected yet. Connect it first.');
    // Calendar ids are the platform's, unique across locations: each given id is looked up in every
    // location, and a location none of them is in syncs its defaults.
    const listed = await Promise.all(locations.map(async (account) => ({ account, ...(await this.platformCalendars(account)) })));
    const given = input.platformCalendars ?? [];
    for (const id of given) {
      const entry = listed.flatMap((l) => l.entries).find((c) => c.id === id);
      if (!entry) throw new SyncError('item', `"${id}" is not a calendar of ${locations.length > 1 ? 'any connected location' : 'this location'}.`);
      if (!entry.eligible) throw new SyncError('item', `"${entry.name}" cannot be synced: ${entry.reason}.`);
    }
    // One location named and no platform calendar given (`link --location-id ID --icloud URL`): it keeps its own.
    const keep = input.locationId !== undefined && given.length === 0;
    const perLocation = listed.map(({ account, entries, defaults }) => {
      const mine = given.filter((id) => entries.some((entry) => entry.id === id));
      return { locationId: account.locationId, calendars: mine.length ? mine : keep && account.calendars ? account.calendars : defaults };
    });
    const names = Object.fromEntries([...icloud, ...listed.flatMap((l) => l.entries)].map((entry) => [entry.id, entry.name]));
    return { icloud: main, busy: [...new Set(busySources)], platformCalendars: perLocation.flatMap((l) => l.calendars), perLocation, locationCalendars, names };
  }

  /** The location `disconnect platform` would remove; throws (naming them) when several are connected and none is named. */
  async locationToDisconnect(locationId?: string): Promise<string | undefined> {
    return locationToDisconnect(await this.deps.store.read(), locationId)?.locationId;
  }

  /** What removing that location releases elsewhere, and whether it is the last (location-removal.ts); nothing changes. */
  async removalFacts(locationId: string): Promise<RemovalFacts> {
    return removalFacts(await this.deps.store.read(), locationId);
  }

  async disconnect(side: 'icloud' | 'platform', locationId?: string): Promise<void> {
    const state = await this.deps.store.read();
    if (side === 'icloud') {
      if (state.accounts.icloud) await this.deps.secrets.delete('icloud', state.accounts.icloud.appleId);
      await this.deps.store.update((draft) => {
        delete draft.accounts.icloud;
        rebaseline(draft, 'icloud');
        draft.links = { ...draft.links, icloudCalendar: undefined, busySources: [] };
      });
      return;
    }
    const account = locationToDisconnect(state, locationId);
    if (!account) return;
    await this.deps.secrets.delete('platform', account.locationId);
    await this.deps.store.update((draft) => {
      forgetLocation(draft, account.locationId);
      delete draft.accounts.platforms[account.locationId];
      if (platformAccounts(draft).length === 0) rebaseline(draft, 'platform');
    });
  }

  private async icloudCalendars(state: State): Promise<CalendarEntry[]> {
    const account = state.accounts.icloud;
    if (!account) return [];
    const password = await this.deps.secrets.get('icloud', account.appleId);
    if (!password) throw new SyncError('auth', 'The iCloud app-specific password is missing from the keychain. Reconnect iCloud.', { side: 'icloud' });
    const source = new IcloudSource(account, password, { counter: new RequestCounter(), fetch: this.deps.fetch });
    return (await source.listCalendars()).map((c) => c.entry);
  }

  private async platformCalendars(account: PlatformAccount): Promise<{ entries: CalendarEntry[]; defaults: string[] }> {
    const token = await this.deps.secrets.get('platform', account.locationId);
    if (!token) throw new SyncError('auth', `The platform token of location ${account.locationId} is missing from the keychain. Reconnect it.`, { side: 'platform' });
    const client = this.client(account.apiUrl, token, account.locationId);
    const calendars = await client.listCalendars();
    const entries = toCalendarEntries(calendars, account.userId).map((entry) => ({ ...entry, locationId: account.locationId }));
    return { entries, defaults: defaultSyncedCalendarIds(calendars, account.userId) };
  }

  /** maxAttempts 1 while the user waits on a connect: fail fast rather than retry for a minute. */
  private client(baseUrl: string, token: string, locationId: string, maxAttempts?: number): PlatformClient {
    return new PlatformClient({
      baseUrl, token, locationId, counter: new RequestCounter(), limiter: this.deps.limiter.for(locationId),
      ...(maxAttempts ? { maxAttempts, timeoutMs: 15_000 } : {}), ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
  }
}

/** Marks each iCloud calendar with the locations whose appointments are copied to it (cli.md `calendars`). */
function withAppointmentsFrom(entries: CalendarEntry[], state: State): CalendarEntry[] {
  const main = state.links.icloudCalendar;
  return entries.map((entry) => {
    const from = platformAccounts(state).filter((account) => (account.icloudCalendar ?? main) === entry.id).map((account) => account.locationId);
    return from.length ? { ...entry, appointmentsFrom: from } : entry;
  });
}

/** Leaves out absent facts, so the stored account has no keys with undefined values. */
function definedOnly<T extends object>(facts: T): Partial<T> {
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)) as Partial<T>;
}
