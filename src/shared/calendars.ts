// A calendar on either side as the user sees it in `calendars` and in the window.
import { z } from 'zod';

export const calendarEntrySchema = z.object({
  side: z.enum(['icloud', 'platform']),
  /** The calendar URL on iCloud, the calendar id on the platform. */
  id: z.string(),
  name: z.string(),
  /** iCloud: "calendar" | "subscribed"; platform: its calendarType. */
  type: z.string(),
  eligible: z.boolean(),
  /** Why the calendar cannot be used (or can only be a busy source), in words. */
  reason: z.string().optional(),
  color: z.string().optional(),
  writable: z.boolean().optional(),
  /** iCloud only: may be a busy source (read-only calendars may; subscribed ones may not). */
  busySourceEligible: z.boolean().optional(),
  /** Platform only: the connected user is a team member. */
  mine: z.boolean().optional(),
  /** Platform only: the location (sub-account) the calendar is in. */
  locationId: z.string().optional(),
  /** iCloud only: the locations whose appointments are copied to it (the linked calendar: those without one of their own). */
  appointmentsFrom: z.array(z.string()).optional(),
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;
