// The codec's domain shapes: what the sync engine sees of an iCloud event, independent of iCalendar.
import type { Participation } from './participants';

/** A point in time as the event states it. */
export interface EventTime {
  /** The UTC instant, ISO 8601 with Z (for all-day: midnight of `date` in the floating zone). */
  iso: string;
  /** The IANA zone the value was written in (TZID mapped to IANA when we know it). */
  tzid?: string;
  /** All-day only: the calendar date, YYYY-MM-DD (DTEND's date is exclusive, as in iCalendar). */
  date?: string;
}

export type EventStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

export interface DomainEvent {
  uid: string;
  /** For an override instance: the original start it replaces (UTC ISO, or YYYY-MM-DD for all-day). */
  recurrenceId?: string;
  start: EventTime;
  end: EventTime;
  allDay: boolean;
  title: string;
  notes: string;
  location: string;
  /** TRANSP:TRANSPARENT — the event does not block time ("free"). */
  transparent: boolean;
  status?: EventStatus;
  lastModified?: string;
  sequence: number;
  /** X-* properties (first value of each), e.g. X-APPLE-TRAVEL-ADVISORY-BEHAVIOR, X-ICLOUDSYNC-ORIGIN. */
  xProps: Record<string, string>;
  /** ORGANIZER and ATTENDEEs with their PARTSTAT (participants.ts, S18); absent for an event without them. */
  participation?: Participation;
  /** Master events of a series: the recurrence as written (RRULE text, RDATE/EXDATE as UTC ISO or dates). */
  recurrence?: { rrule: string[]; rdate: string[]; exdate: string[] };
}

/** One occurrence inside a window, after applying overrides. */
export interface Occurrence extends DomainEvent {
  /** `UID` for a single event, `UID::RECURRENCE-ID` for an occurrence of a series (the pair key). */
  key: string;
  /** Whether this occurrence comes from a series (RRULE/RDATE), overridden or not. */
  recurring: boolean;
}

export interface ParseOptions {
  /** IANA zone in which floating times (and all-day dates) are read: the platform location's zone. */
  floatingZone: string;
  /** Name of the item for messages, e.g. its href. */
  source?: string;
}

export interface Window {
  start: Date;
  end: Date;
}
