// Contract test: the emulator's responses and the client's requests, checked against the official
// OpenAPI description (patched in memory, see patched-spec.ts) with openapi-backend.
//
// Why openapi-backend: maintained (5.x, 2025), framework-agnostic, validates requests (path, query,
// headers, body) and responses by operation with Ajv, and checks the definition itself in strict
// mode. openapi-response-validator/openapi-request-validator (same 12.1.3 family) need two
// libraries and hand-wired operation matching; @seriousme/openapi-schema-validator only validates
// the spec document, not traffic.
import OpenAPIBackend from 'openapi-backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestCounter } from '../../src/main/request-counter';
import { PlatformClient } from '../../src/main/platform/client';
import { RateLimiter } from '../../src/main/platform/rate-limiter';
import { startEmulator, type Exchange, type RunningEmulator } from '../support/emulator';
import { TEST_LOCATION, TEST_TOKEN, TEST_USER, defaultSeed } from '../support/emulator/default-seed';
import { loadPatchedSpecs } from './patched-spec';

let emulator: RunningEmulator;
let calendarsApi: OpenAPIBackend;
let usersApi: OpenAPIBackend;
let locationsApi: OpenAPIBackend;
const specs = loadPatchedSpecs();

beforeAll(async () => {
  // strict: an invalid definition (after our patches) fails the test instead of warning.
  calendarsApi = new OpenAPIBackend({ definition: specs.calendars as never, strict: true, quick: false });
  usersApi = new OpenAPIBackend({ definition: specs.users as never, strict: true, quick: false });
  locationsApi = new OpenAPIBackend({ definition: specs.locations as never, strict: true, quick: false });
  await Promise.all([calendarsApi.init(), usersApi.init(), locationsApi.init()]);
  emulator = await startEmulator({ seed: defaultSeed(), port: 0 });
});
afterAll(() => emulator?.stop());

const at = (day: number, hour: number) => new Date(Date.UTC(2031, 2, day, hour)).toISOString();

/** Drive every endpoint the product uses, the way the product (and a test booking) uses it. */
async function exerciseEveryEndpoint(): Promise<Exchange[]> {
  const client = new PlatformClient({
    baseUrl: emulator.url,
    token: TEST_TOKEN,
    locationId: TEST_LOCATION,
    counter: new RequestCounter(),
    limiter: new RateLimiter(),
  });
  const window = { userId: TEST_USER, startTime: Date.UTC(2031, 2, 1), endTime: Date.UTC(2031, 3, 1) };
  await client.listUsers();
  await client.getLocation();
  // The documented refusal of a token created without locations.readonly (S15's fallback).
  emulator.state.withholdScope(TEST_TOKEN, 'locations.readonly');
  await expect(client.getLocation()).rejects.toMatchObject({ details: { status: 401 } });
  emulator.state.grantScope(TEST_TOKEN, 'locations.readonly');
  await client.listCalendars();
  await client.getCalendar('cal-rr');
  const appointment = await client.createAppointment({ calendarId: 'cal-rr', contactId: 'contact-2', startTime: at(3, 14), endTime: at(3, 15), title: 'Intro call' });
  await client.listAppointments(window);
  await client.listAppointments({ calendarId: 'cal-rr', startTime: window.startTime, endTime: window.endTime });
  await client.getEvent(appointment.id);
  await client.updateAppointment(appointment.id, { title: 'Intro call (moved)', startTime: at(4, 14), endTime: at(4, 15) });
  await client.updateAppointment(appointment.id, { appointmentStatus: 'cancelled' });
  const slot = await client.createBlockSlot({ assignedUserId: TEST_USER, startTime: at(5, 9), endTime: at(5, 10), title: 'Busy' });
  await client.listBlockedSlots(window);
  await client.updateBlockSlot(slot.id, { assignedUserId: TEST_USER, startTime: at(5, 10), endTime: at(5, 11), title: 'Busy (moved)' });
  await client.getEvent(slot.id);
  await client.deleteEvent(slot.id);
  await client.deleteEvent(appointment.id);
  // Two documented failures: no token, no Version header.
  await fetch(`${emulator.url}/calendars/?locationId=${TEST_LOCATION}`, { headers: { Version: '2021-04-15' } });
  await fetch(`${emulator.url}/users/?locationId=${TEST_LOCATION}`, { headers: { Authorization: `Bearer ${TEST_TOKEN}` } });
  return [...emulator.exchanges];
}

function apiFor(path: string): OpenAPIBackend {
  if (path.startsWith('/locations')) return locationsApi;
  return path.startsWith('/users') ? usersApi : calendarsApi;
}

describe('platform contract (official OpenAPI description)', () => {
  it('patches exactly the known defects (and says which of its own)', () => {
    expect(specs.applied).toEqual(
      expect.arrayContaining([
        'time fields typed object → string',
        'isRecurring example string → boolean',
        'schema examples[] → example',
        'block-slot requests: calendarId OR assignedUserId, not both',
        'CalendarEventDTO: contactId, calendarId and groupId optional',
      ]),
    );
  });

  it("every request the client sends and every answer the emulator gives conform to the spec", async () => {
    const exchanges = await exerciseEveryEndpoint();
    const operations = new Set<string>();
    const problems: string[] = [];
    for (const exchange of exchanges) {
      const api = apiFor(exchange.path);
      const request = { method: exchange.method, path: exchange.path, query: exchange.query, headers: exchange.headers, body: exchange.body };
      const operation = api.matchOperation(request);
      if (!operation) {
        problems.push(`${exchange.method} ${exchange.path}: no operation in the spec`);
        continue;
      }
      operations.add(operation.operationId ?? '');
      const label = `${operation.operationId} (${exchange.status})`;
      if (exchange.status < 400) {
        const requestResult = api.validateRequest(request, operation);
        if (!requestResult.valid) problems.push(`${label} request: ${JSON.stringify(requestResult.errors)}`);
      }
      const documented = Object.keys(operation.responses ?? {}).includes(String(exchange.status));
      if (!documented) {
        problems.push(`${label}: status not documented`);
        continue;
      }
      const responseResult = api.validateResponse(exchange.responseBody, operation, exchange.status);
      if (!responseResult.valid) problems.push(`${label} response: ${JSON.stringify(responseResult.errors)}`);
    }
    expect(problems).toEqual([]);
    expect([...operations].sort()).toEqual(
      [
        'create-appointment',
        'create-block-slot',
        'delete-event',
        'edit-appointment',
        'edit-block-slot',
        'get-appointment',
        'get-blocked-slots',
        'get-calendar',
        'get-calendar-events',
        'get-calendars',
        'get-location',
        'get-user-by-location',
      ].sort(),
    );
  });

  it('the validator is not a rubber stamp: a wrong shape, a missing Version and both owners on a block slot fail', () => {
    const listEvents = calendarsApi.getOperation('get-calendar-events')!;
    const bad = calendarsApi.validateResponse({ events: [{ id: 1 }] }, listEvents, 200);
    expect(bad.valid).toBe(false);
    const noVersion = calendarsApi.validateRequest(
      { method: 'GET', path: '/calendars/events', query: { locationId: 'l', userId: 'u', startTime: '1', endTime: '2' }, headers: {} },
      listEvents,
    );
    expect(noVersion.valid).toBe(false);
    const createSlot = calendarsApi.getOperation('create-block-slot')!;
    const both = calendarsApi.validateRequest(
      {
        method: 'POST',
        path: '/calendars/events/block-slots',
        headers: { version: '2021-04-15', 'content-type': 'application/json' },
        body: { locationId: 'l', calendarId: 'c', assignedUserId: 'u' },
      },
      createSlot,
    );
    expect(both.valid).toBe(false);
  });
});
