// What the planner decides and the executor does. Each operation names its rule (S1–S17) so the run
// report and the tests can say why it happened. Every change of state in a cycle is one of these
// (DESIGN §2): the executor applies them and is the only writer, including of what was read from
// iCloud (object records, cursors), so a pair and the object record it was decided from are written
// together.
import type { CalendarCursor } from '../icloud';
import type { Occurrence } from '../icloud/codec/types';
import type { State } from '../store/state-schema';
import type { LocationFacts } from '../platform/location';
import type { CalendarEvent } from '../platform/schemas';
import type { Content } from './content';
import type { IcloudRef, PairRecord } from './pair';
import type { UndoEntry } from '../store/undo-entry';

export type Rule = 'S1' | 'S3' | 'S4' | 'S5' | 'S6' | 'S8' | 'S9' | 'S10' | 'S11' | 'S12' | 'S13' | 'S17' | 'adopt' | 'window' | 'busy' | 'item' | 'identity' | 'read' | 'bounds' | 'filter';

/** What to record of one iCloud object as it was read this cycle (its etag: seen up to there). */
export interface ObjectSeen {
  href: string;
  record: State['objects'][string];
}

interface Base {
  rule: Rule;
  key: string;
  title: string;
  /** Why, in words, for the run report. */
  reason?: string;
  /**
   * The object this operation was decided from, recorded in the same write as its pair. When the
   * operation fails the object is marked unread instead, so the next cycle reads it again.
   */
  seen?: ObjectSeen;
  /** The platform location whose plan this came from (issue 15); absent: the only one, or none. */
  location?: string;
}

export type Operation =
  /** S1: mirror a new appointment into the linked iCloud calendar. */
  | (Base & { type: 'icloud.create'; calendarUrl: string; appointment: CalendarEvent; content: Content })
  /**
   * A location's iCloud calendar changed: its appointment's copy is written in `calendarUrl`, then the
   * old one deleted (plan-move.ts); the pair names the old one in between (`movedFrom`).
   */
  | (Base & { type: 'icloud.move'; pair: PairRecord; calendarUrl: string; appointment: CalendarEvent; content: Content })
  /** S3 / S17: bring the iCloud mirror in line with the appointment. */
  | (Base & { type: 'icloud.update'; pair: PairRecord; appointment: CalendarEvent; content: Content })
  /** S10: a blocked slot edited on the platform changes its iCloud event (an override for one occurrence). */
  | (Base & { type: 'icloud.updateFromBlock'; pair: PairRecord; block: CalendarEvent; content: Content })
  /** S4: the appointment is gone or cancelled: delete its mirror. */
  | (Base & { type: 'icloud.delete'; pair: PairRecord })
  /** S8: a new iCloud event blocks time on the platform. */
  | (Base & { type: 'platform.createBlock'; occurrence: Occurrence; ref: IcloudRef; content: Content })
  /** S9 / busy put-back / S17: bring the blocked slot in line with its iCloud event. */
  | (Base & { type: 'platform.updateBlock'; pair: PairRecord; content: Content; occurrence?: Occurrence; ref?: IcloudRef })
  /** Busy across locations (issue 15): block, in `location`, the time of another location's appointment. */
  | (Base & { type: 'platform.createCrossBlock'; pair: PairRecord; content: Content })
  /** S11 (and S13 when an event stops blocking): delete the blocked slot. */
  | (Base & { type: 'platform.deleteBlock'; pair: PairRecord })
  /** S5 / S17: an edit of the mirror in iCloud updates the appointment. */
  | (Base & { type: 'platform.updateAppointment'; pair: PairRecord; occurrence: Occurrence; ref: IcloudRef; content: Content })
  /** First sync or lost state: an existing mirror becomes a pair instead of a duplicate. */
  | (Base & { type: 'adopt'; pair: PairRecord })
  /** Record fresh hashes without writing (identical changes on both sides, refreshed etags). */
  | (Base & { type: 'record'; pair: PairRecord })
  /** S6 / S12: a mirror was deleted; never delete the owner: detach and ask. */
  | (Base & { type: 'detach'; pair: PairRecord; kind: 'icloud-mirror-deleted' | 'platform-mirror-deleted' })
  /** S17 with policy "ask": hold this pair until the user chooses. */
  | (Base & { type: 'conflict'; pair: PairRecord; icloud: Content; platform: Content; changed: string[]; icloudModified?: string; platformModified?: string })
  /** Drop a pair without touching either side (left the window, released with "keep", owner gone). */
  | (Base & { type: 'forget'; pair: PairRecord })
  /** Nothing to write, but the report says why (S13, a bad item, a busy-source put-back notice). */
  | (Base & { type: 'skip'; side: 'icloud' | 'platform'; error?: string })
  /** Changes nothing and tells the user something (a UID shared by two iCloud items; a series capped, a title truncated: 'bounds'). */
  | (Base & { type: 'notice'; side: 'icloud' | 'platform' })
  /** A blocked-slot create that never reached the platform (no slot matches its intent), for an event gone since. */
  | (Base & { type: 'intent.drop' })
  /** An object read this cycle that no other operation recorded (nothing to do for it). */
  | (Base & { type: 'object.seen'; object: ObjectSeen })
  /** An object iCloud no longer lists: forget its record (its pairs were decided by other operations). */
  | (Base & { type: 'object.gone'; href: string })
  /**
   * The calendar's cursor read this cycle, committed last: skipped when an operation on one of `hrefs`
   * (what was read there) failed, so the next cycle reads those again. `settle`: this cycle wrote to
   * the calendar, so the cursor is read once more and the newer one kept when all it adds is our own.
   */
  | (Base & { type: 'cursor.commit'; calendarUrl: string; cursor: CalendarCursor; hrefs: string[]; settle: boolean })
  /** The day and settings the events were judged with (a change makes the next cycle read all again). */
  | (Base & { type: 'window.judged'; judgedWith: string })
  /** Record the platform location's name and zone as read this cycle (S15). */
  | (Base & { type: 'location.read'; facts: LocationFacts; locationId?: string })
  /** The whole window of `location`'s blocked slots was listed at `at` (platform-read-tiers.ts: when its far tier is due again). */
  | (Base & { type: 'platform.read'; at: string })
  /** Reverse one operation of an earlier run (plan-undo.ts, apply-undo.ts); refused when the other side changed since. */
  | (Base & { type: 'undo'; entry: UndoEntry });

export type OperationType = Operation['type'];
