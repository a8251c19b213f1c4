// A safety guard that stopped a cycle is a decision the user makes (DESIGN §1 "pause and ask"):
// what it would do — its kind and the items, by title and time — and what they chose. Designed for
// any number of guard kinds: a new guard adds its kind here and builds the same decision.
import { z } from 'zod';

/**
 * deletions: more than the threshold would be deleted. empty-side: a side listed nothing while pairs
 * exist. creations: more new blocked slots than the threshold, outside a first sync.
 */
export const guardKinds = ['deletions', 'empty-side', 'creations'] as const;
export type GuardKind = (typeof guardKinds)[number];

/** "Delete them" (let the cycle do what it would) or "Keep them" (leave both sides, stop following). */
export const guardChoices = ['allow', 'keep'] as const;
export type GuardChoice = (typeof guardChoices)[number];

export const guardItemSchema = z.object({
  /** The pair key (an iCloud item's calendar + href + RECURRENCE-ID, or an appointment's platform id). */
  key: z.string(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  allDay: z.boolean(),
  /** Where the guard would act (deletions), or the side that listed nothing (empty-side). */
  side: z.enum(['icloud', 'platform']),
  /** The platform event of the pair, so an unfollowed one is never adopted or mirrored again. */
  platformId: z.string().optional(),
});
export type GuardItem = z.infer<typeof guardItemSchema>;

export const guardDecisionSchema = z.object({
  kind: z.enum(guardKinds),
  detectedAt: z.string(),
  /** What happened and what the choices do, in words. */
  message: z.string(),
  items: z.array(guardItemSchema),
});
export type GuardDecision = z.infer<typeof guardDecisionSchema>;

/** An item the user chose to keep as it is on both sides: the app no longer follows it. */
export const unfollowedItemSchema = guardItemSchema.extend({
  since: z.string(),
  /** Why it is no longer followed: kept at that safety guard, or reversed by an undo (`undo`). */
  guard: z.enum([...guardKinds, 'undo']),
});
export type UnfollowedItem = z.infer<typeof unfollowedItemSchema>;
