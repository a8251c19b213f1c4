// The state as the engine holds it in memory (DESIGN §3): settings, account identifiers (never
// secrets), the calendars the user linked, per-calendar sync cursors, the iCloud objects seen, one
// record per synced pair, and scheduler bookkeeping. On disk it is written compactly (state-disk.ts).
import { z } from 'zod';
import { guardDecisionSchema, unfollowedItemSchema } from '../../shared/guard';
import { defaultSettings, settingsSchema } from '../../shared/settings';
import { pairRecordSchema } from './pair-record';

/**
 * 2: the compact file (state-disk.ts) and iCloud pairs keyed by href + RECURRENCE-ID, not UID.
 * 3: several platform locations (issue 15), each with its own account and synced calendars.
 * 4: a location may have its own iCloud calendar for its appointments (`icloudCalendar`), and a pair
 *    whose copy is being moved there names the copy it leaves (`movedFrom`).
 */
export const STATE_SCHEMA_VERSION = 4;

export const icloudAccountSchema = z.object({
  appleId: z.string(),
  caldavUrl: z.string(),
  principalUrl: z.string().optional(),
  homeUrl: z.string().optional(),
  connectedAt: z.string(),
  /** The user's own calendar addresses, normalised (icloud/user-addresses.ts, S18); absent → the Apple ID. */
  userAddresses: z.array(z.string()).optional(),
});

export const platformAccountSchema = z.object({
  locationId: z.string(),
  userId: z.string(),
  userName: z.string().optional(),
  apiUrl: z.string(),
  /** Written by versions before the location was read: the Mac's zone at connect. No longer read. */
  timezone: z.string().optional(),
  connectedAt: z.string(),
  // GET /locations/{id} (platform/location.ts): the location's name and zone, when they were read,
  // and why the Mac's zone stands in (S15). Optional: states written before have none of them.
  locationName: z.string().optional(),
  locationTimezone: z.string().optional(),
  locationCheckedAt: z.string().optional(),
  locationProblem: z.enum(['missing-scope', 'no-timezone']).optional(),
  /** This location's platform calendars whose appointments are mirrored; null: choose again (cli.md `link`). */
  calendars: z.array(z.string()).nullable(),
  /**
   * Appended to the keys of this location's blocked-slot pairs (`|<location id>`): one iCloud event has a
   * slot in every location. Absent for the location connected first, whose keys stay those of a
   * one-location state (an iCloud item's href), so a migrated state and its reports read as before.
   */
  pairSuffix: z.string().optional(),
  /**
   * When this location's whole window of blocked slots was last listed (sync/platform-read-tiers.ts):
   * its far tier is read again an hour later. Absent (a new connection, an older file): its next cycle reads all.
   */
  blockedSlotsReadAt: z.string().optional(),
  /**
   * The iCloud calendar this location's appointments are copied to (issue 15), when the user picked
   * one of its own; absent: the linked (main) calendar. Followed like the main one: its own events block
   * time in every location, and the app's copies there are recognised by their mark.
   */
  icloudCalendar: z.string().optional(),
});

export const linksSchema = z.object({
  icloudCalendar: z.string().optional(),
  busySources: z.array(z.string()),
  /** Display names of linked calendars as last listed, so status can name them without a request. */
  names: z.record(z.string(), z.string()),
});

export const cursorSchema = z.object({ syncToken: z.string().optional(), ctag: z.string().optional() });

/** What we know of one iCloud object (href) without keeping its ICS: enough for the change feed. */
export const icloudObjectSchema = z.object({
  etag: z.string().optional(),
  calendarUrl: z.string(),
  uid: z.string().optional(),
  /** A series: its occurrences must be re-expanded when the window slides. */
  recurring: z.boolean(),
});

/** A blocked-slot create about to be sent; href/calendarUrl name its iCloud item (absent in files of schema 1). */
export const intentSchema = z.object({
  key: z.string(), start: z.string(), end: z.string(), title: z.string(), sentAt: z.string(),
  href: z.string().optional(), calendarUrl: z.string().optional(),
  /** The location the slot is created in (absent in files of schema 2: the location connected first). */
  locationId: z.string().optional(),
});

export const schedulerSchema = z.object({
  paused: z.boolean(),
  lastRunAt: z.string().optional(),
  nextRunAt: z.string().optional(),
  consecutiveFailures: z.number(),
  /** The server asked us to wait (Retry-After, a spent daily budget) until then. */
  retryAt: z.string().optional(),
  stoppedForCredentials: z.enum(['icloud', 'platform']).optional(),
});

/**
 * Settings as stored: a setting added later (invitationsBlock, S18) is missing from older files; it
 * reads as its default instead of making the whole state unreadable (no schema version needed for that).
 * Used by the in-memory schema and the disk format alike.
 */
export const storedSettingsSchema = z.preprocess(
  (stored) => (stored && typeof stored === 'object' ? { ...defaultSettings, ...stored } : stored),
  settingsSchema,
);

export const followingSchema = z.object({ pending: guardDecisionSchema.optional(), unfollowed: z.record(z.string(), unfollowedItemSchema) });

export const stateSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  settings: storedSettingsSchema,
  accounts: z.object({
    icloud: icloudAccountSchema.optional(),
    /** By location id: every connected platform location (sub-account). */
    platforms: z.record(z.string(), platformAccountSchema),
  }),
  links: linksSchema,
  cursors: z.record(z.string(), cursorSchema),
  /** iCloud objects of the followed calendars, by href: what the change feed and the deletion check compare with. */
  objects: z.record(z.string(), icloudObjectSchema),
  /** By key: an iCloud item's href (+ `::RECURRENCE-ID`), an appointment's `appt:<id>`. */
  pairs: z.record(z.string(), pairRecordSchema),
  /**
   * Blocked-slot creations sent but not confirmed (DESIGN §3): creating one is not idempotent, so the
   * intent is written before the request and, after a crash, the slot is adopted instead of re-created.
   */
  intents: z.record(z.string(), intentSchema),
  /** The day of the last full expansion of recurring series (the window slides daily). */
  windowDay: z.string().optional(),
  scheduler: schedulerSchema,
  /**
   * The guard decisions (issue 12): the one waiting for the user, and the items they chose to keep
   * as they are (never deleted, adopted or mirrored again until followed again). Optional, read
   * through following() (default: nothing pending, nothing unfollowed); written only by
   * src/main/sync/unfollowed.ts.
   */
  following: followingSchema.optional(),
});

export type State = z.infer<typeof stateSchema>;
export type IcloudAccount = z.infer<typeof icloudAccountSchema>;
export type PlatformAccount = z.infer<typeof platformAccountSchema>;

export function initialState(): State {
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    settings: { ...defaultSettings },
    accounts: { platforms: {} },
    links: { busySources: [], names: {} },
    cursors: {},
    objects: {},
    pairs: {},
    intents: {},
    scheduler: { paused: false, consecutiveFailures: 0 },
  };
}
