// Change-feed edge cases that Radicale cannot produce: truncated sync reports (507), servers
// without sync-collection, odd listings. Deletions must only ever come from a real answer.
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/main/errors';
import { RequestCounter } from '../../../src/main/request-counter';
import { DavSession } from '../../../src/main/icloud/dav';
import { fetchChanges } from '../../../src/main/icloud/changes';
import { createIcloudFetch } from '../../../src/main/icloud/http';
import { fakeFetch, on, xmlResponse, type Route } from './fake-dav';

const cal = 'https://p42-caldav.icloud.com/1/calendars/home/';
const path = '/1/calendars/home/';
const ics = (uid: string) => `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:${uid}\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR`;

const state = (ctag: string, token: string) =>
  `<multistatus xmlns="DAV:"><response><href>${path}</href><propstat><prop><getctag xmlns="http://calendarserver.org/ns/">${ctag}</getctag>` +
  `<sync-token>${token}</sync-token></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`;

const listing = (members: [string, string][], withSelf = true) =>
  `<multistatus xmlns="DAV:">` +
  (withSelf
    ? `<response><href>${path}</href><propstat><prop><resourcetype><collection/><calendar xmlns="urn:ietf:params:xml:ns:caldav"/></resourcetype>` +
      `<getctag xmlns="http://calendarserver.org/ns/">c2</getctag><sync-token>t2</sync-token></prop><status>HTTP/1.1 200 OK</status></propstat></response>`
    : '') +
  members
    .map(([name, etag]) => `<response><href>${path}${name}</href><propstat><prop><getetag>${etag}</getetag><resourcetype/></prop><status>HTTP/1.1 200 OK</status></propstat></response>`)
    .join('') +
  `</multistatus>`;

const multiget = (names: string[]) =>
  `<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">` +
  names
    .map((name) =>
      name.startsWith('!')
        ? `<response><href>${path}${name.slice(1)}</href><status>HTTP/1.1 404 Not Found</status></response>`
        : `<response><href>${path}${name}</href><propstat><prop><getetag>"new-${name}"</getetag><C:calendar-data>${ics(name)}</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>`,
    )
    .join('') +
  `</multistatus>`;

function session(routes: Route[], counter = new RequestCounter()) {
  const fake = fakeFetch(routes);
  const fetch = createIcloudFetch({ counter, baseFetch: fake.fetch, retry: { minDelayMs: 1, maxDelayMs: 1, maxInlineWaitMs: 0, maxRetries: 0 } });
  return { session: new DavSession(fetch, 'me@icloud.com', 'abcd-efgh-ijkl-mnop'), requests: fake.requests };
}

const propfind = (d: string, respond: () => Response): Route => (r) =>
  r.method === 'PROPFIND' && r.url === cal && r.headers.get('depth') === d ? respond() : undefined;

const known = [
  { href: `${cal}a.ics`, etag: '"a1"' },
  { href: `${cal}b.ics`, etag: '"b1"' },
];

async function rejection(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SyncError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('fetchChanges edge cases', () => {
  it('costs one request when the ctag has not moved', async () => {
    const counter = new RequestCounter();
    const { session: s } = session([propfind('0', () => xmlResponse(state('c1', 't1')))], counter);
    const result = await fetchChanges(s, cal, { ctag: 'c1', syncToken: 't1' }, known);
    expect(result).toEqual({ created: [], updated: [], deleted: [], newSyncToken: 't1', newCtag: 'c1', method: 'unchanged' });
    expect(counter.snapshot().icloud).toBe(1);
  });

  it('lists what the caller knows only once the calendar changed (an idle check walks no state)', async () => {
    let listed = 0;
    const lazily = () => {
      listed += 1;
      return known;
    };
    const { session: idle } = session([propfind('0', () => xmlResponse(state('c1', 't1')))]);
    expect((await fetchChanges(idle, cal, { ctag: 'c1', syncToken: 't1' }, lazily)).method).toBe('unchanged');
    expect(listed).toBe(0);
    const { session: moved } = session([
      propfind('0', () => xmlResponse(state('c2', 't2'))),
      on('REPORT', cal, (r) => (r.body.includes('sync-collection') ? new Response('', { status: 501 }) : xmlResponse(multiget([])))),
      propfind('1', () => xmlResponse(listing([['b.ics', '"b1"']]))),
    ]);
    const result = await fetchChanges(moved, cal, { ctag: 'c1', syncToken: 't1' }, lazily);
    expect(listed).toBe(1);
    expect(result.deleted).toEqual([`${cal}a.ics`]);
  });

  it('falls back to a full listing when the sync report is truncated (507 on the collection)', async () => {
    const truncated = `<multistatus xmlns="DAV:"><response><href>${path}</href><status>HTTP/1.1 507 Insufficient Storage</status></response>` +
      `<sync-token>t-partial</sync-token></multistatus>`;
    const { session: s, requests } = session([
      propfind('0', () => xmlResponse(state('c2', 't2'))),
      on('REPORT', cal, (r) => (r.body.includes('sync-collection') ? xmlResponse(truncated) : xmlResponse(multiget(['c.ics', 'b.ics'])))),
      propfind('1', () => xmlResponse(listing([['b.ics', '"b2"'], ['c.ics', '"c1"']]))),
    ]);
    const result = await fetchChanges(s, cal, { ctag: 'c1', syncToken: 't1' }, known);
    expect(result.method).toBe('full-listing');
    expect(result.created.map((o) => o.href)).toEqual([`${cal}c.ics`]);
    expect(result.updated.map((o) => o.href)).toEqual([`${cal}b.ics`]);
    expect(result.deleted).toEqual([`${cal}a.ics`]);
    expect(result.newSyncToken).toBe('t2');
    // ctag, the incremental report (507), the full listing by sync-collection with an empty token
    // (507 again here), its PROPFIND fallback, then the multiget of what changed.
    expect(requests.map((r) => r.method)).toEqual(['PROPFIND', 'REPORT', 'REPORT', 'PROPFIND', 'REPORT']);
  });

  it('falls back when the server does not support sync-collection (501)', async () => {
    const { session: s } = session([
      propfind('0', () => xmlResponse(state('c2', 't2'))),
      on('REPORT', cal, (r) => (r.body.includes('sync-collection') ? new Response('', { status: 501 }) : xmlResponse(multiget([])))),
      propfind('1', () => xmlResponse(listing([['a.ics', '"a1"'], ['b.ics', '"b1"']]))),
    ]);
    const result = await fetchChanges(s, cal, { ctag: 'c1', syncToken: 't1' }, known);
    expect(result).toMatchObject({ method: 'full-listing', created: [], updated: [], deleted: [] });
  });

  // Issue 10: only a listing says an object is deleted. One the multiget does not find (gone, or not
  // there yet) is skipped this cycle and read again on the next; the listing will tell if it is gone.
  it('skips an object the multiget does not find (404), never reading it as deleted', async () => {
    const { session: s } = session([
      propfind('0', () => xmlResponse(state('c2', 't2'))),
      on('REPORT', cal, () => xmlResponse(multiget(['!b.ics']))),
      propfind('1', () => xmlResponse(listing([['a.ics', '"a1"'], ['b.ics', '"b2"']]))),
    ]);
    const result = await fetchChanges(s, cal, {}, known);
    expect(result.deleted).toEqual([]);
    expect(result.updated).toEqual([]);
    expect(result.unreadable).toEqual([{ href: `${cal}b.ics`, error: expect.stringContaining('404') }]);
  });

  it('skips an object whose calendar-data is empty or missing (iCloud still writing it); the others are read', async () => {
    const body =
      `<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">` +
      `<response><href>${path}a.ics</href><propstat><prop><getetag>"a2"</getetag><C:calendar-data></C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>` +
      `<response><href>${path}b.ics</href><propstat><prop><getetag>"b2"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response>` +
      `<response><href>${path}c.ics</href><propstat><prop><getetag>"c1"</getetag><C:calendar-data>${ics('c')}</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>` +
      `</multistatus>`;
    const { session: s } = session([
      propfind('0', () => xmlResponse(state('c2', 't2'))),
      on('REPORT', cal, () => xmlResponse(body)),
      propfind('1', () => xmlResponse(listing([['a.ics', '"a2"'], ['b.ics', '"b2"'], ['c.ics', '"c1"']]))),
    ]);
    const result = await fetchChanges(s, cal, {}, known);
    expect(result.created.map((o) => o.href)).toEqual([`${cal}c.ics`]);
    expect(result.unreadable?.map((o) => o.href).sort()).toEqual([`${cal}a.ics`, `${cal}b.ics`]);
    expect(result.unreadable?.[0].error).toMatch(/calendar data/);
    expect(result.deleted).toEqual([]);
  });

  it('never turns a failed listing into deletions', async () => {
    const unauthorized = session([propfind('0', () => xmlResponse(state('c2', 't2'))), propfind('1', () => new Response('', { status: 401 }))]);
    expect((await rejection(fetchChanges(unauthorized.session, cal, {}, known))).kind).toBe('auth');

    const htmlPage = session([propfind('0', () => xmlResponse(state('c2', 't2'))), propfind('1', () => new Response('<html/>', { status: 200 }))]);
    expect((await rejection(fetchChanges(htmlPage.session, cal, {}, known))).kind).not.toBe('gone');

    const noSelf = session([propfind('0', () => xmlResponse(state('c2', 't2'))), propfind('1', () => xmlResponse(listing([], false)))]);
    expect((await rejection(fetchChanges(noSelf.session, cal, {}, known))).kind).toBe('internal');
  });

  it('reports throttling on the sync report instead of silently listing everything', async () => {
    const { session: s } = session([
      propfind('0', () => xmlResponse(state('c2', 't2'))),
      on('REPORT', cal, () => new Response('', { status: 503, headers: { 'Retry-After': '30' } })),
    ]);
    const error = await rejection(fetchChanges(s, cal, { ctag: 'c1', syncToken: 't1' }, known));
    expect(error.kind).toBe('throttled');
    expect(error.details.retryAfterMs).toBe(30_000);
  });

  it('lists at once on a first sync: no ctag check before it, whose answer nothing could use (issue 16)', async () => {
    const syncListing = `<multistatus xmlns="DAV:"><response><href>${path}a.ics</href><propstat><prop><getetag>"a1"</getetag></prop>` +
      `<status>HTTP/1.1 200 OK</status></propstat></response><sync-token>t1</sync-token></multistatus>`;
    const { session: s, requests } = session([
      propfind('0', () => xmlResponse(state('c1', 't1'))),
      on('REPORT', cal, (r) => xmlResponse(r.body.includes('sync-collection') ? syncListing : multiget(['a.ics']))),
    ]);
    const result = await fetchChanges(s, cal, {}, []);
    expect(result).toMatchObject({ method: 'full-listing', listedBy: 'sync-collection', newSyncToken: 't1', newCtag: undefined });
    expect(result.created.map((o) => o.href)).toEqual([`${cal}a.ics`]);
    expect(requests.map((r) => r.method)).toEqual(['REPORT', 'REPORT']);
  });

  it('says so when the calendar is gone on a first sync too (no check before its listing)', async () => {
    const { session: s } = session([]);
    expect((await rejection(fetchChanges(s, cal, {}, known))).kind).toBe('gone');
  });

  it('says so when the calendar itself is gone', async () => {
    const { session: s } = session([propfind('0', () => new Response('', { status: 404 }))]);
    expect((await rejection(fetchChanges(s, cal, { ctag: 'c1' }, known))).kind).toBe('gone');
  });
});
