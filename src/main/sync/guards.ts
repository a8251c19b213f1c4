// Safety guards (DESIGN §1): peers lost users' data without them. A guard stops the whole cycle
// before anything is written, and hands the user a decision (GuardStop.decision): what it would do,
// item by item, to be allowed ("Delete them") or kept ("Keep them", see unfollowed.ts).
import type { GuardDecision, GuardItem, GuardKind } from '../../shared/guard';
import { SyncError } from '../errors';
import type { Operation } from './operations';
import type { PairRecord } from './pair';

export const deletionGuard = { minCount: 10, minShare: 0.2 };
/**
 * More new blocked slots than this in one cycle, in calendars already synced once, pause and ask.
 * Why 50: a person adds a handful of events at a time (a busy week is a dozen or two); more than 50 at
 * once is an import, a calendar pasted twice or a runaway series (one capped series alone is up to
 * 500), and each slot is a request against the location's budget (100 per 10 s). A first sync of a
 * calendar (connecting, linking it or adding it as a busy source: it has no cursor yet) is exempt,
 * as its slots are what the user asked for; the onboarding preview shows them first.
 */
export const creationGuard = { maxCount: 50 };

/** A cycle stopped by a guard: a SyncError of kind 'guard' that carries the decision it waits for. */
export class GuardStop extends SyncError {
  /** flags: what decides it on the command line (default: the sync's own flags; an undo names its own). */
  constructor(readonly decision: GuardDecision, flags?: string) {
    // The decision's words serve the window; the report's error also names the command-line flags.
    const named = flags ?? (decision.kind === 'creations' ? 'sync --allow-creations, or sync --skip-creations' : 'sync --allow-deletions, or sync --keep-deletions');
    super('guard', `${decision.message} On the command line: ${named}.`);
  }
}

export function guardItem(pair: PairRecord, side: GuardItem['side']): GuardItem {
  return { key: pair.key, title: pair.title, start: pair.start, end: pair.end, allDay: pair.allDay, side, ...(pair.platformId ? { platformId: pair.platformId } : {}) };
}

function stop(kind: GuardKind, message: string, items: GuardItem[], now: Date): GuardStop {
  const sorted = [...items].sort((a, b) => a.start.localeCompare(b.start));
  return new GuardStop({ kind, detectedAt: now.toISOString(), message, items: sorted });
}

/** More deletions in one cycle than 10 and 20 % of pairs: pause and ask. */
export function checkDeletions(ops: Operation[], pairCount: number, allowed: boolean, now = new Date()): void {
  if (allowed) return;
  const deletions = ops.flatMap((op) =>
    op.type === 'icloud.delete' ? [guardItem(op.pair, 'icloud')] : op.type === 'platform.deleteBlock' ? [guardItem(op.pair, 'platform')] : [],
  );
  const count = deletions.length;
  if (count > deletionGuard.minCount && count > pairCount * deletionGuard.minShare) {
    throw stop(
      'deletions',
      `This sync would delete ${count} of ${pairCount} synced events, which looks like a mistake (a changed account or calendar?). ` +
        'Nothing was changed. Delete them if that is what you want, or keep them: both sides stay as they are and the app stops following those events.',
      deletions,
      now,
    );
  }
}

/** A side that suddenly lists nothing while pairs exist: a revoked password or an outage, not a mass deletion. */
export function checkNotEmpty(side: GuardItem['side'], where: string, listed: number, expected: PairRecord[], now = new Date()): void {
  if (listed === 0 && expected.length > 0) {
    const name = side === 'icloud' ? 'iCloud' : 'The platform';
    throw stop(
      'empty-side',
      `${name} listed no events in ${where} while ${expected.length} synced events should be there. Nothing was changed. ` +
        'Check the account first (reconnect if the password or token changed). If the events really are gone, delete their copies; ' +
        'or keep everything as it is and stop following them.',
      expected.map((pair) => guardItem(pair, side)),
      now,
    );
  }
}

/**
 * More new blocked slots than creationGuard.maxCount in calendars already synced once (`synced`: the
 * calendar has a cursor, so its first sync finished): pause and ask.
 */
export function checkCreations(ops: Operation[], synced: (calendarUrl: string) => boolean, allowed: boolean, now = new Date()): void {
  if (allowed) return;
  const creations: GuardItem[] = ops.flatMap((op) =>
    op.type === 'platform.createBlock' && synced(op.ref.calendarUrl)
      ? [{ key: op.key, title: op.occurrence.title, start: op.occurrence.start.iso, end: op.occurrence.end.iso, allDay: op.occurrence.allDay, side: 'platform' as const }]
      : [],
  );
  if (creations.length <= creationGuard.maxCount) return;
  throw stop(
    'creations',
    `This sync would create ${creations.length} blocked slots on the platform at once, which looks like a mistake (an import, a calendar ` +
      'added twice, a runaway repeating event?). Nothing was changed. Create them if that is what you want, or do not: the events stay ' +
      'in iCloud, get no blocked slot, and the app stops following them until you follow one again.',
    creations,
    now,
  );
}
