// Connecting to an iCloud-shaped server (recorded XML): partition host, subscribed and read-only
// calendars, and the failure modes (401, throttling).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/main/errors';
import { RequestCounter } from '../../../src/main/request-counter';
import { AUTH_REJECTED_MESSAGE, connectIcloud, NO_EVENTS_REASON, READ_ONLY_REASON, SUBSCRIBED_REASON } from '../../../src/main/icloud';
import { fakeFetch, on, xmlResponse, type Route } from './fake-dav';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/caldav', name), 'utf8');
const root = 'https://caldav.icloud.com';
const home = 'https://p42-caldav.icloud.com/123456789/calendars/';
const password = 'abcd-efgh-ijkl-mnop';
const quick = { retry: { minDelayMs: 1, maxDelayMs: 2, maxInlineWaitMs: 5, maxRetries: 1 }, sleep: async () => {} };

/** The principal answers the address-set PROPFIND (S18) with iCloud's shape; other PROPFINDs fall through. */
const addressRoute: Route = (request) =>
  request.method === 'PROPFIND' && request.url === `${root}/123456789/principal/` && request.body.includes('calendar-user-address-set')
    ? xmlResponse(fixture('icloud-user-address-set-propfind.xml'))
    : undefined;

const icloudRoutes: Route[] = [
  addressRoute,
  on('PROPFIND', `${root}/`, () => xmlResponse(fixture('icloud-principal-propfind.xml'))),
  on('PROPFIND', `${root}/123456789/principal/`, () => xmlResponse(fixture('icloud-home-set-propfind.xml'))),
  on('PROPFIND', home, () => xmlResponse(fixture('icloud-home-propfind.xml'))),
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

describe('connectIcloud against iCloud-shaped answers', () => {
  it("S18: finds the user's own addresses (calendar-user-address-set, normalised) with the Apple ID first", async () => {
    const fake = fakeFetch(icloudRoutes);
    const result = await connectIcloud({ appleId: 'me@icloud.com', password, caldavUrl: root, fetch: fake.fetch, counter: new RequestCounter() });
    expect(result.addresses).toEqual([
      'me@icloud.com', 'me@me.com', 'me.work@example.com', '/123456789/principal/', 'urn:uuid:5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
    ]);
    const asked = fake.requests.find((r) => r.body.includes('calendar-user-address-set'))!;
    expect(asked.headers.get('depth')).toBe('0');
  });

  it('S18: a server that will not list the addresses falls back to the Apple ID, and connect still succeeds', async () => {
    const refusing: Route = (request) =>
      request.method === 'PROPFIND' && request.body.includes('calendar-user-address-set') ? new Response('forbidden', { status: 403 }) : undefined;
    const fake = fakeFetch([refusing, ...icloudRoutes.slice(1)]);
    const result = await connectIcloud({ appleId: 'Me@iCloud.com', password, caldavUrl: root, fetch: fake.fetch, counter: new RequestCounter() });
    expect(result.addresses).toEqual(['me@icloud.com']);
    expect(result.calendars.length).toBeGreaterThan(0);
  });

  it('finds the partition-host home and lists calendars with their eligibility in words', async () => {
    const fake = fakeFetch(icloudRoutes);
    const counter = new RequestCounter();
    const result = await connectIcloud({ appleId: 'me@icloud.com', password, caldavUrl: root, fetch: fake.fetch, counter });
    expect(result.principalUrl).toBe(`${root}/123456789/principal/`);
    expect(result.homeUrl).toBe(home);
    expect(result.calendars).toEqual([
      { side: 'icloud', id: `${home}home/`, name: 'Home', type: 'calendar', color: '#34AADC', eligible: true, busySourceEligible: true, writable: true },
      {
        side: 'icloud', id: `${home}8F2C7A8B-1C8E-4E3A-9D0B-6E5B1C2D3E4F/`, name: 'Studio bookings', type: 'calendar', color: '#FF2968',
        eligible: true, busySourceEligible: true, writable: true,
      },
      {
        side: 'icloud', id: `${home}shared-team/`, name: 'Team (shared with me)', type: 'calendar', color: '#63DA38',
        eligible: false, busySourceEligible: true, writable: false, reason: READ_ONLY_REASON,
      },
      {
        side: 'icloud', id: `${home}B3D9A0F1-2E4C-4B6A-8C1D-0F9E8D7C6B5A/`, name: 'US Holidays', type: 'subscribed', color: '#CC73E1',
        eligible: false, busySourceEligible: false, writable: false, reason: SUBSCRIBED_REASON,
      },
      {
        side: 'icloud', id: `${home}tasks/`, name: 'Reminders', type: 'calendar', color: '#FF9500',
        eligible: false, busySourceEligible: false, writable: true, reason: NO_EVENTS_REASON,
      },
      // An absolute href on the discovery host is re-based onto the home's partition host.
      { side: 'icloud', id: `${home}family/`, name: 'Family', type: 'calendar', eligible: true, busySourceEligible: true, writable: true },
    ]);
    const subscribed = result.details.find((c) => c.entry.type === 'subscribed');
    expect(subscribed?.sourceUrl).toBe('webcal://p23-calendars.icloud.com/holiday/US_en.ics');
    expect(result.details.find((c) => c.entry.name === 'Family')?.ctag).toBe('1234567'); // a number in XML, a string here
    for (const request of fake.requests) {
      expect(request.headers.get('authorization')).toBe('Basic ' + Buffer.from(`me@icloud.com:${password}`).toString('base64'));
      expect(request.headers.get('accept-language')).toBe('en-US,en;q=0.9');
      expect(request.headers.get('user-agent')).toBe('iCloudSyncCompanion/0.1');
    }
    expect(counter.snapshot().icloud).toBe(fake.requests.length);
  });

  it('turns 401 into the revoked-password message', async () => {
    const fake = fakeFetch([() => new Response('Unauthorized', { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="x"' } })]);
    const error = await rejection(connectIcloud({ appleId: 'me@icloud.com', password, caldavUrl: root, fetch: fake.fetch, counter: new RequestCounter() }));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(AUTH_REJECTED_MESSAGE);
  });

  it('reports throttling during discovery as throttled with the server wait', async () => {
    const fake = fakeFetch([() => new Response('busy', { status: 503, headers: { 'Retry-After': '120' } })]);
    const error = await rejection(connectIcloud({ appleId: 'me@icloud.com', password, caldavUrl: root, fetch: fake.fetch, counter: new RequestCounter(), ...quick }));
    expect(error.kind).toBe('throttled');
    expect(error.details.retryAfterMs).toBe(120_000);
  });

  it('lists no calendars from a home that answers 401 after login: an error, not an empty list', async () => {
    const fake = fakeFetch([on('PROPFIND', home, () => new Response('no', { status: 401 })), ...icloudRoutes]);
    const error = await rejection(connectIcloud({ appleId: 'me@icloud.com', password, caldavUrl: root, fetch: fake.fetch, counter: new RequestCounter() }));
    expect(error.kind).toBe('auth');
  });
});
