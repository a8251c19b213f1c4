// Reading many calendar objects with calendar-multiget, in batches handed over one at a time, so a
// first sync of 10,000 events never holds 10,000 raw ICS texts: the caller turns each batch into its
// own compact records before the next is taken, and the next batches are already on their way
// meanwhile (two requests ahead: at most three batches of raw data are alive). Whatever a batch cannot give —
// a 404, an empty calendar-data, an href the 207 does not mention, or the whole batch failing — is
// `unreadable`: skipped this cycle and read again on the next, never thrown for one item, never read
// as a deletion (only a listing says an object was deleted).
import { SyncError, toSyncError } from '../errors';
import { DavSession, escapeXml, httpError, NS, requireMultistatus } from './dav';
import { pathOf, rebaseOnto } from './hrefs';

export interface RemoteObject {
  href: string;
  etag: string;
  data: string;
}

/** An object the multiget named but did not give: skipped this cycle, read again on the next. */
export interface UnreadableObject {
  href: string;
  error: string;
}

export interface MultigetBatch {
  objects: RemoteObject[];
  unreadable: UnreadableObject[];
}

/**
 * Hrefs per request. Why 250: on Radicale a request costs ~30 ms before its first object (100 a
 * request spent more time there than in the objects at 5,000 events), and 250 iCloud events are
 * ~300 KB of answer — small enough to hold three at once, and well under what CalDAV clients ask of
 * iCloud in one multiget.
 */
export const MULTIGET_BATCH = 250;

/** Requests sent before their answers are needed: 2 (with the one being parsed, at most 3 batches alive). */
const AHEAD = 2;

/** Failures that stop the cycle rather than skip a batch: the password, or the server saying wait. */
const stopsTheCycle = new Set(['auth', 'throttled']);

/**
 * Read `hrefs` in batches of `batchSize`, in order, handing each to `take` before the next is taken.
 * A batch that fails (a 5xx after the retries, a timeout, a malformed answer) makes its hrefs
 * unreadable and the others are still read; only when no batch could be read at all is the first
 * failure thrown (a dead connection is one error for the cycle, not thousands of skipped items).
 */
export async function multigetBatches(
  session: DavSession,
  calendarUrl: string,
  hrefs: string[],
  take: (batch: MultigetBatch) => void,
  batchSize = MULTIGET_BATCH,
): Promise<void> {
  const batches: string[][] = [];
  for (let i = 0; i < hrefs.length; i += batchSize) batches.push(hrefs.slice(i, i + batchSize));
  const request = (batch: string[]) => readBatch(session, calendarUrl, batch).then((read) => ({ read }), (error: unknown) => ({ error: toSyncError(error) }));
  // Requests in flight: the server works on the next ones while this process parses the last.
  const inFlight = batches.slice(0, AHEAD).map(request);
  let firstError: SyncError | undefined;
  let anyRead = false;
  for (let i = 0; i < batches.length; i++) {
    const outcome = await inFlight.shift()!;
    if (i + AHEAD < batches.length) inFlight.push(request(batches[i + AHEAD]));
    if ('read' in outcome) {
      anyRead = true;
      take(outcome.read);
      continue;
    }
    if (stopsTheCycle.has(outcome.error.kind)) {
      await Promise.all(inFlight); // not left running after the cycle stops (they never reject)
      throw outcome.error;
    }
    firstError ??= outcome.error;
    take({ objects: [], unreadable: batches[i].map((href) => ({ href, error: `iCloud could not send it with others: ${outcome.error.message}` })) });
  }
  if (firstError && !anyRead) throw firstError;
}

/** One calendar-multiget: every href asked for comes back as an object or as unreadable. */
async function readBatch(session: DavSession, calendarUrl: string, hrefs: string[]): Promise<MultigetBatch> {
  const body =
    `<?xml version="1.0" encoding="utf-8"?><c:calendar-multiget ${NS}><d:prop><d:getetag/><c:calendar-data/></d:prop>` +
    hrefs.map((href) => `<d:href>${escapeXml(pathOf(href))}</d:href>`).join('') +
    `</c:calendar-multiget>`;
  const reply = await session.report(calendarUrl, body, { Depth: '1' });
  const asked = new Map(hrefs.map((href) => [rebaseOnto(href, calendarUrl), href]));
  const batch: MultigetBatch = { objects: [], unreadable: [] };
  for (const response of requireMultistatus(reply, 'reading events')) {
    if (!response.href) continue;
    const answered = rebaseOnto(response.href, calendarUrl);
    const href = asked.get(answered);
    if (href === undefined) continue; // not one we asked for (a server naming the collection): nothing to read
    asked.delete(answered);
    const etag = response.props.getetag;
    const data = response.props.calendarData;
    if (response.status === 404 || response.status === 410) batch.unreadable.push({ href, error: `iCloud did not find it when reading it (${response.status})` });
    else if (response.ok && etag && data !== undefined && data.trim() !== '') batch.objects.push({ href, etag, data });
    else if (response.ok) batch.unreadable.push({ href, error: 'iCloud sent it without its calendar data (it may still be saving it)' });
    else throw httpError(response.status || 500, `reading ${href}`);
  }
  // A 207 that leaves an href out (or holds nothing at all) has not read it: it is read next cycle.
  for (const href of asked.values()) batch.unreadable.push({ href, error: 'iCloud left it out of its answer when reading it' });
  return batch;
}
