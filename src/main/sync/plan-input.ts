// What the planner is given: the stored pairs, what changed in iCloud, the platform's window, the
// settings and the clock. Gathering it (network) happens in cycle.ts; planning is pure.
import type { Settings } from '../../shared/settings';
import type { Occurrence } from '../icloud/codec/types';
import type { CalendarEvent } from '../platform/schemas';
import type { State } from '../store/state-schema';
import type { PairRecord } from './pair';

/** An iCloud object that was created or changed since the last cycle, expanded in the window. */
export interface IcloudObjectChange {
  href: string;
  etag?: string;
  calendarUrl: string;
  source: 'linked' | 'busy';
  recurring: boolean;
  occurrences: Occurrence[];
  /**
   * Series of this object cut by the occurrence cap: UID → the starts (UTC ISO) the cap kept. A pair
   * of such a series outside them is not deleted when the kept part moves on: it is forgotten, as
   * one that left the window (kept-range.ts).
   */
  keptRanges?: Record<string, { from: string; to: string }>;
}

export interface IcloudChanges {
  changed: IcloudObjectChange[];
  /** Hrefs that are gone from their calendar. */
  deleted: string[];
  /** Objects that could not be read: reported and skipped, never read as deletions. */
  failures: { href: string; calendarUrl: string; error: string }[];
  /** Things the user should know about an object that was read (a series capped): `notice` items. */
  notices?: IcloudNotice[];
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
}

export interface PlanContext {
  userId: string;
  linkedCalendarUrl: string;
  /** Platform calendars whose appointments are mirrored. */
  platformCalendarIds: string[];
  /** The platform location's IANA zone (all-day events block whole days there). */
  zone: string;
  window: { start: Date; end: Date };
}

export interface PlanInput {
  pairs: Record<string, PairRecord>;
  intents: State['intents'];
  icloud: IcloudChanges;
  platform: PlatformWindow;
  settings: Settings;
  context: PlanContext;
  now: Date;
}

/** The X-property that marks an iCloud event as our mirror of a platform appointment. */
export const MIRROR_PLATFORM_ID = 'X-ICLOUDSYNC-PLATFORM-ID';

export function appointmentKey(platformId: string): string {
  return `appt:${platformId}`;
}
