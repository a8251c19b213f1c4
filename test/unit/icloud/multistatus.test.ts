// The small reader of large REPORT answers (multistatus.ts): what it reads matches tsdav's parse on the
// shapes Radicale and iCloud send, and anything outside that shape is refused (undefined) so the
// session reads it through tsdav instead (one repeated request, then tsdav for the session).
import { davRequest } from 'tsdav';
import { describe, expect, it } from 'vitest';
import { DavSession, textOf } from '../../../src/main/icloud/dav';
import { parseMultistatus } from '../../../src/main/icloud/multistatus';
import { fakeFetch, on, xmlResponse } from './fake-dav';

const ics = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a-very-long-uid-0001\r\nSUMMARY:Tom & Jerry <3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

/** As Radicale answers a calendar-multiget: the default namespace DAV:, CR as &#13;, & and < escaped. */
const radicale =
  `<?xml version='1.0' encoding='utf-8'?>\n<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/alice%40example.com/work/a.ics</href>` +
  `<propstat><prop><getetag>"8b0d3c5e-etag-one"</getetag><C:calendar-data>${ics.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r/g, '&#13;')}</C:calendar-data></prop>` +
  `<status>HTTP/1.1 200 OK</status></propstat></response>` +
  `<response><href>/alice%40example.com/work/gone.ics</href><status>HTTP/1.1 404 Not Found</status></response></multistatus>`;

/** As iCloud answers: prefixed elements, namespaces declared inline, calendar-data in CDATA, a comment. */
const icloud =
  `<?xml version="1.0" encoding="UTF-8"?>\n<d:multistatus xmlns:d="DAV:">\n  <d:response>\n    <d:href>/123/calendars/home/b.ics</d:href>\n    <d:propstat>\n` +
  `      <d:prop>\n        <d:getetag>"mq1wx0ab"</d:getetag>\n        <cal:calendar-data xmlns:cal="urn:ietf:params:xml:ns:caldav"><![CDATA[${ics}]]></cal:calendar-data>\n      </d:prop>\n` +
  `      <d:status>HTTP/1.1 200 OK</d:status>\n    </d:propstat>\n    <!-- served by p42 -->\n    <d:propstat><d:prop><x:other xmlns:x="urn:x"/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>\n  </d:response>\n` +
  `  <d:sync-token>https://p42-caldav.icloud.com/sync/HwoQEgwAAK</d:sync-token>\n</d:multistatus>\n`;

/** tsdav's parse of the same text, in the reader's form (leaf props as strings). */
async function viaTsdav(xml: string) {
  const responses = await davRequest({
    url: 'https://example.test/cal/', init: { method: 'REPORT', headers: {}, body: '' }, convertIncoming: false,
    fetch: (async () => xmlResponse(xml)) as typeof fetch,
  });
  const raw = responses[0]?.raw as { multistatus?: { syncToken?: unknown } } | undefined;
  return {
    responses: responses.map((r) => ({
      href: r.href, status: r.status, ok: r.ok,
      props: Object.fromEntries(Object.entries((r.props ?? {}) as Record<string, unknown>).map(([k, v]) => [k, textOf(v)]).filter(([, v]) => v !== undefined)),
    })),
    syncToken: textOf(raw?.multistatus?.syncToken),
  };
}

describe('parseMultistatus', () => {
  it('reads a Radicale multiget as tsdav does: hrefs, etags, decoded calendar data, a 404 response', async () => {
    const read = parseMultistatus(radicale);
    expect(read).toEqual({
      responses: [
        { href: '/alice%40example.com/work/a.ics', status: 207, ok: true, props: { getetag: '"8b0d3c5e-etag-one"', calendarData: ics.trim() } },
        { href: '/alice%40example.com/work/gone.ics', status: 404, ok: false, props: {} },
      ],
    });
    const tsdav = await viaTsdav(radicale);
    expect(read!.responses).toEqual(tsdav.responses);
  });

  it('reads an iCloud answer as tsdav does: prefixes, inline namespaces, CDATA, comments, a failed propstat left out, the sync-token', async () => {
    const read = parseMultistatus(icloud);
    expect(read).toEqual({
      responses: [{ href: '/123/calendars/home/b.ics', status: 207, ok: true, props: { getetag: '"mq1wx0ab"', calendarData: ics.trim() } }],
      syncToken: 'https://p42-caldav.icloud.com/sync/HwoQEgwAAK',
    });
    expect(read).toEqual(await viaTsdav(icloud));
  });

  it('an empty multistatus has no responses', () => {
    expect(parseMultistatus('<multistatus xmlns="DAV:"></multistatus>')).toEqual({ responses: [] });
    expect(parseMultistatus('<d:multistatus xmlns:d="DAV:"/>')).toEqual({ responses: [] });
  });

  it.each([
    ['a DOCTYPE', `<!DOCTYPE multistatus [<!ENTITY x "y">]>${radicale.slice(radicale.indexOf('<multistatus'))}`],
    ['an element it does not know', radicale.replace('<status>HTTP/1.1 404 Not Found</status>', '<status>HTTP/1.1 404 Not Found</status><error><no-such/></error>')],
    ['a prop with children', radicale.replace('<getetag>', '<resourcetype><collection/></resourcetype><getetag>')],
    ['an entity it does not know', radicale.replace('Tom &amp;', 'Tom &nbsp;')],
    ['a bare ampersand', radicale.replace('Tom &amp;', 'Tom &')],
    ['tags that do not match', radicale.replace('</getetag>', '</etag>')],
    ['a cut-off answer', radicale.slice(0, radicale.length - 30)],
    ['two roots', `${radicale}<multistatus xmlns="DAV:"></multistatus>`],
    ['text where the shape has none', radicale.replace('<response>', 'hello<response>')],
    ['a response with two hrefs', radicale.replace('</href>', '</href><href>/x.ics</href>')],
    ['another root', '<html><body>Service Unavailable</body></html>'],
    ['a > inside an attribute', radicale.replace('<multistatus xmlns="DAV:"', '<multistatus xmlns="DAV:" data-x="a>b"')],
  ])('refuses %s (undefined: the caller reads it through tsdav)', (_what, xml) => {
    expect(parseMultistatus(xml)).toBeUndefined();
  });
});

describe('DavSession.report', () => {
  const url = 'https://p42-caldav.icloud.com/123/calendars/home/';

  it('reads the answer itself: one request', async () => {
    const { fetch, requests } = fakeFetch([on('REPORT', url, () => xmlResponse(icloud))]);
    const reply = await new DavSession(fetch, 'me@icloud.com', 'abcd-efgh-ijkl-mnop').report(url, '<x/>', { Depth: '1' });
    expect(reply).toMatchObject({ status: 207, syncToken: 'https://p42-caldav.icloud.com/sync/HwoQEgwAAK', responses: [{ href: '/123/calendars/home/b.ics' }] });
    expect(requests).toHaveLength(1);
    expect(requests[0].headers.get('depth')).toBe('1');
  });

  it('an answer outside its shape is asked again and read by tsdav; the session then keeps to tsdav', async () => {
    const unusual = icloud.replace('<!-- served by p42 -->', '<d:error><x:odd xmlns:x="urn:x"/></d:error>');
    const { fetch, requests } = fakeFetch([on('REPORT', url, () => xmlResponse(unusual))]);
    const session = new DavSession(fetch, 'me@icloud.com', 'abcd-efgh-ijkl-mnop');
    const reply = await session.report(url, '<x/>');
    expect(reply).toMatchObject({ status: 207, syncToken: 'https://p42-caldav.icloud.com/sync/HwoQEgwAAK', responses: [{ href: '/123/calendars/home/b.ics', props: { getetag: '"mq1wx0ab"', calendarData: ics.trim() } }] });
    expect(requests).toHaveLength(2);
    await session.report(url, '<x/>');
    expect(requests).toHaveLength(3);
  });

  it('a status other than 207 comes back as it is, with no responses (the caller says what it means)', async () => {
    const { fetch } = fakeFetch([on('REPORT', url, () => new Response('nope', { status: 403 }))]);
    const reply = await new DavSession(fetch, 'me@icloud.com', 'abcd-efgh-ijkl-mnop').report(url, '<x/>');
    expect(reply).toMatchObject({ status: 403, responses: [] });
  });
});
