// Reading and writing single calendar objects. Writes are conditional so that nothing is lost to a
// concurrent edit: create with If-None-Match: * at a deterministic <uuid>.ics (a retried create
// cannot duplicate), update/delete with If-Match. Every status is checked here; tsdav's helpers
// would not throw on HTTP errors.
import { SyncError } from '../errors';
import { DavSession, httpError, NS, requireMultistatus, textOf } from './dav';
import { rebaseOnto, withTrailingSlash } from './hrefs';
import type { RemoteObject } from './multiget';

export type { RemoteObject } from './multiget';

export interface WriteResult {
  href: string;
  etag: string;
}

/** The item changed (412) or exists already (create): `current` is what the server holds now. */
export class IcloudConflictError extends SyncError {
  constructor(
    message: string,
    readonly current: RemoteObject | undefined,
    status: number,
  ) {
    super('conflict', message, { side: 'icloud', status });
    this.name = 'IcloudConflictError';
  }
}

const uuidPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const icsHeaders = { 'Content-Type': 'text/calendar; charset=utf-8' };

export function objectHref(calendarUrl: string, uuid: string): string {
  if (!uuidPattern.test(uuid)) throw new Error(`Not a safe file name for an event: "${uuid}".`);
  return rebaseOnto(`${encodeURIComponent(uuid)}.ics`, withTrailingSlash(calendarUrl));
}

/** GET one object; undefined when it does not exist. */
export async function getObject(session: DavSession, href: string): Promise<RemoteObject | undefined> {
  const reply = await session.plain(href, 'GET', undefined, { Accept: 'text/calendar' });
  if (reply.status === 404 || reply.status === 410) return undefined;
  if (reply.status !== 200) throw httpError(reply.status, 'reading an event', reply.headers);
  const etag = reply.headers.get('etag') ?? (await readEtag(session, href));
  if (!etag) throw new SyncError('internal', `iCloud gave no ETag for ${href}.`, { side: 'icloud' });
  return { href, etag, data: reply.body };
}

/** Why a copy could not be written into a calendar where another event already has its UID. */
export const UID_TAKEN_MESSAGE = 'Another event in that iCloud calendar already has this copy\'s UID (perhaps a copy of it made there): the copy was not written there and stays where it was. Delete that event, or give it a new UID, to let the copy in.';

export async function createObject(session: DavSession, calendarUrl: string, uuid: string, ics: string): Promise<WriteResult> {
  const href = objectHref(calendarUrl, uuid);
  const reply = await session.plain(href, 'PUT', ics, { ...icsHeaders, 'If-None-Match': '*' });
  if (reply.status === 412) {
    throw new IcloudConflictError('An event already exists at this address in iCloud.', await getObject(session, href), 412);
  }
  // Another file of this calendar holds the same UID (CalDAV's no-uid-conflict, RFC 4791 §5.3.2.1):
  // an event of the user's, such as a copy of ours they made. It is not ours to overwrite.
  if ((reply.status === 409 || reply.status === 403) && reply.body.includes('no-uid-conflict')) {
    throw new SyncError('item', UID_TAKEN_MESSAGE, { side: 'icloud', status: reply.status });
  }
  return finishWrite(session, href, reply, 'creating an event', [200, 201, 204]);
}

export async function updateObject(session: DavSession, href: string, ics: string, etag: string): Promise<WriteResult> {
  const reply = await session.plain(href, 'PUT', ics, { ...icsHeaders, 'If-Match': etag });
  if (reply.status === 412) throw await conflictOrGone(session, href, 'changing');
  return finishWrite(session, href, reply, 'changing an event', [200, 201, 204]);
}

/** Delete; 'gone' when it did not exist any more (the wanted end state either way). */
export async function deleteObject(session: DavSession, href: string, etag: string): Promise<'deleted' | 'gone'> {
  const reply = await session.plain(href, 'DELETE', undefined, { 'If-Match': etag });
  if (reply.status === 404 || reply.status === 410) return 'gone';
  if (reply.status === 412) throw await conflictOrGone(session, href, 'deleting');
  if (![200, 204].includes(reply.status)) throw writeError(reply.status, 'deleting an event', reply.headers);
  return 'deleted';
}

async function finishWrite(
  session: DavSession,
  href: string,
  reply: { status: number; headers: Headers },
  context: string,
  ok: number[],
): Promise<WriteResult> {
  if (!ok.includes(reply.status)) throw writeError(reply.status, context, reply.headers);
  // Servers may omit the ETag (iCloud does when it rewrote the data): read it back then.
  const etag = reply.headers.get('etag') ?? (await readEtag(session, href));
  if (!etag) throw new SyncError('internal', `iCloud gave no ETag after ${context}.`, { side: 'icloud' });
  return { href, etag };
}

async function readEtag(session: DavSession, href: string): Promise<string | undefined> {
  const body = `<?xml version="1.0" encoding="utf-8"?><d:propfind ${NS}><d:prop><d:getetag/></d:prop></d:propfind>`;
  const reply = await session.xml(href, 'PROPFIND', body, { Depth: '0' });
  const responses = requireMultistatus(reply, 'reading an event version');
  return textOf((responses[0]?.props as Record<string, unknown> | undefined)?.getetag);
}

async function conflictOrGone(session: DavSession, href: string, doing: string): Promise<SyncError> {
  const current = await getObject(session, href);
  if (!current) return new SyncError('gone', `The event was deleted in iCloud while ${doing} it.`, { side: 'icloud', status: 404 });
  return new IcloudConflictError(`The event changed in iCloud while ${doing} it.`, current, 412);
}

/**
 * Write failures: 404 is 'gone'; 403 on a write means the calendar does not accept changes
 * (read-only, or a UID clash), which concerns this one item, not the password (401 is that).
 */
function writeError(status: number, context: string, headers: Headers): SyncError {
  if (status === 403) {
    return new SyncError('item', `iCloud refused ${context} (403): the calendar may be read-only.`, { side: 'icloud', status });
  }
  if (status === 404 || status === 410) {
    return new SyncError('gone', `The event or its calendar no longer exists in iCloud (${status}).`, { side: 'icloud', status });
  }
  return httpError(status, context, headers);
}
