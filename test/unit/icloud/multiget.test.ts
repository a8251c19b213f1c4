// Issue 16: a large read is taken batch by batch (never all raw ICS at once), in order, with a bounded
// number of requests ahead; a batch that fails or an answer that leaves hrefs out skips those items
// (read again next cycle), never the cycle and never as deletions.
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/main/errors';
import { RequestCounter } from '../../../src/main/request-counter';
import { DavSession } from '../../../src/main/icloud/dav';
import { createIcloudFetch } from '../../../src/main/icloud/http';
import { multigetBatches, type MultigetBatch } from '../../../src/main/icloud/multiget';
import { xmlResponse, type RecordedRequest } from './fake-dav';

const cal = 'https://p42-caldav.icloud.com/1/calendars/home/';
const path = '/1/calendars/home/';
const ics = (uid: string) => `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:${uid}\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR`;
const hrefs = (count: number) => Array.from({ length: count }, (_, i) => `${cal}e${i}.ics`);

/** The file names a multiget request asks for, in order. */
const asked = (request: RecordedRequest) => [...request.body.matchAll(/<d:href>[^<]*\/([^/<]+)<\/d:href>/g)].map((m) => m[1]);

/** A 207 giving every asked object, except those `leaveOut` names. */
function answer(request: RecordedRequest, leaveOut: (name: string) => boolean = () => false): Response {
  const responses = asked(request)
    .filter((name) => !leaveOut(name))
    .map((name) => `<response><href>${path}${name}</href><propstat><prop><getetag>"${name}"</getetag><C:calendar-data>${ics(name)}</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>`);
  return xmlResponse(`<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">${responses.join('')}</multistatus>`);
}

/** A session whose server answers with `respond`, recording every request; no retries. */
function session(respond: (request: RecordedRequest) => Response | Promise<Response>) {
  const requests: RecordedRequest[] = [];
  const base = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const request: RecordedRequest = { method: init.method ?? 'GET', url: String(input), headers: new Headers(init.headers), body: String(init.body ?? '') };
    requests.push(request);
    return respond(request);
  }) as typeof fetch;
  const fetch = createIcloudFetch({ counter: new RequestCounter(), baseFetch: base, retry: { minDelayMs: 1, maxDelayMs: 1, maxInlineWaitMs: 0, maxRetries: 0 } });
  return { session: new DavSession(fetch, 'me@icloud.com', 'abcd-efgh-ijkl-mnop'), requests };
}

async function takeAll(s: DavSession, list: string[], batchSize: number) {
  const batches: MultigetBatch[] = [];
  await multigetBatches(s, cal, list, (batch) => void batches.push(batch), batchSize);
  return batches;
}

describe('multigetBatches', () => {
  it('reads in batches of the given size, hands them over in listing order, and asks at most two ahead', async () => {
    const sentWhenTaken: number[] = [];
    const { session: s, requests } = session((r) => answer(r));
    const batches: MultigetBatch[] = [];
    await multigetBatches(s, cal, hrefs(7), (batch) => {
      sentWhenTaken.push(requests.length);
      batches.push(batch);
    }, 3);
    expect(requests.map(asked)).toEqual([['e0.ics', 'e1.ics', 'e2.ics'], ['e3.ics', 'e4.ics', 'e5.ics'], ['e6.ics']]);
    expect(batches.map((b) => b.objects.map((o) => o.href))).toEqual([hrefs(7).slice(0, 3), hrefs(7).slice(3, 6), hrefs(7).slice(6)]);
    expect(batches[0].objects[0]).toEqual({ href: `${cal}e0.ics`, etag: '"e0.ics"', data: ics('e0.ics') });
    // While batch 1 is taken, only batches 2 and 3 may have been asked for: the read stays bounded.
    expect(sentWhenTaken[0]).toBeLessThanOrEqual(3);
    expect(sentWhenTaken).toEqual([...sentWhenTaken].sort((a, b) => a - b));
  });

  it('asks nothing for nothing', async () => {
    const { session: s, requests } = session((r) => answer(r));
    expect(await takeAll(s, [], 3)).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it('a 207 with nothing inside: every href asked for is unreadable (read again next cycle), none is lost', async () => {
    const { session: s } = session(() => xmlResponse('<multistatus xmlns="DAV:"></multistatus>'));
    const batches = await takeAll(s, hrefs(2), 5);
    expect(batches).toEqual([{ objects: [], unreadable: hrefs(2).map((href) => ({ href, error: expect.stringMatching(/left it out/) })) }]);
  });

  it('an href the answer leaves out is unreadable; the others are read', async () => {
    const { session: s } = session((r) => answer(r, (name) => name === 'e1.ics'));
    const [batch] = await takeAll(s, hrefs(3), 5);
    expect(batch.objects.map((o) => o.href)).toEqual([`${cal}e0.ics`, `${cal}e2.ics`]);
    expect(batch.unreadable).toEqual([{ href: `${cal}e1.ics`, error: expect.stringMatching(/left it out/) }]);
  });

  it('a batch that fails makes its hrefs unreadable, in their place, and the batches after it are still read', async () => {
    const { session: s } = session((r) => (asked(r)[0] === 'e2.ics' ? new Response('boom', { status: 500 }) : answer(r)));
    const batches = await takeAll(s, hrefs(6), 2);
    expect(batches.map((b) => b.objects.length)).toEqual([2, 0, 2]);
    expect(batches[1].unreadable).toEqual([`${cal}e2.ics`, `${cal}e3.ics`].map((href) => ({ href, error: expect.stringMatching(/could not send it/) })));
    expect(batches[2].objects.map((o) => o.href)).toEqual([`${cal}e4.ics`, `${cal}e5.ics`]);
  });

  it('when no batch can be read at all, the failure is the cycle\'s (one error, not a skip per item)', async () => {
    const { session: s } = session(() => new Response('boom', { status: 500 }));
    const error = await takeAll(s, hrefs(4), 2).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).kind).toBe('network');
  });

  it('a revoked password stops the read even after other batches were read', async () => {
    const { session: s, requests } = session((r) => (asked(r)[0] === 'e2.ics' ? new Response('', { status: 401 }) : answer(r)));
    const taken: MultigetBatch[] = [];
    const error = await multigetBatches(s, cal, hrefs(20), (batch) => void taken.push(batch), 2).catch((thrown: unknown) => thrown);
    expect((error as SyncError).kind).toBe('auth');
    expect(taken).toHaveLength(1);
    expect(requests.length, 'stops asking once the password is refused').toBeLessThanOrEqual(4);
  });
});
