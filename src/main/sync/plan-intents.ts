// Blocked-slot creates whose answer was lost (a crash, a dropped connection) and whose event is gone
// by now: the slot may exist on the platform with no pair to follow it. It is found by its intent
// (the time and title it was sent with, written to disk before the request) and deleted (S11); when
// no such slot exists the create never arrived and the intent is dropped. An intent whose event is
// still there is settled by the planner's adoption step instead.
import { own } from '../../shared/own';
import type { CalendarEvent } from '../platform/schemas';
import { hashContent } from './content';
import type { Operation } from './operations';
import type { PlanInput } from './plan-input';

export function settleOrphanIntents(
  input: PlanInput,
  /** Items the planner saw as new in the window this cycle (their intents are settled there). */
  planned: ReadonlySet<string>,
  unpairedBlocks: Map<string, CalendarEvent[]>,
  usedPlatformIds: Set<string>,
): Operation[] {
  const ops: Operation[] = [];
  const deleted = new Set(input.icloud.deleted);
  const reread = new Set(input.icloud.changed.map((change) => change.href));
  for (const intent of Object.values(input.intents)) {
    if (!intent.href || planned.has(intent.key) || own(input.pairs, intent.key)) continue;
    // Gone: its file was deleted, or it was read and no longer holds this occurrence in the window.
    if (!deleted.has(intent.href) && !reread.has(intent.href)) continue;
    const hash = hashContent({ title: intent.title, start: intent.start, end: intent.end, allDay: false });
    const slot = unpairedBlocks.get(hash)?.find((block) => !usedPlatformIds.has(block.id));
    const base = { key: intent.key, title: intent.title };
    if (!slot) {
      ops.push({ ...base, type: 'intent.drop', rule: 'S11' });
      continue;
    }
    usedPlatformIds.add(slot.id);
    const pair = {
      key: intent.key, owner: 'icloud' as const, status: 'synced' as const, title: intent.title, start: intent.start, end: intent.end, allDay: false,
      platformId: slot.id, platformKind: 'block' as const, ...(intent.locationId ? { locationId: intent.locationId } : {}), hashes: { icloud: hash, platform: hash }, updatedAt: input.now.toISOString(),
    };
    ops.push({ ...base, type: 'platform.deleteBlock', rule: 'S11', pair, reason: 'a blocked slot made before an interruption, for an iCloud event deleted since' });
  }
  return ops;
}
