// The two sides as the sync engine uses them. IcloudSource and PlatformClient implement these; the
// property and crash tests use in-memory ones. Wired through constructors (DESIGN §2), never globals.
import type { CalendarCursor, ChangeSet, KnownObjects, ObjectsTaker, RemoteObject, WriteResult } from '../icloud';
import type { AppointmentUpdate, BlockSlotInput, EventWindow } from '../platform/client';
import type { CalendarEvent, PlatformContact, PlatformLocation } from '../platform/schemas';

export interface IcloudPort {
  /**
   * Given `onObjects`, a side may hand the objects it read there batch by batch (and leave them out
   * of created/updated) so that a large read is never held whole; one that does not returns them.
   */
  fetchChanges(calendarUrl: string, cursor: CalendarCursor, known: KnownObjects, onObjects?: ObjectsTaker): Promise<ChangeSet>;
  getObject(href: string): Promise<RemoteObject | undefined>;
  createEvent(calendarUrl: string, uuid: string, ics: string): Promise<WriteResult>;
  updateEvent(href: string, ics: string, etag: string): Promise<WriteResult>;
  deleteEvent(href: string, etag: string): Promise<'deleted' | 'gone'>;
}

export interface PlatformPort {
  listAppointments(window: EventWindow): Promise<CalendarEvent[]>;
  listBlockedSlots(window: EventWindow): Promise<CalendarEvent[]>;
  getEvent(eventId: string): Promise<CalendarEvent>;
  createBlockSlot(input: BlockSlotInput): Promise<{ id: string; title: string; startTime: string; endTime: string }>;
  updateBlockSlot(eventId: string, input: BlockSlotInput): Promise<unknown>;
  updateAppointment(eventId: string, update: AppointmentUpdate & { description?: string }): Promise<unknown>;
  deleteEvent(eventId: string): Promise<void>;
  /** The location's name and zone (S15); optional: a side without it keeps what connect read. */
  getLocation?(): Promise<PlatformLocation>;
  /** The customer of an appointment, for the cancel confirmation only; optional like getLocation. */
  getContact?(contactId: string): Promise<PlatformContact>;
}
