// The end of a cycle, recorded by the executor's side of the one writer (DESIGN §2): how it went,
// the guard waiting for the user, and when the scheduler may try again.
import type { SyncError } from '../errors';
import type { StateTransaction } from '../store/state-store';
import { GuardStop } from './guards';
import { setPendingGuard } from './unfollowed';

/** The end of a cycle, for the scheduler: how it went and when to try again (then one last write). */
export async function recordOutcome(tx: StateTransaction, now: Date, error?: SyncError): Promise<void> {
  const { scheduler } = tx.state;
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
  await tx.save();
}
