// The records a cycle ends with, kept apart from the executor's operations: the cycle's outcome for
// the scheduler (recordOutcome), and which read records would write what state already holds, so an
// idle cycle writes (and encodes) no state at all (issue 16).
import type { SyncError } from '../errors';
import type { State } from '../store/state-schema';
import type { StateTransaction } from '../store/state-store';
import { GuardStop } from './guards';
import type { Operation } from './operations';
import { setPendingGuard } from './unfollowed';

/** The end of a cycle, for the scheduler: how it went and when to try again (then one last write). */
export async function recordOutcome(tx: StateTransaction, now: Date, error?: SyncError): Promise<void> {
  const { scheduler } = tx.state;
  const before = outcomeFields(tx.state);
  // The guard waiting for the user (the window shows it): set by the cycle a guard stopped, cleared
  // by one that went through; a cycle that failed otherwise leaves it as it was.
  if (!error) setPendingGuard(tx.state, undefined);
  else if (error instanceof GuardStop) setPendingGuard(tx.state, error.decision);
  if (!error) {
    scheduler.consecutiveFailures = 0;
    scheduler.stoppedForCredentials = undefined;
    scheduler.retryAt = undefined;
  } else {
    scheduler.consecutiveFailures += 1;
    const wait = error.details.retryAfterMs;
    scheduler.retryAt = wait ? new Date(now.getTime() + wait).toISOString() : undefined;
    if (error.kind === 'auth' && error.details.side) scheduler.stoppedForCredentials = error.details.side;
  }
  // scheduler.lastRunAt is no longer stamped here: nothing reads it (the history holds every run's
  // time), and stamping it made every no-change cycle rewrite the whole state file (issue 16).
  // The executor saved its own changes; only a changed outcome is written (and encoded) here.
  if (outcomeFields(tx.state) !== before) await tx.save();
}

/** What recordOutcome may change: the scheduler's bookkeeping and the pending guard. */
function outcomeFields(state: State): string {
  return JSON.stringify([state.scheduler, state.following?.pending ?? null]);
}

/** A record that would write what state already holds: the same cursor (nothing to settle), the same window day. */
export function changesNothing(op: Operation, state: State): boolean {
  if (op.type === 'cursor.commit') {
    const stored = state.cursors[op.calendarUrl];
    return !op.settle && stored !== undefined && stored.syncToken === op.cursor.syncToken && stored.ctag === op.cursor.ctag;
  }
  return op.type === 'window.judged' && state.windowDay === op.judgedWith;
}
