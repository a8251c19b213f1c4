// The endpoints, following calendars.json / users.json / locations.json / contacts.json: paths, epoch-ms query strings, bodies,
// status codes (200 for appointments, 201 for block slots and delete) and response shapes.
// Auth, Version, limits and faults are handled before these run (server.ts).
import type { SeedLocation } from './seed';
import { newId, strip, type EmulatorState, type StoredEvent } from './state';
import { formatInZone } from './zoned-time';

export interface RouteRequest {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  location: SeedLocation;
  state: EmulatorState;
}

export interface RouteResponse {
  status: number;
  body: unknown;
}

export interface Route {
  method: string;
  pattern: RegExp;
  /** Version the endpoint documents; any other value (or none) is a 400. */
  version: '2021-04-15' | '2021-07-28';
  handle(request: RouteRequest): RouteResponse;
}

const badRequest = (message: string): RouteResponse => ({ status: 400, body: { statusCode: 400, message } });
const unprocessable = (...messages: string[]): RouteResponse => ({
  status: 422,
  body: { statusCode: 422, message: messages, error: 'Unprocessable Entity' },
});
/**
 * Text limits. The official description gives none for a title or a description (only 5,000 for a
 * note body), so these are the emulator's choice — the same as the app's (src/shared/platform-limits.ts)
 * — answered the way the platform's validation answers: 422 with class-validator's words.
 */
export const TEXT_LIMITS = { title: 255, description: 5_000 } as const;

function tooLong(body: Record<string, unknown>): RouteResponse | undefined {
  const messages = (Object.keys(TEXT_LIMITS) as (keyof typeof TEXT_LIMITS)[])
    .filter((key) => typeof body[key] === 'string' && (body[key] as string).length > TEXT_LIMITS[key])
    .map((key) => `${key} must be shorter than or equal to ${TEXT_LIMITS[key]} characters`);
  return messages.length ? unprocessable(...messages) : undefined;
}

const notFound = (what: string): RouteResponse => ({ status: 404, body: { statusCode: 404, message: `${what} not found` } });
const forbidden = (): RouteResponse => ({
  status: 403,
  body: { statusCode: 403, message: 'The token does not have access to this location.', error: 'Forbidden' },
});

function calendarDto(calendar: SeedLocation['calendars'][number], locationId: string): Record<string, unknown> {
  return strip({
    id: calendar.id,
    name: calendar.name,
    locationId,
    groupId: calendar.groupId,
    calendarType: calendar.calendarType,
    isActive: calendar.isActive,
    slotDuration: calendar.slotDuration,
    slotDurationUnit: 'mins',
    teamMembers: calendar.teamMembers.map((member, index) => ({ userId: member.userId, priority: 0.5, isPrimary: index === 0 })),
  });
}

function parseEpochMs(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

function parseIso(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function listWindow(request: RouteRequest, kind: StoredEvent['kind']): RouteResponse {
  const { query, location, state } = request;
  if (!query.get('locationId')) return badRequest('locationId should not be empty');
  if (query.get('locationId') !== location.id) return forbidden();
  const start = parseEpochMs(query.get('startTime'));
  const end = parseEpochMs(query.get('endTime'));
  if (start === undefined || end === undefined) return badRequest('startTime and endTime must be epoch milliseconds');
  const userId = query.get('userId');
  const calendarId = query.get('calendarId');
  const groupId = query.get('groupId');
  if (!userId && !calendarId && !groupId) return badRequest('Either of userId, groupId or calendarId is required');
  const events = state.eventsOf(location.id, kind).filter((event) => {
    if (event.startMs >= end || event.endMs <= start) return false;
    if (userId && event.assignedUserId !== userId && !event.users.includes(userId)) return false;
    if (calendarId && event.calendarId !== calendarId) return false;
    if (groupId && (!event.calendarId || state.calendar(location.id, event.calendarId)?.groupId !== groupId)) return false;
    return true;
  });
  events.sort((a, b) => a.startMs - b.startMs);
  return { status: 200, body: { events: events.map((event) => state.toDto(event)) } };
}

function appointmentDto(event: StoredEvent, location: SeedLocation): Record<string, unknown> {
  return strip({
    id: event.id,
    calendarId: event.calendarId,
    locationId: event.locationId,
    contactId: event.contactId,
    title: event.title,
    appointmentStatus: event.appointmentStatus,
    assignedUserId: event.assignedUserId,
    address: event.address,
    isRecurring: false,
    startTime: formatInZone(event.startMs, location.timezone),
    endTime: formatInZone(event.endMs, location.timezone),
  });
}

function blockedSlotDto(event: StoredEvent, location: SeedLocation): Record<string, unknown> {
  return strip({
    id: event.id,
    locationId: event.locationId,
    title: event.title,
    startTime: formatInZone(event.startMs, location.timezone),
    endTime: formatInZone(event.endMs, location.timezone),
    calendarId: event.calendarId,
    assignedUserId: event.assignedUserId,
  });
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function ownEvent(request: RouteRequest, kind?: StoredEvent['kind']): StoredEvent | undefined {
  const event = request.state.events.get(request.params.eventId);
  if (!event || event.locationId !== request.location.id) return undefined;
  return kind && event.kind !== kind ? undefined : event;
}

function createAppointment({ body, location, state }: RouteRequest): RouteResponse {
  const long = tooLong(body);
  if (long) return long;
  const missing = ['calendarId', 'locationId', 'contactId', 'startTime'].filter((key) => !str(body[key]));
  if (missing.length) return unprocessable(...missing.map((key) => `${key} should not be empty`));
  if (body.locationId !== location.id) return forbidden();
  const calendar = state.calendar(location.id, String(body.calendarId));
  if (!calendar) return unprocessable('calendarId does not belong to this location');
  if (!location.contacts.some((contact) => contact.id === body.contactId)) return unprocessable('contactId not found');
  const startMs = parseIso(body.startTime);
  const endMs = body.endTime === undefined ? (startMs ?? 0) + calendar.slotDuration * 60_000 : parseIso(body.endTime);
  if (startMs === undefined || endMs === undefined) return unprocessable('startTime and endTime must be ISO 8601 date-times');
  if (endMs <= startMs) return unprocessable('endTime must be after startTime');
  const assignedUserId = str(body.assignedUserId) ?? calendar.teamMembers[0]?.userId;
  if (assignedUserId && !location.users.some((user) => user.id === assignedUserId)) return unprocessable('assignedUserId not found');
  const event = state.insert({
    id: newId(),
    kind: 'appointment',
    locationId: location.id,
    calendarId: calendar.id,
    contactId: String(body.contactId),
    assignedUserId,
    users: [],
    title: str(body.title) ?? location.contacts.find((contact) => contact.id === body.contactId)?.name ?? 'Appointment',
    appointmentStatus: str(body.appointmentStatus) ?? 'confirmed',
    startMs,
    endMs,
    address: str(body.address),
    description: str(body.description),
  });
  return { status: 200, body: appointmentDto(event, location) };
}

function updateAppointment(request: RouteRequest): RouteResponse {
  const event = ownEvent(request, 'appointment');
  if (!event) return notFound('Appointment');
  const { body, location, state } = request;
  const long = tooLong(body);
  if (long) return long;
  const startMs = body.startTime === undefined ? event.startMs : parseIso(body.startTime);
  const endMs = body.endTime === undefined ? event.endMs : parseIso(body.endTime);
  if (startMs === undefined || endMs === undefined) return unprocessable('startTime and endTime must be ISO 8601 date-times');
  if (endMs <= startMs) return unprocessable('endTime must be after startTime');
  const updated = state.update(event.id, {
    startMs,
    endMs,
    title: typeof body.title === 'string' ? body.title : undefined,
    appointmentStatus: str(body.appointmentStatus),
    address: typeof body.address === 'string' ? body.address : undefined,
    description: typeof body.description === 'string' ? body.description : undefined,
    assignedUserId: str(body.assignedUserId),
    calendarId: str(body.calendarId),
  });
  return { status: 200, body: appointmentDto(updated, location) };
}

function blockSlotFields(body: Record<string, unknown>, location: SeedLocation, state: EmulatorState, current?: StoredEvent) {
  const long = tooLong(body);
  if (long) return { error: long };
  if (body.locationId !== undefined && body.locationId !== location.id) return { error: forbidden() };
  if (str(body.calendarId) && str(body.assignedUserId)) return { error: unprocessable('Either calendarId or assignedUserId can be set, not both') };
  const calendarId = str(body.calendarId);
  const assignedUserId = str(body.assignedUserId);
  if (calendarId && !state.calendar(location.id, calendarId)) return { error: unprocessable('calendarId does not belong to this location') };
  if (assignedUserId && !location.users.some((user) => user.id === assignedUserId)) return { error: unprocessable('assignedUserId not found') };
  const startMs = body.startTime === undefined ? current?.startMs : parseIso(body.startTime);
  const endMs = body.endTime === undefined ? current?.endMs : parseIso(body.endTime);
  if (startMs === undefined || endMs === undefined) return { error: unprocessable('startTime and endTime must be ISO 8601 date-times') };
  if (endMs <= startMs) return { error: unprocessable('endTime must be after startTime') };
  return { calendarId, assignedUserId, startMs, endMs, title: typeof body.title === 'string' ? body.title : undefined };
}

function createBlockSlot({ body, location, state }: RouteRequest): RouteResponse {
  if (!str(body.locationId)) return unprocessable('locationId should not be empty');
  if (!str(body.calendarId) && !str(body.assignedUserId)) return unprocessable('Either calendarId or assignedUserId is required');
  const fields = blockSlotFields(body, location, state);
  if ('error' in fields) return fields.error as RouteResponse;
  const event = state.insert({
    id: newId(),
    kind: 'blocked',
    locationId: location.id,
    calendarId: fields.calendarId,
    assignedUserId: fields.assignedUserId,
    users: [],
    title: fields.title ?? 'Blocked',
    appointmentStatus: 'new',
    startMs: fields.startMs,
    endMs: fields.endMs,
  });
  return { status: 201, body: blockedSlotDto(event, location) };
}

function updateBlockSlot(request: RouteRequest): RouteResponse {
  const event = ownEvent(request, 'blocked');
  if (!event) return notFound('Blocked slot');
  const fields = blockSlotFields(request.body, request.location, request.state, event);
  if ('error' in fields) return fields.error as RouteResponse;
  const owner = fields.calendarId || fields.assignedUserId ? { calendarId: fields.calendarId, assignedUserId: fields.assignedUserId } : {};
  const updated = request.state.update(event.id, { startMs: fields.startMs, endMs: fields.endMs, title: fields.title, ...owner });
  if (fields.calendarId) delete updated.assignedUserId;
  if (fields.assignedUserId) delete updated.calendarId;
  return { status: 201, body: blockedSlotDto(updated, request.location) };
}

/** GET /locations/{locationId} (locations.json GetLocationByIdSchema): the fields the seed knows. */
function getLocation({ params, location }: RouteRequest): RouteResponse {
  if (params.locationId !== location.id) return forbidden();
  const [firstName, ...rest] = (location.users[0]?.name ?? '').split(' ');
  return {
    status: 200,
    body: {
      location: strip({
        id: location.id,
        companyId: 'company-emulator',
        name: location.name,
        timezone: location.timezone,
        country: 'US',
        firstName: firstName || undefined,
        lastName: rest.join(' ') || undefined,
        email: location.users[0]?.email || undefined,
      }),
    },
  };
}

/**
 * GET /contacts/{contactId} (contacts.json get-contact, ContactsByIdSuccessfulResponseDto): a seed
 * contact of this location by first and last name. A contact of another location, or none, is the
 * documented 400; the scope (contacts.readonly) is checked before routing, like every family.
 */
function getContact({ params, location }: RouteRequest): RouteResponse {
  const contact = location.contacts.find((c) => c.id === params.contactId);
  if (!contact) return badRequest('Contact not found');
  const [firstName, ...rest] = contact.name.split(' ');
  return { status: 200, body: { contact: strip({ id: contact.id, locationId: location.id, firstName: firstName || undefined, lastName: rest.join(' ') || undefined }) } };
}

export const routes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/calendars\/?$/,
    version: '2021-04-15',
    handle: ({ query, location }) => {
      if (!query.get('locationId')) return badRequest('locationId should not be empty');
      if (query.get('locationId') !== location.id) return forbidden();
      return { status: 200, body: { calendars: location.calendars.map((calendar) => calendarDto(calendar, location.id)) } };
    },
  },
  { method: 'GET', pattern: /^\/calendars\/events$/, version: '2021-04-15', handle: (r) => listWindow(r, 'appointment') },
  { method: 'GET', pattern: /^\/calendars\/blocked-slots$/, version: '2021-04-15', handle: (r) => listWindow(r, 'blocked') },
  {
    method: 'GET',
    pattern: /^\/calendars\/events\/appointments\/(?<eventId>[^/]+)$/,
    version: '2021-04-15',
    // Answers for blocked slots too: the sync checks either kind before deleting a mirror.
    handle: (r) => {
      const event = ownEvent(r);
      return event ? { status: 200, body: { event: r.state.toDto(event) } } : notFound('Event');
    },
  },
  { method: 'POST', pattern: /^\/calendars\/events\/appointments$/, version: '2021-04-15', handle: createAppointment },
  { method: 'PUT', pattern: /^\/calendars\/events\/appointments\/(?<eventId>[^/]+)$/, version: '2021-04-15', handle: updateAppointment },
  { method: 'POST', pattern: /^\/calendars\/events\/block-slots$/, version: '2021-04-15', handle: createBlockSlot },
  { method: 'PUT', pattern: /^\/calendars\/events\/block-slots\/(?<eventId>[^/]+)$/, version: '2021-04-15', handle: updateBlockSlot },
  {
    method: 'DELETE',
    pattern: /^\/calendars\/events\/(?<eventId>[^/]+)$/,
    version: '2021-04-15',
    handle: (r) => {
      const event = ownEvent(r);
      if (!event) return notFound('Event');
      r.state.remove(event.id);
      return { status: 201, body: { succeeded: true } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/calendars\/(?<calendarId>[^/]+)$/,
    version: '2021-04-15',
    handle: ({ params, location }) => {
      const calendar = location.calendars.find((c) => c.id === params.calendarId);
      return calendar ? { status: 200, body: { calendar: calendarDto(calendar, location.id) } } : notFound('Calendar');
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/?$/,
    version: '2021-07-28',
    handle: ({ query, location }) => {
      if (!query.get('locationId')) return badRequest('locationId should not be empty');
      if (query.get('locationId') !== location.id) return forbidden();
      const users = location.users.map((user) => {
        const [firstName, ...rest] = user.name.split(' ');
        return { id: user.id, name: user.name, firstName, lastName: rest.join(' '), email: user.email };
      });
      return { status: 200, body: { users } };
    },
  },
  { method: 'GET', pattern: /^\/locations\/(?<locationId>[^/]+)$/, version: '2021-07-28', handle: getLocation },
  { method: 'GET', pattern: /^\/contacts\/(?<contactId>[^/]+)$/, version: '2021-07-28', handle: getContact },
];

export function matchRoute(method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(pathname);
    if (match) return { route, params: { ...(match.groups ?? {}) } };
  }
  return undefined;
}
