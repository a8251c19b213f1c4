// The shape of state.json (DESIGN §3): settings, account identifiers (never secrets), the calendars the
// user linked, per-calendar sync cursors, one record per synced pair, and scheduler bookkeeping.
import { z } from 'zod';
import { defaultSettings, settingsSchema } from '../../shared/settings';

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

/**
 * A pair: one event and its mirror. The sync engine owns the meaning of the fields; the store only
 * needs the key and keeps the rest as it is given (loose), so the engine can grow without a migration.
 */
export const pairSchema = z.looseObject({
  key: z.string(),
  owner: z.enum(['icloud', 'platform']),
  status: z.enum(['synced', 'conflict', 'detached', 'pending']),
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
  pairs: z.record(z.string(), pairSchema),
  /** Blocked-slot creations sent but not yet confirmed (DESIGN §3: adopt after a crash). */
  intents: z.record(z.string(), z.looseObject({ key: z.string(), sentAt: z.string() })),
  scheduler: z.object({
    paused: z.boolean(),
    lastRunAt: z.string().optional(),
    nextRunAt: z.string().optional(),
    consecutiveFailures: z.number(),
    stoppedForCredentials: z.enum(['icloud', 'platform']).optional(),
  }),
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
    pairs: {},
    intents: {},
    scheduler: { paused: false, consecutiveFailures: 0 },
  };
}
