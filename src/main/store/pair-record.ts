// One record per pair in state.json (DESIGN §3): an event and its mirror, with what we last saw of
// each side (normalised hashes), so a change is "hash changed", not "the server rewrote the file".
// It lives in the store, below sync: the state schema needs it and must not reach up into the engine.
import { z } from 'zod';
import { eventVersionSchema } from '../../shared/ipc/views';

export const icloudRefSchema = z.object({
  href: z.string(),
  etag: z.string().optional(),
  uid: z.string(),
  recurrenceId: z.string().optional(),
  calendarUrl: z.string(),
  /** 'linked' two-way; 'busy' one way (a busy source). */
  source: z.enum(['linked', 'busy']),
});

export const pairRecordSchema = z.object({
  key: z.string(),
  /** Where the event was first created; deletions travel from the owner to its mirror, never back. */
  owner: z.enum(['icloud', 'platform']),
  status: z.enum(['synced', 'conflict', 'detached', 'pending']),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  allDay: z.boolean(),
  platformId: z.string().optional(),
  platformKind: z.enum(['appointment', 'block']),
  /** The platform location its appointment or blocked slot is in (issue 15); absent only in tests of one location. */
  locationId: z.string().optional(),
  /**
   * A blocked slot that keeps an appointment of another location from being double-booked here
   * (issue 15, busy across locations): that location and appointment. Ours, like an iCloud event's
   * slot: never copied anywhere, followed and deleted with its appointment.
   */
  crossFrom: z.object({ location: z.string(), appointment: z.string() }).optional(),
  icloud: icloudRefSchema.optional(),
  /**
   * An appointment's copy moved to another iCloud calendar (its location's calendar changed): the old
   * copy, written before it is deleted, so a cycle interrupted between the new copy and the deletion
   * deletes it on the next one instead of leaving two (sync/plan-move.ts).
   */
  movedFrom: z.object({ href: z.string(), etag: z.string().optional(), calendarUrl: z.string() }).optional(),
  hashes: z.object({ icloud: z.string().optional(), platform: z.string().optional() }),
  conflict: z
    .object({ detectedAt: z.string(), icloud: eventVersionSchema, platform: eventVersionSchema, changed: z.array(z.string()) })
    .optional(),
  detached: z
    .object({
      kind: z.enum(['icloud-mirror-deleted', 'platform-mirror-deleted']),
      detectedAt: z.string(),
      /** The user chose to stop syncing this event (S12 "cancel"): never recreate it. */
      dismissed: z.boolean().optional(),
    })
    .optional(),
  updatedAt: z.string(),
});
export type PairRecord = z.infer<typeof pairRecordSchema>;
export type IcloudRef = z.infer<typeof icloudRefSchema>;

/**
 * The identity of an iCloud item (DESIGN §1): its href — which names its calendar and its file — plus
 * the RECURRENCE-ID for one occurrence of a series. Never the UID alone: the same UID may live in two
 * calendars (the linked one and a busy source) or in two files of one calendar, and each is its own
 * event with its own blocked slots. An iCloud-owned pair is stored under this key.
 */
export function icloudItemKey(href: string, recurrenceId?: string): string {
  return recurrenceId ? `${href}::${recurrenceId}` : href;
}

/** The key of an appointment's pair (platform-owned): its platform id. */
export function appointmentKey(platformId: string): string {
  return `appt:${platformId}`;
}

/** The key of the slot that blocks, in location `target`, the time of another location's appointment. */
export function crossLocationKey(appointmentId: string, target: string): string {
  return `xloc:${appointmentId}|${target}`;
}
