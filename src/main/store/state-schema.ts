// The shape of state.json (DESIGN §3): settings, account identifiers (never secrets), the calendars the
// user linked, per-calendar sync cursors, one record per synced pair, and scheduler bookkeeping.
import { z } from 'zod';
import { guardDecisionSchema, unfollowedItemSchema } from '../../shared/guard';
import { defaultSettings, settingsSchema } from '../../shared/settings';
import { pairRecordSchema } from '../sync/pair';

export const STATE_SCHEMA_VERSION = 1;

export const icloudAccountSchema = z.object({
  appleId: z.string(),
  caldavUrl: z.string(),
  principalUrl: z.string().optional(),
  homeUrl: z.string().optional(),
  connectedAt: z.string(),
});

export const platformAccountSchema = z.object({
  locationId: z.string(),
  /** The location's name, when the location endpoint gave it (shown instead of the id). */
  locationName: z.string().optional(),
  userId: z.string(),
  userName: z.string().optional(),
  apiUrl: z.string(),
  timezone: z.string().optional(),
  connectedAt: z.string(),
});

export const linksSchema = z.object({
  icloudCalendar: z.string().optional(),
  busySources: z.array(z.string()),
  /** null: every supported calendar the user is a member of (cli.md `link` default). */
  platformCalendars: z.array(z.string()).nullable(),
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

export const stateSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  settings: settingsSchema,
  accounts: z.object({
    icloud: icloudAccountSchema.optional(),
    platform: platformAccountSchema.optional(),
  }),
  links: linksSchema,
  cursors: z.record(z.string(), cursorSchema),
  /** iCloud objects of the followed calendars, by href. */
  objects: z.record(z.string(), icloudObjectSchema),
  pairs: z.record(z.string(), pairRecordSchema),
  /**
   * Blocked-slot creations sent but not confirmed (DESIGN §3): creating one is not idempotent, so the
   * intent is written before the request and, after a crash, the slot is adopted instead of re-created.
   */
  intents: z.record(z.string(), z.object({ key: z.string(), start: z.string(), end: z.string(), title: z.string(), sentAt: z.string() })),
  /** The day of the last full expansion of recurring series (the window slides daily). */
  windowDay: z.string().optional(),
  scheduler: z.object({
    paused: z.boolean(),
    lastRunAt: z.string().optional(),
    nextRunAt: z.string().optional(),
    consecutiveFailures: z.number(),
    /** The server asked us to wait (Retry-After, a spent daily budget) until then. */
    retryAt: z.string().optional(),
    stoppedForCredentials: z.enum(['icloud', 'platform']).optional(),
  }),
  /**
   * The guard decisions (issue 12): the one waiting for the user, and the items they chose to keep
   * as they are (never deleted, adopted or mirrored again until followed again). Optional, read
   * through following() (default: nothing pending, nothing unfollowed); written only by
   * src/main/sync/unfollowed.ts.
   */
  following: z
    .object({ pending: guardDecisionSchema.optional(), unfollowed: z.record(z.string(), unfollowedItemSchema) })
    .optional(),
});

export type State = z.infer<typeof stateSchema>;
export type IcloudAccount = z.infer<typeof icloudAccountSchema>;
export type PlatformAccount = z.infer<typeof platformAccountSchema>;

export function initialState(): State {
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    settings: { ...defaultSettings },
    accounts: {},
    links: { busySources: [], platformCalendars: null, names: {} },
    cursors: {},
    objects: {},
    pairs: {},
    intents: {},
    scheduler: { paused: false, consecutiveFailures: 0 },
  };
}
