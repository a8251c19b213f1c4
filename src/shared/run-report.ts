// The run report: what one sync cycle did, exactly as cli.md specifies (`sync --json`, `history --json`).
import { z } from 'zod';
import { errorKinds, itemOps, outcomes, sides, triggers } from './run-report-values';

export * from './run-report-values';
import { guardDecisionSchema } from './guard';



const sideCounts = z.object({ created: z.number(), updated: z.number(), deleted: z.number() });

export const runItemSchema = z.object({
  op: z.enum(itemOps),
  side: z.enum(sides),
  pair: z.string(),
  title: z.string(),
  reason: z.string().optional(),
  error: z.string().optional(),
});
export type RunItem = z.infer<typeof runItemSchema>;

export const runReportSchema = z.object({
  id: z.string(),
  trigger: z.enum(triggers),
  startedAt: z.string(),
  finishedAt: z.string(),
  outcome: z.enum(outcomes),
  counts: z.object({
    icloud: sideCounts,
    platform: sideCounts,
    skipped: z.number(),
    conflicts: z.number(),
    errors: z.number(),
  }),
  requests: z.object({ icloud: z.number(), platform: z.number() }),
  items: z.array(runItemSchema),
  /** side: the side whose server failed, when the failure concerns one (status marks only that side). */
  error: z.object({ kind: z.enum(errorKinds), message: z.string(), side: z.enum(sides).optional() }).optional(),
  /** A guard stopped the cycle (outcome guarded): what it would have done, waiting for the user. */
  guard: guardDecisionSchema.optional(),
  /**
   * With several platform locations connected (issue 15): how each one went, in connect order.
   * `requests`: what the cycle sent to that location; `error`: why it did not sync this time.
   */
  locations: z.array(z.object({
    id: z.string(),
    requests: z.number(),
    outcome: z.enum(['ok', 'failed']),
    error: z.object({ kind: z.enum(errorKinds), message: z.string() }).optional(),
  })).optional(),
  /** A preview (`sync --dry-run`, onboarding): what the cycle would do; nothing was written, no history entry. */
  dryRun: z.literal(true).optional(),
  /** The run kept what is needed to reverse it (undo.json); absent in older history: not undoable. An undo is never undoable. */
  undoable: z.boolean().optional(),
  /** An undo run: the id of the run it reversed. */
  undoes: z.string().optional(),
});
export type RunReport = z.infer<typeof runReportSchema>;

export function emptyCounts(): RunReport['counts'] {
  return {
    icloud: { created: 0, updated: 0, deleted: 0 },
    platform: { created: 0, updated: 0, deleted: 0 },
    skipped: 0,
    conflicts: 0,
    errors: 0,
  };
}
