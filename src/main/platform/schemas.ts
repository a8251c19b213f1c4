// The platform's response shapes, validated at the boundary (platform-api.md, calendars.json,
// users.json). Deliberately lenient where the official description is wrong or vague: times are
// ISO strings (the spec says `object`), `isRecurring` may come as "true", and `contactId`/`groupId`
// are absent on blocked slots although the shared DTO marks them required.
import { z } from 'zod';

export const calendarTypes = ['round_robin', 'event', 'class_booking', 'collective', 'service_booking', 'personal'] as const;
export type CalendarType = (typeof calendarTypes)[number];

export const appointmentStatuses = ['new', 'confirmed', 'cancelled', 'showed', 'noshow', 'invalid', 'active', 'completed'] as const;

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an ISO date-time');
const looseBoolean = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');

export const teamMemberSchema = z.object({
  userId: z.string(),
  isPrimary: z.boolean().optional(),
  priority: z.number().optional(),
});

export const calendarSchema = z.object({
  id: z.string(),
  name: z.string(),
  locationId: z.string(),
  groupId: z.string().optional(),
  // Kept as a plain string: a type added by the platform later must not break the whole list; it is
  // simply not eligible (see eligibility.ts).
  calendarType: z.string().optional(),
  isActive: z.boolean().optional(),
  teamMembers: z.array(teamMemberSchema).optional().default([]),
  eventColor: z.string().optional(),
});
export type PlatformCalendar = z.infer<typeof calendarSchema>;

export const calendarEventSchema = z.object({
  id: z.string(),
  title: z.string().optional().default(''),
  calendarId: z.string().optional(),
  locationId: z.string(),
  contactId: z.string().nullish(),
  groupId: z.string().nullish(),
  appointmentStatus: z.string().optional(),
  assignedUserId: z.string().nullish(),
  users: z.array(z.string()).optional().default([]),
  notes: z.string().nullish(),
  description: z.string().nullish(),
  address: z.string().nullish(),
  isRecurring: looseBoolean.optional(),
  rrule: z.string().nullish(),
  masterEventId: z.string().nullish(),
  startTime: isoTime,
  endTime: isoTime,
  dateAdded: isoTime.optional(),
  dateUpdated: isoTime.optional(),
});
export type CalendarEvent = z.infer<typeof calendarEventSchema>;

export const calendarsResponseSchema = z.object({ calendars: z.array(calendarSchema) });
export const calendarResponseSchema = z.object({ calendar: calendarSchema });
export const eventsResponseSchema = z.object({ events: z.array(calendarEventSchema) });
export const eventResponseSchema = z.object({ event: calendarEventSchema });

/** POST/PUT appointments answer with the appointment itself, not wrapped. */
export const appointmentResponseSchema = z.object({
  id: z.string(),
  calendarId: z.string(),
  locationId: z.string(),
  contactId: z.string(),
  title: z.string().optional(),
  appointmentStatus: z.string().optional(),
  assignedUserId: z.string().optional(),
  address: z.string().optional(),
  startTime: isoTime.optional(),
  endTime: isoTime.optional(),
  isRecurring: looseBoolean.optional(),
  rrule: z.string().optional(),
});
export type AppointmentResponse = z.infer<typeof appointmentResponseSchema>;

export const blockedSlotResponseSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  title: z.string(),
  startTime: isoTime,
  endTime: isoTime,
  calendarId: z.string().optional(),
  assignedUserId: z.string().optional(),
});
export type BlockedSlotResponse = z.infer<typeof blockedSlotResponseSchema>;

export const deleteResponseSchema = z.object({ succeeded: z.boolean().optional() });

export const userSchema = z.object({
  id: z.string(),
  name: z.string().optional().default(''),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string().optional().default(''),
});
export type PlatformUser = z.infer<typeof userSchema>;
export const usersResponseSchema = z.object({ users: z.array(userSchema) });

/** GET /locations/{locationId} (locations.json GetLocationByIdSchema): only what the sync uses. */
export const locationSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  timezone: z.string().optional(),
});
export type PlatformLocation = z.infer<typeof locationSchema>;
export const locationResponseSchema = z.object({ location: locationSchema });

/** An appointment has a contact; a blocked slot has none. The API does not say whether
 *  /calendars/events also returns blocked slots, so we decide by this and nothing else. */
export function isAppointment(event: CalendarEvent): boolean {
  return typeof event.contactId === 'string' && event.contactId !== '';
}

/**
 * GET /contacts/{contactId} (contacts.json ContactsByIdSuccessfulResponseDto): only the name, read
 * when the user is about to cancel a booking so the confirmation can say whose it is. Personal
 * data: shown in that one question, never stored, logged or put in a run report.
 */
export const contactSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
});
export type PlatformContact = z.infer<typeof contactSchema>;
export const contactResponseSchema = z.object({ contact: contactSchema });

/** What a person calls the contact: its name, else first and last name; undefined when it has none. */
export function contactName(contact: PlatformContact): string | undefined {
  const whole = contact.name?.trim() || [contact.firstName?.trim(), contact.lastName?.trim()].filter(Boolean).join(' ');
  return whole || undefined;
}
