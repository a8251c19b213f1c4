// An undo passes the same safety guards as a sync (DESIGN §1, issue 13): reversing a large run
// deletes or creates as much as that run made, so past the guards' limits (more than 10 deletions
// and 20 % of the synced events; more than 50 new blocked slots) it needs the same explicit yes —
// `undo RUN_ID --allow-deletions` / `--allow-creations` on the command line, or the window's sheet,
// which shows the guard's words before "Undo Anyway".
import type { GuardItem } from '../../shared/guard';
import type { UndoEntry } from '../store/undo-entry';
import { creationGuard, deletionGuard, GuardStop } from './guards';
import type { Operation } from './operations';

export interface UndoAllowed {
  deletions?: boolean;
  creations?: boolean;
}

/** The guard this undo would stop at (undefined: none, or the user allowed it). */
export function undoGuardStop(ops: Operation[], runId: string, pairCount: number, allowed: UndoAllowed, now: Date): GuardStop | undefined {
  const entries = ops.flatMap((op) => (op.type === 'undo' ? [op.entry] : []));
  // Undoing a create deletes; undoing a deleted blocked slot makes a new one.
  const deletions = entries.filter((entry) => entry.action === 'created').map(guardItemOf);
  if (!allowed.deletions && deletions.length > deletionGuard.minCount && deletions.length > pairCount * deletionGuard.minShare) {
    return stop('deletions', `This undo would delete ${deletions.length} events (of ${pairCount} synced) that the run made. Nothing was changed. ` +
      'Undo anyway if that is what you want.', deletions, `icloud-sync undo ${runId} --allow-deletions`, now);
  }
  const creations = entries.filter((entry) => entry.side === 'platform' && entry.action === 'deleted').map(guardItemOf);
  if (!allowed.creations && creations.length > creationGuard.maxCount) {
    return stop('creations', `This undo would create ${creations.length} blocked slots on the platform at once. Nothing was changed. ` +
      'Undo anyway if that is what you want.', creations, `icloud-sync undo ${runId} --allow-creations`, now);
  }
  return undefined;
}

function guardItemOf(entry: UndoEntry): GuardItem {
  return { key: entry.key, title: entry.title, start: entry.start, end: entry.end, allDay: entry.allDay, side: entry.side, ...(entry.platformId ? { platformId: entry.platformId } : {}) };
}

function stop(kind: 'deletions' | 'creations', message: string, items: GuardItem[], flags: string, now: Date): GuardStop {
  const sorted = [...items].sort((a, b) => a.start.localeCompare(b.start));
  return new GuardStop({ kind, detectedAt: now.toISOString(), message, items: sorted }, flags);
}
