// The run report: what one sync cycle did, exactly as cli.md specifies (`sync --json`, `history --json`).
import { z } from 'zod';

export const triggers = ['manual', 'schedule', 'wake', 'cli'] as const;
export const outcomes = ['ok', 'partial', 'failed', 'guarded'] as const;
export const itemOps = ['create', 'update', 'delete', 'skip', 'conflict', 'detach', 'adopt', 'notice'] as const;
export const sides = ['icloud', 'platform'] as const;
export const errorKinds = ['auth', 'network', 'throttled', 'guard', 'internal'] as const;

export type Side = (typeof sides)[number];
export type Trigger = (typeof triggers)[number];
export type Outcome = (typeof outcomes)[number];
export type ReportErrorKind = (typeof errorKinds)[number];

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
  error: z.object({ kind: z.enum(errorKinds), message: z.string() }).optional(),
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
