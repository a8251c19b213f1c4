// The typed platform client: one method per endpoint of platform-api.md, each sending the Version
// header that endpoint documents. Pacing, retries, counting and validation live in transport.ts.
export { isAppointment } from './schemas';
import { isAppointment } from './schemas';
import type { RequestCounter } from '../request-counter';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { RateLimiter } from './rate-limiter';
import {
  appointmentResponseSchema,
  blockedSlotResponseSchema,
  calendarResponseSchema,
  calendarsResponseSchema,
  contactResponseSchema,
  deleteResponseSchema,
  eventResponseSchema,
  eventsResponseSchema,
  locationResponseSchema,
  usersResponseSchema,
  type AppointmentResponse,
  type BlockedSlotResponse,
  type CalendarEvent,
  type PlatformCalendar,
  type PlatformContact,
  type PlatformLocation,
  type PlatformUser,
} from './schemas';
import { defaultHttpFetch } from './http-fetch';
import { Transport, type FetchLike } from './transport';

export const CALENDARS_VERSION = '2021-04-15';
export const USERS_VERSION = '2021-07-28';
export const LOCATIONS_VERSION = '2021-07-28';
export const CONTACTS_VERSION = '2021-07-28';
export const DEFAULT_PLATFORM_URL = 'https://services.leadconnectorhq.com';

export interface PlatformClientOptions {
  baseUrl: string;
  token: string;
  locationId: string;
  counter: RequestCounter;
  limiter: RateLimiter;
  /** Default: http-fetch.ts (node:http keep-alive), not the global fetch. */
  fetch?: FetchLike;
  clock?: Clock;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Retries after a burst 429 (default 5); the doctor wants the answer now, not after backing off. */
  max429Retries?: number;
}

/** A time sent to the platform: a Date, epoch ms, or an ISO 8601 string with an offset. */
export type TimeInput = Date | number | string;

/** Exactly one owner filter, as the API requires one of userId, calendarId or groupId. */
export type EventOwnerFilter = { userId: string } | { calendarId: string } | { groupId: string };
export type EventWindow = EventOwnerFilter & { startTime: TimeInput; endTime: TimeInput };

export interface BlockSlotInput {
  assignedUserId: string;
  startTime: TimeInput;
  endTime: TimeInput;
  title: string;
}

export interface AppointmentUpdate {
  title?: string;
  startTime?: TimeInput;
  endTime?: TimeInput;
  appointmentStatus?: 'new' | 'confirmed' | 'cancelled' | 'showed' | 'noshow' | 'invalid';
  address?: string;
  assignedUserId?: string;
  calendarId?: string;
  toNotify?: boolean;
  ignoreFreeSlotValidation?: boolean;
}

export interface AppointmentCreate extends AppointmentUpdate {
  calendarId: string;
  contactId: string;
  startTime: TimeInput;
}

function toIso(time: TimeInput): string {
  if (typeof time === 'string') return time;
  return new Date(time).toISOString();
}

function toEpochMs(time: TimeInput): string {
  const ms = typeof time === 'number' ? time : typeof time === 'string' ? Date.parse(time) : time.getTime();
  return String(ms);
}

function withIsoTimes<T extends { startTime?: TimeInput; endTime?: TimeInput }>(input: T) {
  return {
    ...input,
    ...(input.startTime !== undefined ? { startTime: toIso(input.startTime) } : {}),
    ...(input.endTime !== undefined ? { endTime: toIso(input.endTime) } : {}),
  };
}


export class PlatformClient {
  readonly locationId: string;
  private readonly transport: Transport;

  constructor(options: PlatformClientOptions) {
    this.locationId = options.locationId;
    this.transport = new Transport({
      baseUrl: options.baseUrl,
      token: options.token,
      fetch: options.fetch ?? defaultHttpFetch(),
      counter: options.counter,
      limiter: options.limiter,
      clock: options.clock ?? systemClock,
      timeoutMs: options.timeoutMs,
      maxAttempts: options.maxAttempts,
      max429Retries: options.max429Retries,
    });
  }

  async listCalendars(): Promise<PlatformCalendar[]> {
    const body = await this.transport.send({
      endpoint: 'GET /calendars/',
      method: 'GET',
      path: 'calendars/',
      version: CALENDARS_VERSION,
      query: { locationId: this.locationId },
      schema: calendarsResponseSchema,
      idempotent: true,
    });
    return body.calendars;
  }

  async getCalendar(calendarId: string): Promise<PlatformCalendar> {
    const body = await this.transport.send({
      endpoint: 'GET /calendars/{calendarId}',
      method: 'GET',
      path: `calendars/${encodeURIComponent(calendarId)}`,
      version: CALENDARS_VERSION,
      schema: calendarResponseSchema,
      idempotent: true,
    });
    return body.calendar;
  }

  /** Appointments (events with a contact) in the window; cancelled ones included with their status. */
  async listAppointments(window: EventWindow): Promise<CalendarEvent[]> {
    const events = await this.listWindow('GET /calendars/events', 'calendars/events', window);
    return events.filter(isAppointment);
  }

  /** Blocked slots (events without a contact) in the window. */
  async listBlockedSlots(window: EventWindow): Promise<CalendarEvent[]> {
    const events = await this.listWindow('GET /calendars/blocked-slots', 'calendars/blocked-slots', window);
    return events.filter((event) => !isAppointment(event));
  }

  /** One event by id; a SyncError of kind 'gone' when it no longer exists. */
  async getEvent(eventId: string): Promise<CalendarEvent> {
    const body = await this.transport.send({
      endpoint: 'GET /calendars/events/appointments/{eventId}',
      method: 'GET',
      path: `calendars/events/appointments/${encodeURIComponent(eventId)}`,
      version: CALENDARS_VERSION,
      schema: eventResponseSchema,
      idempotent: true,
    });
    return body.event;
  }

  /** Books like a customer would. Tests only: the sync never creates appointments (S8). */
  async createAppointment(input: AppointmentCreate): Promise<AppointmentResponse> {
    return this.transport.send({
      endpoint: 'POST /calendars/events/appointments',
      method: 'POST',
      path: 'calendars/events/appointments',
      version: CALENDARS_VERSION,
      body: { ...withIsoTimes(input), locationId: this.locationId },
      schema: appointmentResponseSchema,
      idempotent: false,
    });
  }

  async updateAppointment(eventId: string, update: AppointmentUpdate): Promise<AppointmentResponse> {
    return this.transport.send({
      endpoint: 'PUT /calendars/events/appointments/{eventId}',
      method: 'PUT',
      path: `calendars/events/appointments/${encodeURIComponent(eventId)}`,
      version: CALENDARS_VERSION,
      body: withIsoTimes(update),
      schema: appointmentResponseSchema,
      idempotent: true,
    });
  }

  /**
   * Not idempotent (no external-id field): a timeout, reset or 5xx yields an OutcomeUnknownError
   * instead of a retry; record the intent before calling and adopt the slot afterwards (DESIGN §3).
   */
  async createBlockSlot(input: BlockSlotInput): Promise<BlockedSlotResponse> {
    return this.transport.send({
      endpoint: 'POST /calendars/events/block-slots',
      method: 'POST',
      path: 'calendars/events/block-slots',
      version: CALENDARS_VERSION,
      body: { ...withIsoTimes(input), locationId: this.locationId },
      schema: blockedSlotResponseSchema,
      idempotent: false,
    });
  }

  async updateBlockSlot(eventId: string, input: BlockSlotInput): Promise<BlockedSlotResponse> {
    return this.transport.send({
      endpoint: 'PUT /calendars/events/block-slots/{eventId}',
      method: 'PUT',
      path: `calendars/events/block-slots/${encodeURIComponent(eventId)}`,
      version: CALENDARS_VERSION,
      body: { ...withIsoTimes(input), locationId: this.locationId },
      schema: blockedSlotResponseSchema,
      idempotent: true,
    });
  }

  /** Deletes an appointment or a blocked slot; a SyncError of kind 'gone' when it was already gone. */
  async deleteEvent(eventId: string): Promise<void> {
    await this.transport.send({
      endpoint: 'DELETE /calendars/events/{eventId}',
      method: 'DELETE',
      path: `calendars/events/${encodeURIComponent(eventId)}`,
      version: CALENDARS_VERSION,
      body: {},
      schema: deleteResponseSchema,
      idempotent: true,
    });
  }

  async listUsers(): Promise<PlatformUser[]> {
    const body = await this.transport.send({
      endpoint: 'GET /users/',
      method: 'GET',
      path: 'users/',
      version: USERS_VERSION,
      query: { locationId: this.locationId },
      schema: usersResponseSchema,
      idempotent: true,
    });
    return body.users;
  }

  /** The location (sub-account): its name and time zone. Needs the `locations.readonly` scope. */
  async getLocation(): Promise<PlatformLocation> {
    const body = await this.transport.send({
      endpoint: 'GET /locations/{locationId}',
      method: 'GET',
      path: `locations/${encodeURIComponent(this.locationId)}`,
      version: LOCATIONS_VERSION,
      schema: locationResponseSchema,
      idempotent: true,
    });
    return body.location;
  }

  /**
   * One contact (the customer of an appointment), for the cancel confirmation. Needs the
   * `contacts.readonly` scope: a token without it is refused (401/403) and the caller says "the
   * customer" instead.
   */
  async getContact(contactId: string): Promise<PlatformContact> {
    const body = await this.transport.send({
      endpoint: 'GET /contacts/{contactId}',
      method: 'GET',
      path: `contacts/${encodeURIComponent(contactId)}`,
      version: CONTACTS_VERSION,
      schema: contactResponseSchema,
      idempotent: true,
    });
    return body.contact;
  }

  private async listWindow(endpoint: string, path: string, window: EventWindow): Promise<CalendarEvent[]> {
    const owner =
      'userId' in window ? { userId: window.userId } : 'calendarId' in window ? { calendarId: window.calendarId } : { groupId: window.groupId };
    const body = await this.transport.send({
      endpoint,
      method: 'GET',
      path,
      version: CALENDARS_VERSION,
      query: {
        locationId: this.locationId,
        ...owner,
        startTime: toEpochMs(window.startTime),
        endTime: toEpochMs(window.endTime),
      },
      schema: eventsResponseSchema,
      idempotent: true,
    });
    return body.events;
  }
}
