// One sync cycle: read both sides, plan, guard, execute, write the run report. Reading changes no
// state and neither does this file: every change is an operation the executor applies (cursors and
// the iCloud object records included), and the cycle's outcome is recorded by the executor's
// recordOutcome. The whole cycle holds the data-directory lock, so the app and the CLI never run one
// at once. With several platform locations (issue 15) iCloud is read once and each location is read,
// planned and executed on its own side; one location failing leaves the others to sync.
import type { RunReport, Trigger } from '../../shared/run-report';
import { toSyncError, type SyncError } from '../errors';
import type { IcsCodec } from '../icloud';
import type { RequestCounter } from '../request-counter';
import type { HistoryStore } from '../store/history-store';
import type { State } from '../store/state-schema';
import type { StateStore } from '../store/state-store';
import { execute } from './execute';
import { recordOutcome } from './record-outcome';
import type { Lane } from './execute-lanes';
import { gatherIcloud, type FollowedCalendar } from './gather-icloud';
import { checkCreations, checkDeletions, GuardStop } from './guards';
import { planLocation } from './plan';
import { withReadRecords } from './plan-records';
import { planCrossLocation, releasedByRemoval } from './plan-cross';
import { locationContext, sharedContext } from './sync-context';
import { appointmentCalendars, platformAccounts } from '../store/locations';
import type { Operation } from './operations';
import { ReportBuilder } from './report-builder';
import { projectionKey } from './sync-window';
import { noteLocation } from './location-refresh';
import { macZone } from './zoned-midnight';
import { withoutUnfollowed } from './unfollowed';
import { readOnlySides, scratchTransaction, withoutSettling, type ProposedChanges } from './dry-run';
import type { UndoStore } from '../store/undo-store';
import { keepUndoRecords, UndoRecorder } from './undo-record';
import { claimedAppointmentIds, gatherLocation, locationRuns, locationView, otherPlatformIds, readLocationFacts, readRestWhereNeeded, type CycleSides, type LocationRun } from './cycle-locations';
import { namedFailure, passingFailure, reportLocations } from './location-report';
import { leaveOutGoneCalendars } from './location-calendar-gone';

export { planContext } from './sync-context';
import { markPhase } from './phase-timings';

export interface CycleDeps {
  store: StateStore;
  history: HistoryStore;
  /** undo.json: what reverses each run (absent: runs are not undoable). */
  undo?: UndoStore;
  /** Built once the state is read (they need the accounts); may throw 'auth' for a missing secret. */
  sides(state: State): Promise<CycleSides>;
  codec: IcsCodec;
  counter: RequestCounter;
  now: () => Date;
  /** The Mac's zone (default: this process's): floating times, and all-day blocks while the location's is unknown. */
  localZone?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface CycleOptions {
  trigger: Trigger;
  /** The user confirmed a large number of deletions (the guard asked). */
  allowDeletions?: boolean;
  /** The user confirmed a large number of new blocked slots (the creation guard asked). */
  allowCreations?: boolean;
  /** Preview (dry-run.ts): read both sides in full, plan, guard and report; write nothing anywhere. */
  dryRun?: boolean;
  /** With dryRun: preview these calendars and settings as if saved (nothing is saved). */
  proposed?: ProposedChanges;
}

export async function runCycle(deps: CycleDeps, options: CycleOptions): Promise<RunReport> {
  deps.counter.reset();
  const dryRun = Boolean(options.dryRun);
  const report = new ReportBuilder(options.trigger, deps.now(), deps.counter, dryRun);
  let runs: LocationRun[] = [];
  await deps.store.transaction(async (held) => {
    // A dry run changes only a copy, and the real transaction is never saved.
    const tx = dryRun ? scratchTransaction(held, options.proposed) : held;
    const { state } = tx;
    // Not connected or not linked: bad usage, not a failed run (nothing to report yet).
    const localZone = deps.localZone ?? macZone();
    const shared = sharedContext(state, deps.now(), localZone);
    for (const account of platformAccounts(state)) locationContext(shared, account, localZone);
    let recorder: UndoRecorder | undefined;
    try {
      const real = await deps.sides(state);
      if (!dryRun) recorder = new UndoRecorder(real);
      const sides = dryRun ? readOnlySides(real) : real;
      runs = locationRuns(state, sides, shared, localZone);
      // The linked calendar and each location's own (issue 15) are two-way; busy sources one way.
      const twoWay = appointmentCalendars(state);
      const calendars: FollowedCalendar[] = [
        ...twoWay.map((url) => ({ url, source: 'linked' as const })),
        ...state.links.busySources.filter((url) => !twoWay.includes(url)).map((url) => ({ url, source: 'busy' as const })),
      ];
      const allowEmpty = Boolean(options.allowDeletions);
      const now = deps.now();
      // Every location's facts first (S15: a zone read today changes how events are judged).
      await Promise.all(runs.map((run) => readLocationFacts(run, { now, localZone })));
      // With several locations the key names each (a location added or removed re-reads every event, so a
      // new location gets slots for the events already synced elsewhere); one location's is as it was.
      const zones = () => (runs.length === 1 ? runs[0].context.zone : runs.map((run) => `${run.account.locationId}=${run.context.zone}`).join(','));
      const judged = () => projectionKey(now, state.settings, { ...shared, zone: zones() });
      const rejudge = state.windowDay !== judged();
      // Each location's blocked slots: its near tier, or its whole window when due (location-read-tiers.ts).
      const readFacts = { allowEmpty, now, dryRun, rejudge, lastCycleFailed: state.scheduler.consecutiveFailures > 0 };
      // Both sides at once: neither read depends on the other, and a cycle then waits for the slower.
      const [gathered] = await Promise.all([
        gatherIcloud(sides.icloud, deps.codec, state, calendars, {
          window: shared.window, floatingZone: localZone, rereadAll: dryRun || rejudge, allowEmpty, now,
        }),
        ...runs.map((run) => gatherLocation(run, state, readFacts)),
      ]);
      // A location whose own iCloud calendar is gone is left out as one whose platform failed (location-calendar-gone.ts).
      leaveOutGoneCalendars(runs, gathered.goneCalendars ?? []);
      // A change beyond a location's near tier is planned against its platform as it is now.
      await readRestWhereNeeded(runs, state, gathered);
      markPhase('read');
      // Stored in windowDay: the day and the projection settings the events were last judged with.
      const judgedWith = judged();
      for (const run of runs) noteLocation(report, run.account, localZone);
      const live = runs.filter((run) => !run.error);
      const ops: Operation[] = [];
      for (const [index, run] of live.entries()) {
        // Items the user chose to keep as they are (a guard's "Keep them") are not seen by the planner.
        const view = locationView(state, run.account.locationId);
        ops.push(...planLocation(withoutUnfollowed({
          pairs: view.pairs, intents: view.intents, icloud: gathered, platform: run.window!, settings: state.settings, context: run.context,
          now, location: undefined, otherPlatformIds: runs.length > 1 ? otherPlatformIds(runs, run, state) : undefined,
          claimedAppointmentIds: runs.length > 1 ? claimedAppointmentIds(live, run, state) : undefined, icloudNotes: index === 0,
        }, state)));
        if (run.facts) ops.push({ type: 'location.read', rule: 'read', key: `location:${run.account.locationId}`, title: '', facts: run.facts, locationId: run.account.locationId, location: run.account.locationId });
        // Its far tier is due again an hour after this (its own account's blockedSlotsReadAt).
        if (run.window!.wholeWindowRead) ops.push({ type: 'platform.read', rule: 'read', key: `platform-read:${run.account.locationId}`, title: '', at: now.toISOString(), location: run.account.locationId });
      }
      // Busy across locations: each location's appointments block their time in the others.
      ops.push(...planCrossLocation(runs.map((run) => ({ context: { ...run.context, locationId: run.account.locationId }, window: run.error ? undefined : run.window })),
        Object.values(state.pairs).filter((pair) => pair.crossFrom), now, state.settings, Object.values(state.intents)));
      // What was read from iCloud is recorded once, for every location; when one could not be read
      // it was not planned for, so nothing read is recorded and the next cycle reads it all again.
      const complete = live.length === runs.length;
      const planned = withReadRecords(ops, complete ? { icloud: gathered, judgedWith } : { icloud: { changed: [], deleted: [], failures: [] } });
      markPhase('planned');
      const toRun = dryRun ? withoutSettling(planned) : planned;
      // Slots of a removed location's appointments go as its removal said (plan-cross.ts): not a surprise to guard.
      const released = new Set(toRun.filter((op) => releasedByRemoval(op, state.accounts)));
      checkDeletions(released.size ? toRun.filter((op) => !released.has(op)) : toRun, Object.keys(state.pairs).length - released.size, allowEmpty, deps.now());
      // A calendar with a cursor finished its first sync: a burst of new slots there is guarded. A
      // location's own first sync (connected since: no pair of it yet) is exempt, as a new calendar is.
      const firstSyncs = new Set(runs.map((run) => run.account.locationId).filter((id) => Object.keys(locationView(state, id).pairs).length === 0));
      const guarded = runs.length > 1 ? toRun.filter((op) => op.location === undefined || !firstSyncs.has(op.location)) : toRun;
      checkCreations(guarded, (url) => state.cursors[url] !== undefined, Boolean(options.allowCreations), deps.now());
      const lanes: Record<string, Lane> = Object.fromEntries(runs.map((run) => [run.account.locationId, { platform: run.side.platform, context: run.context }]));
      const first = runs[0];
      await execute(toRun, {
        icloud: sides.icloud, platform: first.side.platform, codec: deps.codec, tx, report, context: first.context, now: deps.now, onProgress: deps.onProgress,
        locations: lanes, undo: recorder, onLocationFailed: runs.length > 1 ? (id, error) => (runs.find((run) => run.account.locationId === id)!.error = error) : undefined,
      });
      markPhase('executed');
      // cli.md: a cycle that leaves conflicts open says so, also when they were found in an earlier one.
      report.counts.conflicts = Object.values(state.pairs).filter((pair) => pair.status === 'conflict').length;
      await finishLocations(tx, runs, report, deps.now());
    } catch (thrown) {
      const error = toSyncError(thrown);
      report.fail(reportKind(error), error.message, error.details.side);
      if (error instanceof GuardStop) report.guard(error.decision);
      await recordOutcome(tx, deps.now(), error);
    }
    if (!dryRun) report.undoable = await keepUndoRecords(deps.undo, recorder, report.id, deps.now());
  }, { restamp: !dryRun });
  if (runs.length > 1) report.locations(reportLocations(runs));
  const finished = report.finish(deps.now());
  if (!dryRun) await deps.history.append(finished, deps.now());
  return finished;
}

/**
 * The cycle went through for at least one location. A location that failed makes the run fail
 * (exit 3 or 4, or 1 for its own iCloud calendar gone, naming it), but the scheduler goes on for
 * the others: only when every location failed does it stop or wait as after any failed cycle.
 */
async function finishLocations(tx: Parameters<typeof recordOutcome>[0], runs: LocationRun[], report: ReportBuilder, now: Date): Promise<void> {
  const failed = runs.filter((run) => run.error);
  if (failed.length === 0) return recordOutcome(tx, now);
  const { account, error } = namedFailure(failed);
  const where = account.locationName ? `${account.locationName} (${account.locationId})` : account.locationId;
  const message = runs.length > 1 ? `Location ${where}: ${error!.message}` : error!.message;
  // The side that failed: its platform, or its own iCloud calendar (gone).
  report.fail(reportKind(error!), message, error!.details.side ?? 'platform');
  await recordOutcome(tx, now, failed.length === runs.length ? passingFailure(failed) : undefined);
}

export function reportKind(error: SyncError): NonNullable<RunReport['error']>['kind'] {
  if (error.kind === 'auth' || error.kind === 'network' || error.kind === 'throttled' || error.kind === 'guard') return error.kind;
  return 'internal';
}
