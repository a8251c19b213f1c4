// What `status` (CLI) and the Status view show: each connection's health, the last and next run,
// and the counts that need the user.
import { z } from 'zod';
import { guardDecisionSchema } from './guard';
import { runReportSchema } from './run-report';

const health = z.enum(['ok', 'error', 'unknown']);
const count = z.number().int().min(0);
const namedCalendar = z.object({ id: z.string(), name: z.string() });

/** One connected platform location (sub-account), as `status` and the window list it. */
const locationStatus = z.object({
  connected: z.boolean(),
  locationId: z.string().optional(),
  /** What a person calls the location (GET /locations/{id}); absent while it could not be read. */
  locationName: z.string().optional(),
  /** The zone all-day events block whole days in (S15): the location's, or the Mac's standing in. */
  timezone: z.string().optional(),
  /** Why the Mac's zone stands in, and what to do; absent when the location's zone is known. */
  locationNotice: z.string().optional(),
  userId: z.string().optional(),
  userName: z.string().optional(),
  health,
  message: z.string().optional(),
  calendars: z.array(namedCalendar),
  /** The iCloud calendar its appointments go to, when it is not the linked (main) one (issue 15). */
  icloudCalendar: namedCalendar.optional(),
});
export type LocationStatus = z.infer<typeof locationStatus>;

export const statusViewSchema = z.object({
  icloud: z.object({
    connected: z.boolean(),
    appleId: z.string().optional(),
    health,
    message: z.string().optional(),
    linkedCalendar: namedCalendar.optional(),
    busySources: z.array(namedCalendar),
  }),
  /** The location connected first (the only one, for most people). */
  platform: locationStatus,
  /** Every connected location, in connect order (issue 15); `platform` is the first of them. */
  locations: z.array(locationStatus).optional(),
  running: z.boolean(),
  paused: z.boolean(),
  progress: z.object({ done: count, total: count }).optional(),
  lastRun: runReportSchema.optional(),
  nextRunAt: z.iso.datetime().optional(),
  counts: z.object({ pairs: count, conflicts: count, attention: count }),
  notice: z.string().optional(),
  /** A safety guard stopped syncing and waits for the user's decision (Delete them / Keep them). */
  guard: guardDecisionSchema.optional(),
  /** Events the user chose to keep as they are: the app no longer follows them. */
  unfollowed: count.optional(),
  /** `notice` items of the last day's runs (a series capped, a title cut), newest first. */
  runNotices: z.array(z.object({ title: z.string(), reason: z.string() })).optional(),
});
export type StatusView = z.infer<typeof statusViewSchema>;
