// The user's answers to the safety guards (issue 12), and the one place that writes state.following.
// "Keep them" leaves both sides as they are and stops following those items, durably: their pairs
// are dropped and they are remembered here, and every cycle hides them from the planner (so it never
// deletes, adopts or mirrors them again) until the user follows one again.
import { own } from '../../shared/own';
import type { GuardDecision, GuardItem, UnfollowedItem } from '../../shared/guard';
import { SyncError } from '../errors';
import { icloudItemKey } from '../store/pair-record';
import type { State } from '../store/state-schema';
import { MIRROR_PLATFORM_ID, type PlanInput } from './plan-input';

type Following = NonNullable<State['following']>;

/** state.following with its default (older state files have none). */
export function following(state: State): Following {
  return state.following ?? { unfollowed: {} };
}

/** A guard stopped this cycle (decision) or none did (undefined): what the window shows as waiting. */
export function setPendingGuard(state: State, decision: GuardDecision | undefined): void {
  const current = following(state);
  if (!decision && !current.pending) return;
  state.following = { ...current, pending: decision };
}

/** "Keep them": drop the pending guard's pairs without touching either side, and stop following them. */
export function keepPending(state: State, now: Date): UnfollowedItem[] {
  const current = following(state);
  const decision = current.pending;
  if (!decision) throw new SyncError('item', 'No safety guard is waiting for a decision. Sync again to see what it would do.');
  const since = now.toISOString();
  const kept = decision.items.map((item) => ({ ...item, since, guard: decision.kind }));
  const unfollowed = { ...current.unfollowed };
  for (const item of kept) {
    unfollowed[item.key] = item;
    delete state.pairs[item.key];
  }
  state.following = { unfollowed };
  return kept;
}

/** Follow an item again: the next cycle treats it as new (adopting what already exists on both sides). */
export function followAgain(state: State, key: string): UnfollowedItem {
  const current = following(state);
  const item = own(current.unfollowed, key);
  if (!item) throw new SyncError('item', `"${key}" is not in the list of events the app stopped following. Run \`icloud-sync attention\` to list them.`);
  const unfollowed = { ...current.unfollowed };
  delete unfollowed[key];
  state.following = { ...current, unfollowed };
  // Its iCloud event may be unchanged since it was hidden (no change would report it): have the next
  // cycle read every followed event again, as after a setting change, so it is seen and adopted.
  state.windowDay = undefined;
  return item;
}

export function listUnfollowed(state: State): UnfollowedItem[] {
  return Object.values(following(state).unfollowed).sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * The planner's input without the unfollowed items: their iCloud occurrences (by pair key, or as our
 * mirror of an unfollowed appointment) and their platform events are not seen, so nothing is
 * deleted, adopted or created for them. Pure.
 */
export function withoutUnfollowed(input: PlanInput, state: State): PlanInput {
  const items = Object.values(following(state).unfollowed);
  if (items.length === 0) return input;
  const keys = new Set(items.map((item) => item.key));
  const platformIds = new Set(items.flatMap((item) => (item.platformId ? [item.platformId] : [])));
  // An iCloud item's pair key is its href (+ RECURRENCE-ID), exact identity; a mirror is known by its platform id.
  const hidden = (href: string, occ: { recurrenceId?: string; xProps: Record<string, string> }) => {
    const mirrorOf = occ.xProps[MIRROR_PLATFORM_ID];
    return keys.has(icloudItemKey(href, occ.recurrenceId) + (input.context.pairSuffix ?? '')) || (mirrorOf !== undefined && platformIds.has(mirrorOf));
  };
  return {
    ...input,
    icloud: {
      ...input.icloud,
      changed: input.icloud.changed.map((change) => ({ ...change, occurrences: change.occurrences.filter((occ) => !hidden(change.href, occ)) })),
    },
    platform: { ...input.platform, events: input.platform.events.filter((event) => !platformIds.has(event.id)) },
  };
}

/** An item an undo reversed: no longer followed, so the next sync does not simply redo it. */
export function unfollowUndone(state: State, item: GuardItem, now: Date): void {
  const current = following(state);
  state.following = { ...current, unfollowed: { ...current.unfollowed, [item.key]: { ...item, since: now.toISOString(), guard: 'undo' } } };
}
