// Collects what a cycle did into the run report of cli.md.
import { randomUUID } from 'node:crypto';
import type { GuardDecision } from '../../shared/guard';
import { emptyCounts, type Outcome, type RunItem, type RunReport, type Trigger } from '../../shared/run-report';
import type { RequestCounter } from '../request-counter';

export class ReportBuilder {
  readonly id = randomUUID();
  readonly counts = emptyCounts();
  readonly items: RunItem[] = [];
  private error: RunReport['error'];
  private guarded: GuardDecision | undefined;
  /** Set once the run's undo records are kept (or known not to be): the report's `undoable`. */
  undoable: boolean | undefined;
  /** An undo run: the run it reversed. */
  undoes: string | undefined;
  private perLocation: RunReport['locations'];

  constructor(
    private readonly trigger: Trigger,
    private readonly startedAt: Date,
    private readonly requests: RequestCounter,
    /** A preview (dry-run.ts): what the cycle would do, nothing done. */
    private readonly dryRun = false,
  ) {}

  item(item: RunItem): void {
    this.items.push(item);
  }

  fail(kind: NonNullable<RunReport['error']>['kind'], message: string, side?: NonNullable<RunReport['error']>['side']): void {
    this.error = { kind, message, ...(side ? { side } : {}) };
  }

  /** A guard stopped the cycle: the report carries what it would have done, for the user to decide. */
  guard(decision: GuardDecision): void {
    this.guarded = decision;
  }

  /** How each location went (several connected). */
  locations(locations: NonNullable<RunReport['locations']>): void {
    this.perLocation = locations;
  }

  finish(finishedAt: Date): RunReport {
    const outcome: Outcome = this.error
      ? this.error.kind === 'guard' ? 'guarded' : 'failed'
      : this.counts.errors > 0 || this.counts.conflicts > 0 ? 'partial' : 'ok';
    return {
      id: this.id,
      trigger: this.trigger,
      startedAt: this.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      outcome,
      counts: this.counts,
      requests: this.requests.snapshot(),
      items: this.items,
      ...(this.error ? { error: this.error } : {}),
      ...(this.guarded ? { guard: this.guarded } : {}),
      ...(this.perLocation ? { locations: this.perLocation } : {}),
      ...(this.dryRun ? { dryRun: true as const } : {}),
      ...(this.undoable !== undefined ? { undoable: this.undoable } : {}),
      ...(this.undoes ? { undoes: this.undoes } : {}),
    };
  }
}
