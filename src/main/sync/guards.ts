// Safety guards (DESIGN §1): peers lost users' data without them. A guard stops the whole cycle
// before anything is written, and says why and what to do.
import { SyncError } from '../errors';
import type { Operation } from './operations';

export const deletionGuard = { minCount: 10, minShare: 0.2 };

/** More deletions in one cycle than 10 and 20 % of pairs: pause and ask. */
export function checkDeletions(ops: Operation[], pairCount: number, allowed: boolean): void {
  if (allowed) return;
  const deletions = ops.filter((op) => op.type === 'icloud.delete' || op.type === 'platform.deleteBlock').length;
  if (deletions > deletionGuard.minCount && deletions > pairCount * deletionGuard.minShare) {
    throw new SyncError(
      'guard',
      `This sync would delete ${deletions} of ${pairCount} synced events, which looks like a mistake (a changed account or calendar?). ` +
        'Nothing was changed. If it is what you want, run the sync again and confirm the deletions (CLI: sync --allow-deletions).',
    );
  }
}

/** A side that suddenly lists nothing while pairs exist: a revoked password or an outage, not a mass deletion. */
export function checkNotEmpty(side: string, where: string, listed: number, expected: number): void {
  if (listed === 0 && expected > 0) {
    throw new SyncError(
      'guard',
      `${side} listed no events in ${where} while ${expected} synced events should be there. Nothing was changed. ` +
        'Check the account (reconnect if the password or token changed) and try again.',
    );
  }
}
