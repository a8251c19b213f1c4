// Connecting, listing calendars, linking and disconnecting: what onboarding and the CLI's
// `connect`, `calendars`, `link` and `disconnect` do. A secret is stored only after the server
// accepted it, and only in the keychain.
import type { CalendarEntry } from '../../shared/calendars';
import { SyncError } from '../errors';
import { connectIcloud, DEFAULT_CALDAV_URL, IcloudSource } from '../icloud';
import { DEFAULT_PLATFORM_URL, PlatformClient, RateLimiter, defaultSyncedCalendarIds, locationNotice, readLocation, toCalendarEntries, verifyPlatform } from '../platform';
import { RequestCounter } from '../request-counter';
import type { SecretStore } from '../secrets/secret-store';
import type { StateStore } from '../store/state-store';
import type { State } from '../store/state-schema';
import { rebaseline } from '../store/rebaseline';


/** What `link` is given: busy sources and platform calendars as chosen (none: the platform's defaults). */
export interface LinkInput {
  icloud: string;
  busy: string[];
  platformCalendars?: string[];
}

export interface AccountsDeps {
  store: StateStore;
  secrets: SecretStore;
  limiter: RateLimiter;
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
    const apiUrl = input.apiUrl ?? DEFAULT_PLATFORM_URL;
    const users = await verifyPlatform({ baseUrl: apiUrl, token: input.token, locationId: input.locationId, fetch: this.deps.fetch, limiter: this.deps.limiter });
    const choices = users.map((u) => ({ id: u.id, name: u.name ?? [u.firstName, u.lastName].filter(Boolean).join(' '), email: u.email ?? '' }));
    // The token works: now the location's name and zone (S15). Refused for a missing scope, connect
    // still succeeds and the Mac's zone stands in (platform/location.ts says so to the user).
    const before = (await this.deps.store.read()).accounts.platform;
    const known = before?.locationId === input.locationId ? before : {};
    const location = await readLocation(this.client(apiUrl, input.token, input.locationId, 1), known, this.deps.now());
    if (!input.userId) return { status: 'choose-user', users: choices, ...(location.locationName ? { locationName: location.locationName } : {}) };
    const me = choices.find((u) => u.id === input.userId);
    if (!me) {
      throw new SyncError('item', `There is no user "${input.userId}" in location ${input.locationId}. Users: ${choices.map((u) => `${u.id} (${u.name})`).join(', ')}.`);
    }
    await this.deps.secrets.set('platform', input.locationId, input.token);
    await this.deps.store.update((state) => {
      const previous = state.accounts.platform;
      state.accounts.platform = {
        locationId: input.locationId, userId: me.id, userName: me.name, apiUrl, connectedAt: this.deps.now().toISOString(), ...definedOnly(location),
      };
      if (previous && (previous.locationId !== input.locationId || previous.userId !== me.id)) {
        rebaseline(state, 'platform');
        state.links.platformCalendars = null; // another location's calendars: choose again
      }
      state.scheduler.stoppedForCredentials = state.scheduler.stoppedForCredentials === 'platform' ? undefined : state.scheduler.stoppedForCredentials;
    });
    const notice = locationNotice(location, this.deps.localZone);
    return { status: 'connected', userName: me.name, ...(location.locationName ? { locationName: location.locationName } : {}), ...(notice ? { locationNotice: notice } : {}) };
  }

  /** Both sides' calendars with eligibility and reasons (cli.md `calendars`). */
  async calendars(): Promise<CalendarEntry[]> {
    const state = await this.deps.store.read();
    const entries: CalendarEntry[] = [];
    if (state.accounts.icloud) entries.push(...(await this.icloudCalendars(state)));
    if (state.accounts.platform) entries.push(...(await this.platformCalendars(state)).entries);
    if (!state.accounts.icloud && !state.accounts.platform) throw new SyncError('item', 'Nothing is connected yet. Connect iCloud and the platform first.');
    await this.deps.store.update((draft) => {
      for (const entry of entries) draft.links.names[entry.id] = entry.name;
    });
    return entries;
  }

  /** Choose the linked iCloud calendar, busy sources and platform calendars (cli.md `link`). */
  async link(input: LinkInput): Promise<State['links']> {
    const checked = await this.checkLinks(input);
    const updated = await this.deps.store.update((draft) => {
      if (draft.links.icloudCalendar && draft.links.icloudCalendar !== checked.icloud) rebaseline(draft, 'icloud');
      draft.links.icloudCalendar = checked.icloud;
      draft.links.busySources = checked.busy;
      draft.links.platformCalendars = checked.platformCalendars;
      Object.assign(draft.links.names, checked.names);
    });
    return updated.links;
  }

  /**
   * The calendars `link` would save, checked against both servers (and the platform calendars
   * defaulted), saving nothing: `link --dry-run` previews a sync with them.
   */
  async checkLinks(input: LinkInput): Promise<{ icloud: string; busy: string[]; platformCalendars: string[]; names: Record<string, string> }> {
    const state = await this.deps.store.read();
    const icloud = await this.icloudCalendars(state);
    const linked = icloud.find((c) => c.id === input.icloud);
    if (!linked) throw new SyncError('item', `"${input.icloud}" is not one of your iCloud calendars. Run \`icloud-sync calendars\` to see them.`);
    if (!linked.eligible) throw new SyncError('item', `"${linked.name}" cannot be the linked calendar: ${linked.reason}.`);
    for (const id of input.busy) {
      const busy = icloud.find((c) => c.id === id);
      if (!busy) throw new SyncError('item', `"${id}" is not one of your iCloud calendars.`);
      if (!busy.busySourceEligible) throw new SyncError('item', `"${busy.name}" cannot be a busy source: ${busy.reason}.`);
      if (id === input.icloud) throw new SyncError('item', `"${busy.name}" is already the linked calendar.`);
    }
    const platform = await this.platformCalendars(state);
    const chosen = input.platformCalendars?.length ? input.platformCalendars : platform.defaults;
    for (const id of chosen) {
      const entry = platform.entries.find((c) => c.id === id);
      if (!entry) throw new SyncError('item', `"${id}" is not a calendar of this location.`);
      if (!entry.eligible) throw new SyncError('item', `"${entry.name}" cannot be synced: ${entry.reason}.`);
    }
    const names = Object.fromEntries([...icloud, ...platform.entries].map((entry) => [entry.id, entry.name]));
    return { icloud: input.icloud, busy: [...new Set(input.busy)], platformCalendars: chosen, names };
  }

  async disconnect(side: 'icloud' | 'platform'): Promise<void> {
    const state = await this.deps.store.read();
    const account = side === 'icloud' ? state.accounts.icloud?.appleId : state.accounts.platform?.locationId;
    if (account) await this.deps.secrets.delete(side, account);
    await this.deps.store.update((draft) => {
      delete draft.accounts[side];
      rebaseline(draft, side);
      if (side === 'icloud') draft.links = { ...draft.links, icloudCalendar: undefined, busySources: [] };
      else draft.links = { ...draft.links, platformCalendars: null };
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

  private async platformCalendars(state: State): Promise<{ entries: CalendarEntry[]; defaults: string[] }> {
    const account = state.accounts.platform;
    if (!account) throw new SyncError('item', 'The platform is not connected yet. Connect it first.');
    const token = await this.deps.secrets.get('platform', account.locationId);
    if (!token) throw new SyncError('auth', 'The platform token is missing from the keychain. Reconnect the platform.', { side: 'platform' });
    const client = this.client(account.apiUrl, token, account.locationId);
    const calendars = await client.listCalendars();
    return { entries: toCalendarEntries(calendars, account.userId), defaults: defaultSyncedCalendarIds(calendars, account.userId) };
  }

  /** maxAttempts 1 while the user waits on a connect: fail fast rather than retry for a minute. */
  private client(baseUrl: string, token: string, locationId: string, maxAttempts?: number): PlatformClient {
    return new PlatformClient({
      baseUrl, token, locationId, counter: new RequestCounter(), limiter: this.deps.limiter,
      ...(maxAttempts ? { maxAttempts, timeoutMs: 15_000 } : {}), ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
  }
}

/** Leaves out absent facts, so the stored account has no keys with undefined values. */
function definedOnly<T extends object>(facts: T): Partial<T> {
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)) as Partial<T>;
}
