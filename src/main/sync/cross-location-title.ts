// The title of a blocked slot that keeps another location's appointment from being double-booked
// (issue 15, busy across locations). "Busy" for now: the appointment's title and customer stay in
// their own location. The filters-and-templates work (issue 15 item 4, `crossLocationTitles`)
// replaces this body; keep the signature.
import type { CalendarEvent } from '../platform/schemas';

export function crossLocationBlockTitle(_appointment: CalendarEvent): string {
  return 'Busy';
}
