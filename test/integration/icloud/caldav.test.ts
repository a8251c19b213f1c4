// The iCloud side against a real CalDAV server (Radicale) started from a throwaway config.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestCounter } from '../../../src/main/request-counter';
import { SyncError } from '../../../src/main/errors';
import {
  AUTH_REJECTED_MESSAGE,
  connectIcloud,
  IcloudConflictError,
  IcloudSource,
  IcsCodec,
  InvalidCredentialsError,
  READ_ONLY_REASON,
} from '../../../src/main/icloud';
import { startDavProxy } from '../../support/dav-proxy';
import { radicaleSkipReason, startRadicale, type RadicaleServer } from '../../support/radicale';

const appleId = 'alice@example.com';
const password = 'abcd-efgh-ijkl-mnop';
const codec = new IcsCodec();

function event(uid: string, title: string, start = '20250310T090000', end = '20250310T100000'): string {
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250101T000000Z',
    `DTSTART;TZID=Europe/Berlin:${start}`, `DTEND;TZID=Europe/Berlin:${end}`, `SUMMARY:${title}`, 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

async function rejects(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe.skipIf(!!radicaleSkipReason())('iCloud side against Radicale', () => {
  let server: RadicaleServer;
  let counter: RequestCounter;
  let source: IcloudSource;
  let work: string;

  beforeAll(async () => {
    server = await startRadicale({
      seed: [{ user: appleId, name: 'readonly', displayName: 'Team (read-only)', events: { 'r1.ics': event('r1', 'Shared') } }],
    });
    work = await server.mkcalendar(appleId, 'work', { displayName: 'Work', color: '#FF2968FF' });
    counter = new RequestCounter();
    source = new IcloudSource({ appleId, caldavUrl: server.url }, password, { counter });
  });
  afterAll(async () => server?.stop());

  it('connects, lists calendars with the read-only one, and counts requests', async () => {
    const connectCounter = new RequestCounter();
    const result = await connectIcloud({ appleId, password, caldavUrl: server.url, counter: connectCounter });
    expect(result.homeUrl).toBe(new URL(`${encodeURIComponent(appleId)}/`, server.url).href);
    expect(result.principalUrl).toContain(encodeURIComponent(appleId));
    const byName = Object.fromEntries(result.calendars.map((c) => [c.name, c]));
    expect(byName.Work).toMatchObject({ side: 'icloud', type: 'calendar', eligible: true, busySourceEligible: true, writable: true, color: '#FF2968' });
    expect(byName.Work.id).toBe(work);
    expect(byName['Team (read-only)']).toMatchObject({ eligible: false, busySourceEligible: true, writable: false, reason: READ_ONLY_REASON });
    expect(connectCounter.snapshot().icloud).toBeGreaterThanOrEqual(3);
    expect(connectCounter.snapshot().platform).toBe(0);
  });

  it('says the app-specific password was rejected on 401', async () => {
    const error = await rejects(connectIcloud({ appleId, password: 'wxyz-wxyz-wxyz-wxyz', caldavUrl: server.url, counter: new RequestCounter() }));
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).kind).toBe('auth');
    expect((error as SyncError).message).toBe(AUTH_REJECTED_MESSAGE);
  });

  it('rejects a malformed password before any request', async () => {
    const local = new RequestCounter();
    const error = await rejects(connectIcloud({ appleId, password: 'MyNormalPassword1', caldavUrl: server.url, counter: local }));
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect((error as Error).message).toContain('account.apple.com');
    expect(local.snapshot().icloud).toBe(0);
  });

  it('creates, updates and deletes with etags; a stale etag is a conflict with the current version', async () => {
    const created = await source.createEvent(work, 'evt-1', event('evt-1', 'First'));
    expect(created.href).toBe(`${work}evt-1.ics`);
    expect(created.etag).toMatch(/\S/);

    const again = await rejects(source.createEvent(work, 'evt-1', event('evt-1', 'Duplicate')));
    expect(again).toBeInstanceOf(IcloudConflictError);
    expect((again as IcloudConflictError).current?.data).toContain('SUMMARY:First');

    const updated = await source.updateEvent(created.href, event('evt-1', 'Second'), created.etag);
    expect(updated.etag).not.toBe(created.etag);

    const stale = await rejects(source.updateEvent(created.href, event('evt-1', 'Third'), created.etag));
    expect(stale).toBeInstanceOf(IcloudConflictError);
    expect((stale as IcloudConflictError).kind).toBe('conflict');
    expect((stale as IcloudConflictError).current?.etag).toBe(updated.etag);
    expect((stale as IcloudConflictError).current?.data).toContain('SUMMARY:Second');

    const staleDelete = await rejects(source.deleteEvent(created.href, created.etag));
    expect((staleDelete as SyncError).kind).toBe('conflict');
    expect(await source.deleteEvent(created.href, updated.etag)).toBe('deleted');
    expect(await source.getObject(created.href)).toBeUndefined();
    expect(await source.deleteEvent(created.href, updated.etag)).toBe('gone');
    const gone = await rejects(source.updateEvent(created.href, event('evt-1', 'Fourth'), updated.etag));
    expect((gone as SyncError).kind).toBe('gone');
  });

  it('refuses writes to the read-only calendar as an item error, not an auth error', async () => {
    const error = await rejects(source.createEvent(server.calendarUrl(appleId, 'readonly'), 'nope', event('nope', 'No')));
    expect((error as SyncError).kind).toBe('item');
  });

  it('follows a calendar with sync-collection: created, updated, deleted; no change costs one request', async () => {
    const cal = await server.mkcalendar(appleId, 'delta');
    const a = await source.createEvent(cal, 'a', event('a', 'A'));
    const b = await source.createEvent(cal, 'b', event('b', 'B'));

    const first = await source.fetchChanges(cal, {}, []);
    expect(first.method).toBe('full-listing');
    // Listed by sync-collection with an empty token, where the server has it (Radicale does).
    expect(first.listedBy).toBe('sync-collection');
    expect(first.created.map((o) => o.href).sort()).toEqual([a.href, b.href]);
    expect(first.newSyncToken).toBeTruthy();
    // No ctag read before a first listing (nothing to compare it with): the next check learns it.
    expect(first.newCtag).toBeUndefined();
    let known = first.created.map(({ href, etag }) => ({ href, etag }));

    counter.reset();
    const none = await source.fetchChanges(cal, { syncToken: first.newSyncToken, ctag: first.newCtag }, known);
    expect(none).toMatchObject({ method: 'unchanged', created: [], updated: [], deleted: [] });
    expect(counter.snapshot().icloud).toBe(1);

    // Changes made behind the app's back.
    expect((await server.putEvent(appleId, 'delta', 'c.ics', event('c', 'C'))).status).toBe(201);
    expect((await server.putEvent(appleId, 'delta', 'b.ics', event('b', 'B changed'))).status).toBe(201);
    expect((await server.deleteEvent(appleId, 'delta', 'a.ics')).status).toBe(200);

    const delta = await source.fetchChanges(cal, { syncToken: first.newSyncToken, ctag: first.newCtag }, known);
    expect(delta.method).toBe('sync-collection');
    expect(delta.created.map((o) => o.href)).toEqual([`${cal}c.ics`]);
    expect(delta.created[0].data).toContain('SUMMARY:C');
    expect(delta.updated.map((o) => o.href)).toEqual([b.href]);
    expect(delta.updated[0].data).toContain('SUMMARY:B changed');
    expect(delta.deleted).toEqual([a.href]);
    expect(delta.newSyncToken).not.toBe(first.newSyncToken);
    known = [...delta.created, ...delta.updated].map(({ href, etag }) => ({ href, etag }));

    // An invalid token falls back to a full etag listing with the same answer shape.
    expect((await server.putEvent(appleId, 'delta', 'd.ics', event('d', 'D'))).status).toBe(201);
    const badToken = 'http://radicale.org/ns/sync/' + '0'.repeat(64);
    const fallback = await source.fetchChanges(cal, { syncToken: badToken, ctag: 'stale' }, known);
    expect(fallback.method).toBe('full-listing');
    expect(fallback.created.map((o) => o.href)).toEqual([`${cal}d.ics`]);
    expect(fallback.updated).toEqual([]);
    expect(fallback.deleted).toEqual([]);
    expect(fallback.newSyncToken).toMatch(/^http:\/\/radicale\.org\/ns\/sync\//);
  });

  it('lists by PROPFIND where the server refuses sync-collection, with the same answer', async () => {
    const cal = await server.mkcalendar(appleId, 'nosync');
    const a = await source.createEvent(cal, 'n1', event('n1', 'N1'));
    await source.createEvent(cal, 'n2', event('n2', 'N2'));
    for (const status of [403, 501]) {
      const proxy = await startDavProxy(server.url);
      let refused = 0;
      proxy.intercepts.push((request) => {
        if (request.method !== 'REPORT' || !request.body.includes('sync-collection')) return undefined;
        refused += 1;
        return { status, body: '' };
      });
      try {
        const behind = new IcloudSource({ appleId, caldavUrl: proxy.url }, password, { counter: new RequestCounter() });
        const via = new URL(new URL(cal).pathname, proxy.url).href;
        const known = [{ href: `${via}n1.ics`, etag: a.etag }, { href: `${via}gone.ics`, etag: '"x"' }];
        const listed = await behind.fetchChanges(via, {}, known);
        expect(refused).toBe(1);
        expect(listed).toMatchObject({ method: 'full-listing', listedBy: 'propfind', updated: [], deleted: [`${via}gone.ics`] });
        expect(listed.created.map((o) => o.href)).toEqual([`${via}n2.ics`]);
        expect(listed.newSyncToken).toBeTruthy();
      } finally {
        await proxy.stop();
      }
    }
  });

  // Hostile (issue 16 pass): an empty multistatus to a sync-collection from a token (a server that
  // lost the token's history, a proxy cutting the answer) read as "nothing changed" and took the
  // collection's new token: what changed before it was never seen. The ctag says the calendar
  // changed and the answer carries no token: it is no delta, and a full listing is made instead.
  it('an empty answer to sync-collection from a token while the ctag changed falls back to a full listing', async () => {
    const cal = await server.mkcalendar(appleId, 'emptydelta');
    await source.createEvent(cal, 'e1', event('e1', 'E1'));
    await source.createEvent(cal, 'e2', event('e2', 'E2'));
    for (const [round, empty] of ['<?xml version="1.0" encoding="utf-8"?><d:multistatus xmlns:d="DAV:"/>', '<?xml version="1.0"?><multistatus xmlns="DAV:"></multistatus>'].entries()) {
      const proxy = await startDavProxy(server.url);
      let emptied = 0;
      proxy.intercepts.push((request) => {
        if (request.method !== 'REPORT' || !request.body.includes('sync-collection') || request.body.includes('<d:sync-token></d:sync-token>')) return undefined;
        emptied += 1;
        return { status: 207, body: empty, headers: { 'content-type': 'application/xml; charset=utf-8' } };
      });
      try {
        const behind = new IcloudSource({ appleId, caldavUrl: proxy.url }, password, { counter: new RequestCounter() });
        const via = new URL(new URL(cal).pathname, proxy.url).href;
        const first = await behind.fetchChanges(via, {}, []);
        const known = first.created.map(({ href, etag }) => ({ href, etag }));
        expect(known.length).toBeGreaterThanOrEqual(2);
        const c = `e3-${round}`;
        expect((await server.putEvent(appleId, 'emptydelta', `${c}.ics`, event(c, 'E3'))).status).toBe(201);
        expect((await server.putEvent(appleId, 'emptydelta', 'e2.ics', event('e2', `E2 changed ${round}`))).status).toBe(201);
        const next = await behind.fetchChanges(via, { syncToken: first.newSyncToken, ctag: first.newCtag }, known);
        expect(emptied, empty).toBe(1);
        expect(next.method).toBe('full-listing');
        expect(next.created.map((o) => o.href)).toEqual([`${via}${c}.ics`]);
        expect(next.updated.map((o) => o.href)).toEqual([`${via}e2.ics`]);
        expect(next.deleted).toEqual([]);
      } finally {
        await proxy.stop();
      }
    }
  });

  it('checks an idle calendar with its ctag alone once it knows one, and still sees a change (issue 16)', async () => {
    // Radicale computes each asked property over every item: the sync-token beside the ctag doubled
    // the idle check of a 5,000-event calendar (longer than the sync-collection REPORT itself).
    const cal = await server.mkcalendar(appleId, 'idle');
    await source.createEvent(cal, 'i1', event('i1', 'I1'));
    const proxy = await startDavProxy(server.url);
    const checks: string[] = [];
    proxy.intercepts.push((request) => {
      if (request.method === 'PROPFIND' && request.depth === '0') checks.push(request.body);
      return undefined;
    });
    try {
      const counted = new RequestCounter();
      const behind = new IcloudSource({ appleId, caldavUrl: proxy.url }, password, { counter: counted });
      const via = new URL(new URL(cal).pathname, proxy.url).href;
      const first = await behind.fetchChanges(via, {}, []);
      // A first sync lists at once: no check before it (nothing to compare with, issue 16).
      expect(checks.splice(0)).toEqual([]);
      const known = first.created.map(({ href, etag }) => ({ href, etag }));
      // No ctag known yet: the next check asks both (a server without ctags is followed by its token).
      const learned = await behind.fetchChanges(via, { syncToken: first.newSyncToken, ctag: first.newCtag }, known);
      expect(learned).toMatchObject({ method: 'unchanged', newSyncToken: first.newSyncToken });
      expect(learned.newCtag).toBeTruthy();
      expect(checks.splice(0)).toEqual([expect.stringMatching(/getctag\/><d:sync-token\/>/)]);
      const cursor = { syncToken: learned.newSyncToken, ctag: learned.newCtag };
      counted.reset();
      const idle = await behind.fetchChanges(via, cursor, known);
      expect(idle).toMatchObject({ method: 'unchanged', newSyncToken: first.newSyncToken, newCtag: learned.newCtag });
      expect(counted.snapshot().icloud).toBe(1);
      expect(checks.splice(0)).toEqual([expect.not.stringContaining('sync-token')]);
      // A change behind the app's back moves the ctag: the sync-collection REPORT follows, and gives the new token.
      expect((await server.putEvent(appleId, 'idle', 'i2.ics', event('i2', 'I2'))).status).toBe(201);
      const changed = await behind.fetchChanges(via, cursor, known);
      expect(changed.method).toBe('sync-collection');
      expect(changed.created.map((o) => o.href)).toEqual([`${via}i2.ics`]);
      expect(changed.newSyncToken).toBeTruthy();
      expect(changed.newSyncToken).not.toBe(first.newSyncToken);
      expect(changed.newCtag).not.toBe(learned.newCtag);
    } finally {
      await proxy.stop();
    }
  });

  it('never reads a rejected password as "everything was deleted"', async () => {
    const cal = await server.mkcalendar(appleId, 'guarded');
    const a = await source.createEvent(cal, 'g1', event('g1', 'G'));
    const revoked = new IcloudSource(
      { appleId, caldavUrl: server.url, principalUrl: server.url, homeUrl: server.url },
      'zzzz-zzzz-zzzz-zzzz',
      { counter: new RequestCounter() },
    );
    const error = await rejects(revoked.fetchChanges(cal, {}, [{ href: a.href, etag: a.etag }]));
    expect((error as SyncError).kind).toBe('auth');
    const errorWithToken = await rejects(revoked.fetchChanges(cal, { syncToken: 'x', ctag: 'y' }, [{ href: a.href, etag: a.etag }]));
    expect((errorWithToken as SyncError).kind).toBe('auth');
  });

  it('reads back an event it wrote with the same content hash', async () => {
    const cal = await server.mkcalendar(appleId, 'roundtrip');
    const ics = codec.mirror({
      uid: 'mirror-1', platformId: 'apt-9', title: 'Beratung mit Zoë — Überlänge '.repeat(3), notes: 'Zeile 1\nZeile 2; mit, Zeichen',
      location: 'Hauptstraße 5, Köln', start: { iso: '2025-10-26T00:30:00Z' }, end: { iso: '2025-10-26T02:30:00Z' },
      tzid: 'Europe/Berlin', now: new Date('2025-01-01T00:00:00Z'),
    });
    const written = await source.createEvent(cal, 'mirror-1', ics);
    const read = await source.getObject(written.href);
    expect(read?.etag).toBe(written.etag);
    const options = { floatingZone: 'Europe/Berlin' };
    expect(read?.data).not.toBe(ics); // the server rewrote it…
    expect(codec.hashIcs(read!.data, options)).toBe(codec.hashIcs(ics, options)); // …yet it is the same event
  });
});
