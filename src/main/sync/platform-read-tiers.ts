// How much of the platform a cycle reads (issue 16). The platform has no change feed, and its
// blocked-slot listing is the largest read of a cycle (2.1 MB at 5,000 slots), so it is read in tiers:
// - appointments: the whole window, every cycle (a new booking must arrive at once);
// - blocked slots, near tier: from the window's start to NEAR_DAYS ahead, every cycle;
// - blocked slots, whole window (the far tier, which is also the full sweep): when the last one is
//   FAR_EVERY_MS old, and always on a first sync, a dry run, a re-judge (day, settings or zone
//   changed), after a failed cycle, and while a blocked-slot create awaits its answer (an intent).
// A cycle whose iCloud changes reach beyond the near tier reads the rest of the window too
// (`reachesBeyond`), so what it plans for those events is decided from the platform as it is now.
// The worst-case delays are stated in docs/DESIGN.md ("Platform read tiers") and docs/platform-api.md.
// Nothing here reads or writes: the cycle asks, gather-platform.ts reads, the executor records the
// time of a whole-window read (the planner's `platform.read` operation).
import type { PlatformAccount } from '../store/state-schema';
import type { PairRecord } from './pair';
import type { IcloudChanges } from './plan-input';
import { overlaps, whollyInside } from './rules';

/** The near tier: blocked slots up to this many days ahead are read every cycle. */
export const NEAR_DAYS = 7;
/** The far tier: the whole window's blocked slots are read again once the last read is this old. */
export const FAR_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TimeRange {
  start: Date;
  end: Date;
}

export type WholeReadReason = 'first' | 'due' | 'dry-run' | 're-judge' | 'after-failure' | 'pending-create' | 'short-window';

export interface PlatformReadPlan {
  /** Where blocked slots are listed this cycle. */
  blocks: TimeRange;
  /** Why the whole window is read; absent: the near tier only. */
  whole?: WholeReadReason;
}

export interface ReadPlanInput {
  account: Pick<PlatformAccount, 'blockedSlotsReadAt'>;
  window: TimeRange;
  now: Date;
  dryRun: boolean;
  /** The events are judged again this cycle (window day, settings or zone changed). */
  rejudge: boolean;
  /** The previous cycle failed (scheduler.consecutiveFailures > 0). */
  lastCycleFailed: boolean;
  /** A blocked-slot create sent without an answer: its slot may be anywhere in the window. */
  pendingCreates: boolean;
}

export function planPlatformRead(input: ReadPlanInput): PlatformReadPlan {
  const whole = (reason: WholeReadReason): PlatformReadPlan => ({ blocks: input.window, whole: reason });
  if (input.dryRun) return whole('dry-run');
  const readAt = input.account.blockedSlotsReadAt ? Date.parse(input.account.blockedSlotsReadAt) : Number.NaN;
  if (Number.isNaN(readAt)) return whole('first');
  if (input.rejudge) return whole('re-judge');
  if (input.lastCycleFailed) return whole('after-failure');
  if (input.pendingCreates) return whole('pending-create');
  // A clock set back (readAt in the future) must not postpone the sweep: it is due then too.
  const age = input.now.getTime() - readAt;
  if (age >= FAR_EVERY_MS || age < 0) return whole('due');
  const nearEnd = new Date(Math.max(input.now.getTime(), input.window.start.getTime()) + NEAR_DAYS * DAY_MS);
  if (nearEnd.getTime() >= input.window.end.getTime()) return whole('short-window');
  return { blocks: { start: input.window.start, end: nearEnd } };
}

/**
 * Whether this cycle's iCloud changes concern time outside the blocked slots read: an event new,
 * edited or deleted there must be planned against the platform as it is now (an unread slot would
 * hide a platform edit — a conflict — or the slot to adopt instead of creating a duplicate).
 */
export function reachesBeyond(icloud: IcloudChanges, pairs: Record<string, PairRecord>, read: TimeRange, window: TimeRange): boolean {
  const outside = (range: { start: string; end: string }) => overlaps(range, window) && !whollyInside(range, read);
  for (const change of icloud.changed) {
    if (change.occurrences.some((occ) => outside({ start: occ.start.iso, end: occ.end.iso }))) return true;
  }
  const hrefs = new Set([...icloud.deleted, ...icloud.changed.map((change) => change.href)]);
  if (hrefs.size === 0) return false;
  return Object.values(pairs).some((pair) => pair.icloud !== undefined && hrefs.has(pair.icloud.href) && outside(pair));
}

/** The part of the window after what was read (the near tier always starts at the window's start). */
export function restOfWindow(read: TimeRange, window: TimeRange): TimeRange | undefined {
  return read.end.getTime() < window.end.getTime() ? { start: read.end, end: window.end } : undefined;
}
