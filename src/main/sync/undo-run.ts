// Which run an undo may reverse (issue 13 item 2): one in the history, not an undo itself, whose
// records undo.json still keeps (retention: undo-store.ts) and which was not undone already.
import { GuardStop } from './guards';
import { SyncError, toSyncError } from '../errors';
import type { RunReport } from '../../shared/run-report';
import type { HistoryStore } from '../store/history-store';
import type { State } from '../store/state-schema';
import type { UndoStore } from '../store/undo-store';
import { reportKind } from './cycle';
import { planUndo, undoCounts } from './plan-undo';
import type { ReportBuilder } from './report-builder';
import type { UndoRun } from '../store/undo-entry';

/** The run cannot be undone (now): refused before anything changed, so no run goes into the history. */
export class NotUndoableError extends SyncError {
  constructor(message: string) {
    super('item', message);
  }
}

export async function undoableRun(undo: UndoStore | undefined, history: HistoryStore, runId: string, now: Date): Promise<UndoRun> {
  const report = (await history.list()).find((run) => run.id === runId);
  if (!report) throw new NotUndoableError(`There is no run "${runId}" in the history. Run \`icloud-sync history --json\` to see the run ids.`);
  if (report.trigger === 'undo') throw new NotUndoableError('That run was an undo: an undo is not undone. Sync again to bring the items back (follow them again first).');
  const run = await undo?.get(runId, now);
  if (!run) {
    throw new NotUndoableError('That run cannot be undone: it changed nothing that can be reversed, or its undo records are no longer kept (the last 20 runs, 14 days).');
  }
  if (run.undoneBy) throw new NotUndoableError(`That run was undone already (by run ${run.undoneBy}).`);
  return run;
}

/** What an undo of the run would do, from the state alone (the confirmation's numbers). */
export function undoSummary(run: UndoRun, state: State): { icloud: number; platform: number; refused: number } {
  return undoCounts(planUndo(run, state));
}

/**
 * An undo stopped part way (a side unreachable, credentials rejected): it changed some items, so it
 * is a run in the history all the same, failed, with what it did; then the error goes on to the caller.
 */
export async function recordStoppedUndo(history: HistoryStore, report: ReportBuilder, thrown: unknown, now: Date): Promise<never> {
  // Refused under the lock (another undo of the same run got there first): nothing was changed.
  if (thrown instanceof NotUndoableError) throw thrown;
  const error = toSyncError(thrown);
  report.fail(reportKind(error), error.message, error.details.side);
  // Stopped by a safety guard (undo-guards.ts): the run lists what it would have done, as a sync does.
  if (error instanceof GuardStop) report.guard(error.decision);
  const finished: RunReport = report.finish(now);
  await history.append(finished, now);
  throw error;
}

/**
 * The runs as the window lists them: `undoable` as it is now — false once a run was undone or its
 * records are no longer kept (the history keeps what each run said when it ended).
 */
export async function undoableNow(undo: UndoStore | undefined, runs: RunReport[], now: Date): Promise<RunReport[]> {
  if (!runs.some((run) => run.undoable)) return runs;
  const kept = new Map((await undo?.list(now) ?? []).map((run) => [run.runId, run]));
  return runs.map((run) => (run.undoable && (!kept.has(run.id) || kept.get(run.id)!.undoneBy) ? { ...run, undoable: false } : run));
}
