// What the planner is given: the stored pairs, what changed in iCloud, the platform's window, the
// settings and the clock. Gathering it (network) happens in cycle.ts; planning is pure.
import type { Settings } from '../../shared/settings';
import type { CalendarCursor } from '../icloud';
import type { Occurrence } from '../icloud/codec/types';
import type { LocationFacts } from '../platform/location';
import type { CalendarEvent } from '../platform/schemas';
import type { State } from '../store/state-schema';
import type { GoneCalendar } from './location-calendar-gone';
import type { PairRecord } from './pair';

/** An iCloud object that was created or changed since the last cycle, expanded in the window. */
export interface IcloudObjectChange {
  href: string;
  etag?: string;
  calendarUrl: string;
  source: 'linked' | 'busy';
  recurring: boolean;
  /** The UID of its (first) VEVENT. */
  uid?: string;
  occurrences: Occurrence[];
  /**
   * Series of this object cut by the occurrence cap: UID → the starts (UTC ISO) the cap kept. A pair
   * of such a series outside them is not deleted when the kept part moves on: it is forgotten, as
   * one that left the window (kept-range.ts).
   */
  keptRanges?: Record<string, { from: string; to: string }>;
}

/** One followed calendar as read this cycle. */
export interface IcloudCalendarRead {
  url: string;
  /** The cursor to commit once everything read here is done. */
  cursor: CalendarCursor;
  /** Every href read, found deleted or unreadable here this cycle. */
  hrefs: string[];
}

export interface IcloudChanges {
  changed: IcloudObjectChange[];
  /** Hrefs that are gone from their calendar. */
  deleted: string[];
  /** Objects that could not be read: reported and skipped, never read as deletions, read again next cycle. */
  failures: { href: string; calendarUrl: string; error: string }[];
  /** The calendars read (absent: the planner commits no cursor, as in tests of the rules alone). */
  calendars?: IcloudCalendarRead[];
  /** Things the user should know about an object that was read (a series capped): `notice` items. */
  notices?: IcloudNotice[];
  /** Locations' own calendars deleted in iCloud: nothing of them read; their locations are left out (location-calendar-gone.ts). */
  goneCalendars?: GoneCalendar[];
}

export interface IcloudNotice {
  href: string;
  /** The series' UID (the report names the event by its title). */
  key: string;
  title: string;
  reason: string;
}

export interface PlatformWindow {
  /** Appointments and blocked slots of the user in the window. */
  events: CalendarEvent[];
  /** Paired appointments missing from the window, looked up one by one: null = 404 (gone). */
  lookups: Record<string, CalendarEvent | null>;
  /**
   * Where blocked slots were listed this cycle (platform-read-tiers.ts): only a paired slot wholly
   * inside it and missing from the listing is "gone". Absent: the whole window.
   */
  blocksRead?: { start: Date; end: Date };
  /** The whole window's blocked slots were listed: the planner records it (`platform.read`). */
  wholeWindowRead?: boolean;
}

export interface PlanContext {
  userId: string;
  linkedCalendarUrl: string;
  /** Where this location's appointments are copied (its own iCloud calendar); absent: the linked one. */
  appointmentCalendarUrl?: string;
  /** Platform calendars whose appointments are mirrored. */
  platformCalendarIds: string[];
  /** The platform location's IANA zone (all-day events block whole days there, S15); the Mac's when it cannot be read. */
  zone: string;
  /** The Mac's zone: floating times are read in it, as Calendar on the Mac shows them. */
  floatingZone: string;
  /** The user's own calendar addresses, normalised (S18: their ATTENDEE in an invitation); none → no invitation is judged. */
  ownAddresses?: string[];
  window: { start: Date; end: Date };
  /**
   * Every iCloud calendar followed now (the linked one, each location's own, the busy sources): a
   * blocked slot of an event in a calendar no longer among them is released. Absent: none is released.
   */
  followedCalendarUrls?: string[];
  /** Calendar display names by URL (a title template's {calendar}; how the report names a busy source). */
  calendarNames?: Record<string, string>;
  /** The platform location planned for (issue 15); its filter is settings.filters[locationId] (DESIGN "What crosses"). */
  locationId?: string;
  locationName?: string;
  /** Appended to this location's blocked-slot keys (state-schema.ts `pairSuffix`). */
  pairSuffix?: string;
}

export interface PlanInput {
  pairs: Record<string, PairRecord>;
  intents: State['intents'];
  icloud: IcloudChanges;
  platform: PlatformWindow;
  settings: Settings;
  context: PlanContext;
  now: Date;
  /** What the events are judged with this cycle (projectionKey); recorded when given. */
  judgedWith?: string;
  /** The location as read this cycle (S15), when it was due: recorded by a location.read operation. */
  location?: LocationFacts;
  /**
   * With several locations: the platform ids (pairs and listed events) of the other locations. Our
   * iCloud mirrors of their appointments are theirs to follow: this location's plan leaves them alone.
   */
  otherPlatformIds?: ReadonlySet<string>;
  /**
   * With several locations: appointment ids another location already copies (its pairs) or listed
   * earlier in this cycle. An appointment key and a mirror's file are made from the id alone, so a
   * second location listing the same id would write over the first's copy (hostile11): it is skipped.
   */
  claimedAppointmentIds?: ReadonlySet<string>;
  /** False for every location but the first: what is only about iCloud (an unreadable item, a shared UID) is said once. */
  icloudNotes?: boolean;
}

/** The X-property that marks an iCloud event as our mirror of a platform appointment. */
export const MIRROR_PLATFORM_ID = 'X-ICLOUDSYNC-PLATFORM-ID';

export { appointmentKey } from '../store/pair-record';
