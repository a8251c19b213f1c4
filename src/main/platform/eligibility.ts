// Which platform calendars can be synced (DESIGN S1/S2) and which are the user's own, as the
// `calendars` command and the window list them (CalendarEntry, src/shared/calendars.ts).
import type { CalendarEntry } from '../../shared/calendars';
import type { PlatformCalendar } from './schemas';

export const SUPPORTED_CALENDAR_TYPES: ReadonlySet<string> = new Set(['round_robin', 'collective', 'class_booking', 'service_booking']);

const UNSUPPORTED_REASONS: Readonly<Record<string, string>> = {
  event: 'Simple calendar',
  personal: 'personal calendar',
};

/** Why a calendar type cannot be synced, or undefined when it can. */
export function ineligibilityReason(calendarType: string | undefined): string | undefined {
  if (calendarType && SUPPORTED_CALENDAR_TYPES.has(calendarType)) return undefined;
  if (calendarType && UNSUPPORTED_REASONS[calendarType]) return UNSUPPORTED_REASONS[calendarType];
  return calendarType ? `unsupported calendar type '${calendarType}'` : 'calendar type unknown';
}

/** "My calendars": those where the user is a team member. */
export function isTeamMember(calendar: PlatformCalendar, userId: string): boolean {
  return calendar.teamMembers.some((member) => member.userId === userId);
}

export function toCalendarEntries(calendars: readonly PlatformCalendar[], userId: string): CalendarEntry[] {
  return calendars.map((calendar) => {
    const reason = ineligibilityReason(calendar.calendarType);
    return {
      side: 'platform',
      id: calendar.id,
      name: calendar.name,
      type: calendar.calendarType ?? 'unknown',
      eligible: reason === undefined,
      ...(reason !== undefined ? { reason } : {}),
      ...(calendar.eventColor ? { color: calendar.eventColor } : {}),
      mine: isTeamMember(calendar, userId),
    };
  });
}

/** The default selection of `link`: every supported calendar the user is a member of. */
export function defaultSyncedCalendarIds(calendars: readonly PlatformCalendar[], userId: string): string[] {
  return toCalendarEntries(calendars, userId)
    .filter((entry) => entry.eligible && entry.mine)
    .map((entry) => entry.id);
}
