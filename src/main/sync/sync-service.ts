// Runs cycles for the app and the CLI: one at a time (a "Sync now" during a running cycle joins it,
// never starts a second), with live progress for the window and tray, and the user's decisions
// (resolve, restore, cancel) applied through the same executor.
import { own } from '../../shared/own';
import type { RunReport, Trigger } from '../../shared/run-report';
import type { CalendarEvent } from '../platform/schemas';
import type { IcsCodec } from '../icloud';
import { SyncError } from '../errors';
import type { RequestCounter } from '../request-counter';
import type { HistoryStore } from '../store/history-store';
import type { State } from '../store/state-schema';
import type { StateStore } from '../store/state-store';
import { planContext, runCycle } from './cycle';
import { readOnlySides, scratchTransaction, type ProposedChanges } from './dry-run';
import { cleanUpOperations } from './clean-up';
import { orphanMirrorDeletions } from './orphan-mirrors';
import { macZone } from './zoned-midnight';
import { execute } from './execute';
import type { Operation } from './operations';
import type { IcloudPort, PlatformPort } from './ports';
import { undoGuardStop, type UndoAllowed } from './undo-guards';
import type { UndoPreview } from '../../shared/ipc/views';
import type { CycleSides } from './cycle-locations';
import { decisionLanes } from './decision-lanes';
import { ReportBuilder } from './report-builder';
import { followAgain, keepPending } from './unfollowed';
import { cancelDecision, resolveOperation, restoreOperation } from './user-decisions';
import type { UndoStore } from '../store/undo-store';
import { planUndo } from './plan-undo';
import { keepUndoRecords, UndoRecorder } from './undo-record';
import { recordStoppedUndo, undoableNow, undoableRun, undoSummary } from './undo-run';

export interface SyncServiceDeps {
  store: StateStore;
  history: HistoryStore;
  /** undo.json (undo-store.ts); absent: runs are not undoable. */
  undo?: UndoStore;
  codec: IcsCodec;
  counter: RequestCounter;
  sides(state: State): Promise<CycleSides>;
  now: () => Date;
  /** The Mac's zone (cycle.ts); default: this process's. */
  localZone?: string;
}

export class SyncService {
  private current: Promise<RunReport> | undefined;
  /** A preview running (it shares the request counter, so a cycle and a preview never overlap). */
  private previewing: Promise<unknown> | undefined;
  progress: { done: number; total: number } | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: SyncServiceDeps) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  /** Resolves when no cycle is running (before quitting: let the current store write finish). */
  async idle(): Promise<void> {
    await this.current?.catch(() => undefined);
  }

  /** Called whenever running/progress changes (the window and tray refresh). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** "Sync now" from the tray or the window: start or join a cycle; its outcome arrives through status. */
  syncNow(): { started: boolean; coalesced: boolean } {
    const { report, coalesced } = this.run('manual');
    report.catch(() => undefined);
    return { started: !coalesced, coalesced };
  }

  /** Run a cycle now, or join the one already running (coalesced). */
  run(trigger: Trigger, options: { allowDeletions?: boolean; allowCreations?: boolean; dryRun?: boolean; proposed?: ProposedChanges } = {}): { report: Promise<RunReport>; coalesced: boolean } {
    // A preview never joins a real cycle (its report would not be a preview) and shows no progress;
    // the data-directory lock makes it wait for one that is running.
    if (options.dryRun) {
      const report = settled(this.current).then(() =>
        runCycle(this.deps, { trigger, allowDeletions: options.allowDeletions, allowCreations: options.allowCreations, dryRun: true, proposed: options.proposed }));
      const previewing = settled(report).finally(() => {
        if (this.previewing === previewing) this.previewing = undefined;
      });
      this.previewing = previewing;
      return { report, coalesced: false };
    }
    if (this.current) return { report: this.current, coalesced: true };
    this.progress = undefined;
    this.current = settled(this.previewing).then(() => runCycle(
      { ...this.deps, onProgress: (done, total) => { this.progress = { done, total }; this.emit(); } },
      { trigger, allowDeletions: options.allowDeletions, allowCreations: options.allowCreations },
    )).finally(() => {
      this.current = undefined;
      this.progress = undefined;
      this.emit();
    });
    this.emit();
    return { report: this.current, coalesced: false };
  }

  async resolve(ids: string[], keep: 'platform' | 'icloud', trigger: Trigger): Promise<RunReport> {
    return this.decide(trigger, (state) => ids.map((id) => resolveOperation(state, id, keep)));
  }

  async restore(id: string, trigger: Trigger): Promise<RunReport> {
    return this.decide(trigger, async (state, platformOf) => {
      const pair = own(state.pairs, id);
      let appointment: CalendarEvent | undefined;
      if (pair?.detached?.kind === 'icloud-mirror-deleted' && pair.platformId) appointment = await platformOf(id).getEvent(pair.platformId).catch(goneAsUndefined);
      return [restoreOperation(state, id, appointment)];
    });
  }

  async cancel(id: string, trigger: Trigger): Promise<RunReport> {
    return this.decide(trigger, async (state, platformOf, report) => {
      const decision = cancelDecision(state, id);
      if (decision.cancelAppointment) {
        await platformOf(id).updateAppointment(decision.cancelAppointment, { appointmentStatus: 'cancelled' });
        report.counts.platform.updated += 1;
        report.item({ op: 'update', side: 'platform', pair: id, title: decision.dismiss.title, reason: 'appointment cancelled by you (its iCloud copy had been deleted)' });
        delete state.pairs[id];
      } else {
        state.pairs[id] = { ...decision.dismiss, detached: { ...decision.dismiss.detached!, dismissed: true } };
        report.item({ op: 'skip', side: 'platform', pair: id, title: decision.dismiss.title, reason: 'you chose to stop syncing this event' });
      }
      return [];
    });
  }

  /**
   * "Keep them" at a safety guard: both sides stay as they are, the guard's items are no longer
   * followed (unfollowed.ts), and the choice is a run in the history like every decision.
   */
  async keepGuarded(trigger: Trigger): Promise<RunReport> {
    if (this.current) await this.current.catch(() => undefined);
    this.deps.counter.reset();
    const report = new ReportBuilder(trigger, this.deps.now(), this.deps.counter);
    await this.deps.store.update((state) => {
      for (const item of keepPending(state, this.deps.now())) {
        report.counts.skipped += 1;
        report.item({ op: 'skip', side: item.side, pair: item.key, title: item.title, reason: 'kept as it is on both sides; no longer followed (your choice)' });
      }
    });
    return this.record(report);
  }

  /** Follow an item kept at a guard again: the next cycle adopts what exists instead of duplicating it. */
  async follow(key: string, trigger: Trigger): Promise<RunReport> {
    if (this.current) await this.current.catch(() => undefined);
    this.deps.counter.reset();
    const report = new ReportBuilder(trigger, this.deps.now(), this.deps.counter);
    await this.deps.store.update((state) => {
      const item = followAgain(state, key);
      report.item({ op: 'skip', side: item.side, pair: item.key, title: item.title, reason: 'followed again: the next sync brings it up to date' });
    });
    return this.record(report);
  }

  private async record(report: ReportBuilder): Promise<RunReport> {
    const finished = report.finish(this.deps.now());
    await this.deps.history.append(finished, this.deps.now());
    this.emit();
    return finished;
  }

  /**
   * Delete every copy the app made (clean-up.ts), owners untouched; `preview`: the same through a
   * scratch state and read-only sides (dry-run.ts), nothing changed and no history entry.
   */
  async removeCopies(trigger: Trigger, preview: boolean, locationId?: string): Promise<RunReport> {
    // The pairs' copies, then the mirrors found by their mark that no pair knows of (lost state) —
    // those only when the whole of the app's copies go (not one location's).
    return this.decide(trigger, async (state, _platformOf, _report, icloud) => [
      ...cleanUpOperations(state, locationId),
      ...(locationId === undefined ? await orphanMirrorDeletions(icloud, this.deps.codec, state, this.deps.localZone ?? macZone()) : []),
    ], preview);
  }

  /**
   * Undo an earlier run (plan-undo.ts, apply-undo.ts): its records become operations run through the
   * executor like a decision's; an undo is itself a run, never undoable.
   */
  async undo(runId: string, allowed: UndoAllowed = {}): Promise<RunReport> {
    // Asked at once (a clear refusal without waiting for the lock), then again under the lock: two
    // undos of one run at once (two CLI processes, the window and the CLI) would otherwise both
    // pass the first check, and the second would recreate again what the first recreated.
    await undoableRun(this.deps.undo, this.deps.history, runId, this.deps.now());
    const report = await this.decide('undo', async (state) => {
      const ops = planUndo(await undoableRun(this.deps.undo, this.deps.history, runId, this.deps.now()), state);
      // The sync's safety guards apply to an undo too (undo-guards.ts): nothing is changed past them without a yes.
      const guard = undoGuardStop(ops, runId, Object.keys(state.pairs).length, allowed, this.deps.now());
      if (guard) throw guard;
      return ops;
    }, false, runId);
    this.emit(); // the window's History and Status show the new run
    return report;
  }

  /** How many items an undo of the run would change on each side, and refuse already (the confirmation). */
  async undoPreview(runId: string): Promise<UndoPreview> {
    const run = await undoableRun(this.deps.undo, this.deps.history, runId, this.deps.now());
    const state = await this.deps.store.read();
    const guard = undoGuardStop(planUndo(run, state), runId, Object.keys(state.pairs).length, {}, this.deps.now());
    return { ...undoSummary(run, state), ...(guard ? { guard: { kind: guard.decision.kind, message: guard.decision.message } } : {}) };
  }

  /** The runs with `undoable` as it is now (undone, or records no longer kept: false), for the window. */
  async withUndoableNow(runs: RunReport[]): Promise<RunReport[]> {
    return undoableNow(this.deps.undo, runs, this.deps.now());
  }

  private async decide(
    trigger: Trigger,
    /** platformOf(pair key): the side of the location that pair is in. */
    build: (state: State, platformOf: (key: string) => PlatformPort, report: ReportBuilder, icloud: IcloudPort) => Operation[] | Promise<Operation[]>,
    preview = false,
    undoes?: string,
  ): Promise<RunReport> {
    if (this.current) await this.current.catch(() => undefined);
    this.deps.counter.reset();
    const report = new ReportBuilder(trigger, this.deps.now(), this.deps.counter, preview);
    report.undoes = undoes;
    await this.deps.store.transaction(async (held) => {
      const tx = preview ? scratchTransaction(held) : held;
      const real = await this.deps.sides(tx.state);
      const sides = preview ? readOnlySides(real) : real;
      const lanes = decisionLanes(tx.state, sides, this.deps.now(), this.deps.localZone);
      const ops = (await build(tx.state, (key) => lanes.of(key).platform, report, sides.icloud)).map(lanes.stamp);
      const context = planContext(tx.state, this.deps.now(), this.deps.localZone);
      // What this run changes is kept to be undone, except by a preview or an undo (an undo is not undone).
      const undo = preview || undoes ? undefined : new UndoRecorder(real);
      try {
        await execute(ops, { ...sides, codec: this.deps.codec, tx, report, context, now: this.deps.now, locations: lanes.all, undo });
      } finally {
        if (!preview) report.undoable = await keepUndoRecords(this.deps.undo, undo, report.id, this.deps.now());
        // Under the lock, and also when an item failed: a second undo would recreate twice what this one recreated.
        if (undoes) await this.deps.undo?.markUndone(undoes, report.id, this.deps.now());
      }
      await tx.save();
    }).catch((thrown: unknown) => (undoes ? recordStoppedUndo(this.deps.history, report, thrown, this.deps.now()) : Promise.reject(thrown)));
    const finished = report.finish(this.deps.now());
    if (preview) return finished;
    await this.deps.history.append(finished, this.deps.now());
    if (finished.counts.errors > 0) throw new DecisionFailed(finished);
    return finished;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** A decision's run in which an item failed (the run is in the history): its first error, and the run to word it by. */
export class DecisionFailed extends SyncError {
  constructor(readonly report: RunReport) {
    super('item', report.items.find((i) => i.error)?.error ?? 'The change could not be applied.');
  }
}

/** Resolves when the work is over, however it ended (nothing to wait for: at once). */
function settled(work: Promise<unknown> | undefined): Promise<void> {
  return (work ?? Promise.resolve()).then(() => undefined, () => undefined);
}

function goneAsUndefined(error: unknown): undefined {
  if (error instanceof SyncError && error.kind === 'gone') return undefined;
  throw error;
}
