// What the window shows, as schemas: progress, conflicts, "needs attention" items.
// These are views (shaped for the UI), not the store's records; main builds them from its state.
import { z } from 'zod';
import type { LocationRelease } from '../location-removal';

const count = z.number().int().min(0);

/** Payload of the 'sync.progress' event (the StatusView itself lives in src/shared/status.ts). */
export const progressSchema = z.object({ done: count, total: count });
export type SyncProgress = z.infer<typeof progressSchema>;

export const eventVersionSchema = z.object({
  title: z.string(),
  /** ISO date-time, or a date (YYYY-MM-DD) when allDay. */
  start: z.string(),
  end: z.string(),
  allDay: z.boolean(),
  notes: z.string().optional(),
  location: z.string().optional(),
  modifiedAt: z.string().optional(),
});
export type EventVersion = z.infer<typeof eventVersionSchema>;

export const conflictSchema = z.object({
  id: z.string(),
  pair: z.string(),
  title: z.string(),
  detectedAt: z.string(),
  icloud: eventVersionSchema,
  platform: eventVersionSchema,
  /** Names of the EventVersion fields that differ, so the UI can highlight them. */
  changed: z.array(z.string()),
});
export type Conflict = z.infer<typeof conflictSchema>;

export const attentionKinds = ['icloud-mirror-deleted', 'platform-mirror-deleted'] as const;
export const attentionItemSchema = z.object({
  id: z.string(),
  pair: z.string(),
  title: z.string(),
  start: z.string(),
  kind: z.enum(attentionKinds),
  detectedAt: z.string(),
  /** What happened, in words (S6, S12). */
  message: z.string(),
});
export type AttentionItem = z.infer<typeof attentionItemSchema>;

/**
 * What the cancel confirmation names (attention.describe): the appointment as the platform has it
 * now and its customer's name, read when the user asks, never stored. Without the name,
 * `customerMissing` says why (the token lacks contacts.readonly; the platform could not be asked;
 * the contact has no name) and the words say "the customer".
 */
export const customerMissingReasons = ['missing-scope', 'unavailable', 'no-name'] as const;
export const appointmentDescriptionSchema = z.object({
  id: z.string(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  customerName: z.string().optional(),
  customerMissing: z.enum(customerMissingReasons).optional(),
});
export type AppointmentDescription = z.infer<typeof appointmentDescriptionSchema>;

/** What "Undo This Run…" asks with (run.undoPreview): items per side, those refused already, and the safety guard it would stop at. */
export const undoPreviewSchema = z.object({
  icloud: count,
  platform: count,
  refused: count,
  guard: z.object({ kind: z.enum(['deletions', 'empty-side', 'creations']), message: z.string() }).optional(),
});
export type UndoPreview = z.infer<typeof undoPreviewSchema>;

/** One other location and the slots a removal releases there (shared/location-removal.ts). */
export const locationReleaseSchema = z.object({
  locationId: z.string(),
  name: z.string(),
  count: z.number().int().min(1),
}) satisfies z.ZodType<LocationRelease>;
