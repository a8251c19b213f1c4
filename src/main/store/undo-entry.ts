// What an undo needs of one operation a run made (issue 13 item 2), as kept in undo.json: for a
// create what was created (href + etag, slot id + fields written), for an update the previous
// content and what we wrote, for a deletion all that was deleted. "What we wrote" is how an undo
// tells that the other side changed since (iCloud: the etag, sent as If-Match; the platform: the
// fields read back against those written).
import { z } from 'zod';

/** The fields of a platform event the app writes and an undo puts back. */
export const platformFieldsSchema = z.object({
  title: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  notes: z.string().optional(),
  address: z.string().optional(),
});
export type PlatformFields = z.infer<typeof platformFieldsSchema>;

const common = {
  /** The pair key the item had (the unfollowed list knows it by this key). */
  key: z.string(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  allDay: z.boolean(),
  /** The platform event of the pair (appointment or blocked slot), so an undone item is not mirrored again. */
  platformId: z.string().optional(),
  /** The platform location of the pair (several locations, issue 15): its undo goes to that location. */
  locationId: z.string().optional(),
};

const icloudEntry = z.object({
  ...common,
  side: z.literal('icloud'),
  action: z.enum(['created', 'updated', 'deleted']),
  href: z.string(),
  calendarUrl: z.string(),
  /** The etag after our write (created, updated): the undo writes only over exactly that. */
  etag: z.string().optional(),
  /** The file before our write (updated) or as it was deleted (deleted). */
  previousIcs: z.string().optional(),
});

const platformEntry = z.object({
  ...common,
  side: z.literal('platform'),
  action: z.enum(['created', 'updated', 'deleted']),
  kind: z.enum(['block', 'appointment']),
  /** The fields before our write (updated) or as deleted (deleted). */
  previous: platformFieldsSchema.optional(),
  /** What we wrote (created, updated). */
  written: platformFieldsSchema.optional(),
});

export const undoEntrySchema = z.discriminatedUnion('side', [icloudEntry, platformEntry]);
export type UndoEntry = z.infer<typeof undoEntrySchema>;
export type IcloudUndoEntry = z.infer<typeof icloudEntry>;
export type PlatformUndoEntry = z.infer<typeof platformEntry>;

/** One run's records. `undoneBy`: the undo run that reversed it (an undo happens once). */
export const undoRunSchema = z.object({
  runId: z.string(),
  recordedAt: z.string(),
  entries: z.array(undoEntrySchema),
  undoneBy: z.string().optional(),
});
export type UndoRun = z.infer<typeof undoRunSchema>;
