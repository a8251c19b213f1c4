// Connecting: check the credentials' shape, discover principal and calendar home with tsdav through
// our fetch, then list calendars ourselves. tsdav reports a 401 as a generic Error (and tries other
// root URLs first), so we watch the statuses our fetch sees to give the revoked-password message.
import { DAVClient } from 'tsdav';
import type { CalendarEntry } from '../../shared/calendars';
import { SyncError, toSyncError } from '../errors';
import type { RequestCounter } from '../request-counter';
import { listCalendars, type IcloudCalendar } from './calendars';
import { validateIcloudCredentials } from './credentials';
import { DavSession, httpError } from './dav';
import { createIcloudFetch, type RetryPolicy } from './http';
import { withTrailingSlash } from './hrefs';
import { findUserAddresses } from './user-addresses';

export const DEFAULT_CALDAV_URL = 'https://caldav.icloud.com';

export interface IcloudConnectOptions {
  counter: RequestCounter;
  /** The underlying fetch (tests); wrapped by our iCloud fetch. */
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
}

export interface IcloudConnectParams extends IcloudConnectOptions {
  appleId: string;
  password: string;
  caldavUrl?: string;
}

export interface IcloudDiscovery {
  principalUrl: string;
  homeUrl: string;
}

export interface IcloudConnection extends IcloudDiscovery {
  calendars: CalendarEntry[];
  /** The same calendars with their URLs, ctags and sync tokens. */
  details: IcloudCalendar[];
  /** The user's own calendar addresses (S18: which ATTENDEE of an invitation is "me"), normalised. */
  addresses: string[];
}

export function buildSession(appleId: string, password: string, options: IcloudConnectOptions): DavSession {
  const fetch = createIcloudFetch({
    counter: options.counter,
    baseFetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    sleep: options.sleep,
  });
  return new DavSession(fetch, appleId, password);
}

/** Verify the credentials against the server and list the calendars (`connect icloud`). */
export async function connectIcloud(params: IcloudConnectParams): Promise<IcloudConnection> {
  const { appleId, password } = validateIcloudCredentials(params.appleId, params.password);
  const session = buildSession(appleId, password, params);
  const found = await discover(session, appleId, password, params.caldavUrl ?? DEFAULT_CALDAV_URL);
  const details = await listCalendars(session, found.homeUrl);
  const addresses = await findUserAddresses(session, found.principalUrl, appleId);
  return { ...found, calendars: details.map((c) => c.entry), details, addresses };
}

export async function discover(session: DavSession, appleId: string, password: string, caldavUrl: string): Promise<IcloudDiscovery> {
  const statuses: { status: number; headers: Headers }[] = [];
  const watching = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await session.fetch(input, init);
    statuses.push({ status: response.status, headers: response.headers });
    return response;
  };
  const client = new DAVClient({
    serverUrl: caldavUrl,
    credentials: { username: appleId, password },
    authMethod: 'Basic',
    defaultAccountType: 'caldav',
    fetch: watching as typeof globalThis.fetch,
  });
  try {
    await client.login();
  } catch (error) {
    const unauthorized = statuses.find((s) => s.status === 401);
    if (unauthorized) throw httpError(401, 'signing in');
    const throttled = statuses.find((s) => s.status === 503 || s.status === 429);
    if (throttled) throw httpError(throttled.status, 'finding your calendars', throttled.headers);
    const message = error instanceof Error ? error.message : String(error);
    if (/cannot find (homeUrl|principalUrl)/.test(message)) {
      // iCloud answers discovery this way when it is throttling; elsewhere the URL is wrong.
      throw new SyncError('network', `iCloud did not say where your calendars are (${message}); try again in a few minutes, and check the CalDAV URL ${caldavUrl}.`, { side: 'icloud', cause: error });
    }
    throw toSyncError(error, 'icloud');
  }
  const account = client.account;
  if (!account?.principalUrl || !account.homeUrl) {
    throw new SyncError('network', 'iCloud did not say where your calendars are; try again in a few minutes.', { side: 'icloud' });
  }
  return { principalUrl: account.principalUrl, homeUrl: withTrailingSlash(account.homeUrl) };
}
