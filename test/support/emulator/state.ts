// The emulator's in-memory world: locations, their calendars, users, contacts and events. Tests
// reach it through `emulator.state` to arrange and inspect (e.g. a customer cancels, an admin
// deletes a blocked slot in the platform's UI).
import { randomBytes } from 'node:crypto';
import type { ParsedSeed, SeedCalendar, SeedLocation } from './seed';
import { formatInZone } from './zoned-time';

export interface StoredEvent {
  id: string;
  kind: 'appointment' | 'blocked';
  locationId: string;
  calendarId?: string;
  contactId?: string;
  assignedUserId?: string;
  users: string[];
  title: string;
  appointmentStatus: string;
  startMs: number;
  endMs: number;
  notes?: string;
  /** The appointment's description (create/edit bodies send `description`). */
  description?: string;
  address?: string;
  addedMs: number;
  updatedMs: number;
}

/** Firestore-like 20-character ids, like the platform's. */
export function newId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(20), (byte) => alphabet[byte % alphabet.length]).join('');
}

export class EmulatorState {
  readonly locations = new Map<string, SeedLocation>();
  readonly events = new Map<string, StoredEvent>();
  private readonly tokens = new Map<string, string>();

  constructor(
    seed: ParsedSeed,
    private readonly now: () => number = Date.now,
  ) {
    for (const location of seed.locations) {
      this.locations.set(location.id, location);
      for (const token of location.tokens) this.tokens.set(token, location.id);
      for (const event of location.events) {
        const calendar = event.calendarId ? location.calendars.find((c) => c.id === event.calendarId) : undefined;
        this.insert({
          id: event.id ?? newId(),
          kind: event.kind,
          locationId: location.id,
          calendarId: event.calendarId,
          contactId: event.contactId,
          assignedUserId: event.assignedUserId ?? calendar?.teamMembers[0]?.userId,
          users: event.users ?? [],
          title: event.title,
          appointmentStatus: event.appointmentStatus ?? (event.kind === 'appointment' ? 'confirmed' : 'new'),
          startMs: Date.parse(event.startTime),
          endMs: Date.parse(event.endTime),
          notes: event.notes,
          address: event.address,
        });
      }
    }
  }

  locationForToken(token: string): SeedLocation | undefined {
    const id = this.tokens.get(token);
    return id ? this.locations.get(id) : undefined;
  }

  /** Rotating a token in the platform's settings: the old one stops working at once. */
  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  addToken(locationId: string, token: string): void {
    this.tokens.set(token, locationId);
  }

  /** Whether the token was created without this scope (seed `withheldScopes`, or withholdScope). */
  lacksScope(token: string, scope: string): boolean {
    const location = this.locationForToken(token);
    return Boolean(location?.withheldScopes[token]?.includes(scope));
  }

  /** An admin edits the Private Integration's scopes on the platform: takes one away… */
  withholdScope(token: string, scope: string): void {
    const location = this.locationForToken(token);
    if (!location) throw new Error('unknown token');
    location.withheldScopes[token] = [...new Set([...(location.withheldScopes[token] ?? []), scope])];
  }

  /** …or adds it back. */
  grantScope(token: string, scope: string): void {
    const location = this.locationForToken(token);
    if (!location) throw new Error('unknown token');
    location.withheldScopes[token] = (location.withheldScopes[token] ?? []).filter((s) => s !== scope);
  }

  calendar(locationId: string, calendarId: string): SeedCalendar | undefined {
    return this.locations.get(locationId)?.calendars.find((calendar) => calendar.id === calendarId);
  }

  insert(fields: Omit<StoredEvent, 'addedMs' | 'updatedMs'>): StoredEvent {
    const now = this.now();
    const event: StoredEvent = { ...fields, addedMs: now, updatedMs: now };
    this.events.set(event.id, event);
    return event;
  }

  update(id: string, patch: Partial<Omit<StoredEvent, 'id' | 'kind' | 'locationId' | 'addedMs'>>): StoredEvent {
    const event = this.events.get(id);
    if (!event) throw new Error(`no event ${id}`);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    Object.assign(event, defined, { updatedMs: this.now() });
    return event;
  }

  remove(id: string): boolean {
    return this.events.delete(id);
  }

  eventsOf(locationId: string, kind: StoredEvent['kind']): StoredEvent[] {
    return [...this.events.values()].filter((event) => event.locationId === locationId && event.kind === kind);
  }

  /** The wire shape of CalendarEventDTO, times in the location's zone. */
  toDto(event: StoredEvent): Record<string, unknown> {
    const location = this.locations.get(event.locationId);
    const zone = location?.timezone ?? 'UTC';
    const calendar = event.calendarId ? this.calendar(event.locationId, event.calendarId) : undefined;
    return strip({
      id: event.id,
      title: event.title,
      calendarId: event.calendarId,
      locationId: event.locationId,
      contactId: event.contactId,
      groupId: calendar?.groupId,
      appointmentStatus: event.appointmentStatus,
      assignedUserId: event.assignedUserId,
      users: event.users,
      notes: event.notes,
      description: event.description,
      address: event.address,
      isRecurring: false,
      startTime: formatInZone(event.startMs, zone),
      endTime: formatInZone(event.endMs, zone),
      dateAdded: new Date(event.addedMs).toISOString(),
      dateUpdated: new Date(event.updatedMs).toISOString(),
    });
  }
}

/** Absent fields are left out, as the platform does, rather than sent as null. */
export function strip(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
