// The typed client against the emulator: every endpoint, the headers, the boundary validation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/main/errors';
import { AUTH_MESSAGE, LOCATION_MESSAGE } from '../../../src/main/platform/platform-errors';
import { verifyPlatform } from '../../../src/main/platform/verify';
import type { RunningEmulator } from '../../support/emulator';
import { TEST_LOCATION, TEST_TOKEN, TEST_USER, at, makeClient, startTestEmulator, window } from './helpers';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.faults.clear());

describe('PlatformClient endpoints', () => {
  it('lists users and calendars, and gets one calendar, with the documented Version per endpoint', async () => {
    const { client, counter } = makeClient(emulator);
    const before = emulator.exchanges.length;
    const users = await client.listUsers();
    expect(users.map((u) => u.id)).toEqual([TEST_USER, 'user-grace', 'user-alan']);
    expect(users[0]).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
    const calendars = await client.listCalendars();
    expect(calendars.map((c) => c.calendarType)).toEqual(['round_robin', 'collective', 'class_booking', 'service_booking', 'event', 'personal']);
    const one = await client.getCalendar('cal-rr');
    expect(one.teamMembers.map((m) => m.userId)).toEqual([TEST_USER, 'user-grace']);
    expect(counter.snapshot()).toEqual({ icloud: 0, platform: 3 });

    const sent = emulator.exchanges.slice(before);
    expect(sent.map((x) => [x.path, x.headers.version])).toEqual([
      ['/users/', '2021-07-28'],
      ['/calendars/', '2021-04-15'],
      ['/calendars/cal-rr', '2021-04-15'],
    ]);
    for (const x of sent) {
      expect(x.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
      expect(x.headers.accept).toBe('application/json');
    }
  });

  it('books like a customer, lists, gets, updates and cancels an appointment', async () => {
    const { client } = makeClient(emulator);
    const booked = await client.createAppointment({
      calendarId: 'cal-rr',
      contactId: 'contact-1',
      startTime: at(5, 15),
      endTime: at(5, 16),
      title: 'Consultation',
      assignedUserId: TEST_USER,
    });
    expect(booked).toMatchObject({ calendarId: 'cal-rr', contactId: 'contact-1', locationId: TEST_LOCATION });

    const mine = await client.listAppointments(window({ userId: TEST_USER }));
    const listed = mine.find((e) => e.id === booked.id);
    expect(listed).toMatchObject({ title: 'Consultation', contactId: 'contact-1', appointmentStatus: 'confirmed' });
    // Times come back in the location's zone with an offset (America/New_York), not as Z.
    expect(listed?.startTime).toBe('2030-01-05T10:00:00-05:00');
    expect(Date.parse(listed!.startTime)).toBe(Date.parse(at(5, 15)));
    const query = emulator.exchanges.at(-1)!.query;
    expect(query).toEqual({ locationId: TEST_LOCATION, userId: TEST_USER, startTime: String(Date.UTC(2030, 0, 1)), endTime: String(Date.UTC(2030, 1, 1)) });

    const byCalendar = await client.listAppointments(window({ calendarId: 'cal-rr' }));
    expect(byCalendar.map((e) => e.id)).toContain(booked.id);
    const elsewhere = await client.listAppointments(window({ calendarId: 'cal-coll' }));
    expect(elsewhere.map((e) => e.id)).not.toContain(booked.id);

    const updated = await client.updateAppointment(booked.id, { title: 'Consultation (moved)', startTime: at(6, 15), endTime: at(6, 16) });
    expect(updated.title).toBe('Consultation (moved)');
    const fetched = await client.getEvent(booked.id);
    expect(Date.parse(fetched.startTime)).toBe(Date.parse(at(6, 15)));
    expect(emulator.exchanges.at(-2)!.body).toEqual({ title: 'Consultation (moved)', startTime: at(6, 15), endTime: at(6, 16) });

    // Cancelled appointments stay in the list with their status (the emulator's choice; README).
    await client.updateAppointment(booked.id, { appointmentStatus: 'cancelled' });
    const after = await client.listAppointments(window({ userId: TEST_USER }));
    expect(after.find((e) => e.id === booked.id)?.appointmentStatus).toBe('cancelled');
  });

  it('creates, lists, updates and deletes a user-level blocked slot', async () => {
    const { client } = makeClient(emulator);
    const slot = await client.createBlockSlot({ assignedUserId: TEST_USER, startTime: at(7, 9), endTime: at(7, 10), title: 'Dentist' });
    expect(slot).toMatchObject({ title: 'Dentist', assignedUserId: TEST_USER, locationId: TEST_LOCATION });
    expect(emulator.exchanges.at(-1)!.body).toEqual({
      assignedUserId: TEST_USER,
      startTime: at(7, 9),
      endTime: at(7, 10),
      title: 'Dentist',
      locationId: TEST_LOCATION,
    });
    expect(emulator.exchanges.at(-1)!.status).toBe(201);

    const slots = await client.listBlockedSlots(window({ userId: TEST_USER }));
    const listed = slots.find((s) => s.id === slot.id);
    expect(listed).toMatchObject({ title: 'Dentist', assignedUserId: TEST_USER });
    expect(listed && 'contactId' in listed).toBe(false);
    // Blocked slots never show up among appointments.
    const appointments = await client.listAppointments(window({ userId: TEST_USER }));
    expect(appointments.map((e) => e.id)).not.toContain(slot.id);

    const moved = await client.updateBlockSlot(slot.id, { assignedUserId: TEST_USER, startTime: at(8, 9), endTime: at(8, 11), title: 'Dentist (long)' });
    expect(Date.parse(moved.endTime)).toBe(Date.parse(at(8, 11)));

    await client.deleteEvent(slot.id);
    expect(emulator.exchanges.at(-1)).toMatchObject({ method: 'DELETE', body: {}, status: 201 });
    const gone = await client.getEvent(slot.id).catch((e: unknown) => e);
    expect(gone).toMatchObject({ kind: 'gone' });
    expect((gone as Error).message).toContain('GET /calendars/events/appointments/{eventId}');
  });

  it('keeps appointments and blocked slots apart even if /calendars/events returns both', async () => {
    const { client: plain } = makeClient(emulator);
    const slot = await plain.createBlockSlot({ assignedUserId: TEST_USER, startTime: at(9, 9), endTime: at(9, 10), title: 'Gym' });
    // The other behaviour the docs leave open: the events list also carries blocked slots.
    const mixingFetch = async (input: string, init: RequestInit): Promise<Response> => {
      const response = await fetch(input, init);
      if (!new URL(input).pathname.endsWith('/calendars/events')) return response;
      const body = (await response.json()) as { events: unknown[] };
      const slotDto = emulator.state.toDto(emulator.state.events.get(slot.id)!);
      return new Response(JSON.stringify({ events: [...body.events, slotDto] }), { status: 200, headers: response.headers });
    };
    const { client } = makeClient(emulator, { fetch: mixingFetch });
    const appointments = await client.listAppointments(window({ userId: TEST_USER }));
    expect(appointments.length).toBeGreaterThan(0);
    expect(appointments.every((e) => e.contactId)).toBe(true);
    expect(appointments.map((e) => e.id)).not.toContain(slot.id);
  });

  it('verifyPlatform returns the users for a good token and an auth error for a bad one', async () => {
    const users = await verifyPlatform({ baseUrl: emulator.url, token: TEST_TOKEN, locationId: TEST_LOCATION });
    expect(users).toHaveLength(3);
    const error = await verifyPlatform({ baseUrl: emulator.url, token: 'wrong', locationId: TEST_LOCATION }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', message: AUTH_MESSAGE, details: { status: 401 } });
    // A good token with a wrong location id is said as such, not as a rejected token.
    const wrongLocation = await verifyPlatform({ baseUrl: emulator.url, token: TEST_TOKEN, locationId: 'not-my-location' }).catch((e: unknown) => e);
    expect(wrongLocation).toMatchObject({ kind: 'auth', message: LOCATION_MESSAGE, details: { status: 403 } });
  });
});

describe('PlatformClient errors', () => {
  it('401: a rotated token asks to reconnect', async () => {
    emulator.state.addToken(TEST_LOCATION, 'soon-rotated');
    const { client } = makeClient(emulator, { token: 'soon-rotated' });
    await expect(client.listCalendars()).resolves.toHaveLength(6);
    emulator.state.revokeToken('soon-rotated');
    const error = await client.listCalendars().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ kind: 'auth', message: AUTH_MESSAGE, details: { side: 'platform', status: 401 } });
  });

  it('403: a token used for another location is an auth error too', async () => {
    const { client } = makeClient(emulator, { locationId: 'someone-elses-location' });
    await expect(client.listCalendars()).rejects.toMatchObject({ kind: 'auth', details: { status: 403 } });
  });

  it('404 on an event or a calendar → gone', async () => {
    const { client } = makeClient(emulator);
    await expect(client.getEvent('no-such-event')).rejects.toMatchObject({ kind: 'gone', details: { status: 404 } });
    await expect(client.deleteEvent('no-such-event')).rejects.toMatchObject({ kind: 'gone' });
    await expect(client.updateAppointment('no-such-event', { title: 'x' })).rejects.toMatchObject({ kind: 'gone' });
    await expect(client.getCalendar('no-such-calendar')).rejects.toMatchObject({ kind: 'gone' });
  });

  it("422 → an item error carrying the server's message", async () => {
    const { client, counter } = makeClient(emulator);
    const error = await client
      .createBlockSlot({ assignedUserId: TEST_USER, startTime: at(3, 10), endTime: at(3, 9), title: 'Backwards' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'item', details: { status: 422 } });
    expect((error as Error).message).toBe('POST /calendars/events/block-slots was refused (422): endTime must be after startTime');
    expect(counter.snapshot().platform).toBe(1); // never retried
  });

  it('malformed JSON: retried for a read, then a clear error naming the endpoint', async () => {
    const { client, counter } = makeClient(emulator, { maxAttempts: 2 });
    emulator.faults.enqueue({ kind: 'malformed' });
    await expect(client.listUsers()).resolves.toHaveLength(3);
    emulator.faults.enqueue({ kind: 'malformed' }, { kind: 'malformed' });
    const error = await client.listUsers().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', message: 'The platform answered GET /users/ with a body that is not JSON.' });
    expect(counter.snapshot().platform).toBe(4);
  });

  it('an unexpected shape is a clear error naming the endpoint and the field, never a crash', async () => {
    const badFetch = async () => new Response(JSON.stringify({ calendars: [{ id: 7, name: 'x' }] }), { status: 200 });
    const { client } = makeClient(emulator, { fetch: badFetch });
    const error = await client.listCalendars().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as Error).message).toMatch(/^The platform answered GET \/calendars\/ with an unexpected shape \(calendars\.0\.id: /);
  });
});
