// The platform side's public surface: what services.ts, the CLI and the sync import.
export { PlatformClient, isAppointment, CALENDARS_VERSION, USERS_VERSION, LOCATIONS_VERSION, DEFAULT_PLATFORM_URL } from './client';
export type {
  PlatformClientOptions,
  TimeInput,
  EventWindow,
  EventOwnerFilter,
  BlockSlotInput,
  AppointmentUpdate,
  AppointmentCreate,
} from './client';
export { RateLimiter, parseRateLimitHeaders, nextUtcMidnight } from './rate-limiter';
export { RateLimiters } from './rate-limiters';
export type { RateLimiterOptions, RateLimiterStatus, Permit } from './rate-limiter';
export { AUTH_MESSAGE, OutcomeUnknownError, isOutcomeUnknown, errorForStatus } from './platform-errors';
export { toCalendarEntries, ineligibilityReason, isTeamMember, defaultSyncedCalendarIds, SUPPORTED_CALENDAR_TYPES } from './eligibility';
export { verifyPlatform } from './verify';
export type { VerifyPlatformOptions } from './verify';
export { systemClock } from './clock';
export type { Clock } from './clock';
export type { FetchLike } from './transport';
export type { PlatformCalendar, PlatformLocation, CalendarEvent, PlatformUser, AppointmentResponse, BlockedSlotResponse, CalendarType } from './schemas';
export { calendarTypes } from './schemas';
export { readLocation, locationIsDue, blockZone, locationNotice, LOCATION_SCOPE, LOCATION_MAX_AGE_MS } from './location';
export type { LocationFacts, LocationReader } from './location';
