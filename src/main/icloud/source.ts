// The iCloud side as one service for the sync engine: built from the stored account (no secrets in
// state), the password from the keychain, and the run's RequestCounter.
import { listCalendars, type IcloudCalendar } from './calendars';
import { fetchChanges, type CalendarCursor, type ChangeSet, type KnownObjects, type ObjectsTaker } from './changes';
import { validateIcloudCredentials } from './credentials';
import { DavSession } from './dav';
import { buildSession, DEFAULT_CALDAV_URL, discover, type IcloudConnectOptions, type IcloudDiscovery } from './discovery';
import { createObject, deleteObject, getObject, updateObject, type RemoteObject, type WriteResult } from './objects';

export interface IcloudAccount {
  appleId: string;
  caldavUrl?: string;
  /** From a previous discovery; saves requests. Discovered again when missing. */
  principalUrl?: string;
  homeUrl?: string;
}

export class IcloudSource {
  private readonly session: DavSession;
  private discovery: IcloudDiscovery | undefined;

  constructor(
    private readonly account: IcloudAccount,
    private readonly password: string,
    options: IcloudConnectOptions,
  ) {
    validateIcloudCredentials(account.appleId, password);
    this.session = buildSession(account.appleId, password, options);
    if (account.principalUrl && account.homeUrl) {
      this.discovery = { principalUrl: account.principalUrl, homeUrl: account.homeUrl };
    }
  }

  /** Principal and calendar home (discovered once per source). */
  async connect(): Promise<IcloudDiscovery> {
    this.discovery ??= await discover(this.session, this.account.appleId, this.password, this.account.caldavUrl ?? DEFAULT_CALDAV_URL);
    return this.discovery;
  }

  async listCalendars(): Promise<IcloudCalendar[]> {
    const { homeUrl } = await this.connect();
    return listCalendars(this.session, homeUrl);
  }

  /** What changed in one calendar since `cursor`, classified against the objects the caller knows; the objects read go to `onObjects` batch by batch when given. */
  fetchChanges(calendarUrl: string, cursor: CalendarCursor, known: KnownObjects, onObjects?: ObjectsTaker): Promise<ChangeSet> {
    return fetchChanges(this.session, calendarUrl, cursor, known, onObjects);
  }

  getObject(href: string): Promise<RemoteObject | undefined> {
    return getObject(this.session, href);
  }

  /** Create at <calendar>/<uuid>.ics with If-None-Match: * (idempotent after a crash). */
  createEvent(calendarUrl: string, uuid: string, ics: string): Promise<WriteResult> {
    return createObject(this.session, calendarUrl, uuid, ics);
  }

  updateEvent(href: string, ics: string, etag: string): Promise<WriteResult> {
    return updateObject(this.session, href, ics, etag);
  }

  deleteEvent(href: string, etag: string): Promise<'deleted' | 'gone'> {
    return deleteObject(this.session, href, etag);
  }
}
