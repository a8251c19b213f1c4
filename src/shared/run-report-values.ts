// The words of a run report (cli.md): plain constants, no zod, so the window can list them (the
// History filters) without carrying zod in its bundle. run-report.ts builds the schemas from them.
/** `undo`: a run that reversed an earlier one (`icloud-sync undo`, History's "Undo this run"). */
export const triggers = ['manual', 'schedule', 'wake', 'cli', 'undo'] as const;
export const outcomes = ['ok', 'partial', 'failed', 'guarded'] as const;
/** `notice` changes nothing and tells the user something (cli.md): e.g. the Mac's zone stands in for the location's. */
export const itemOps = ['create', 'update', 'delete', 'skip', 'conflict', 'detach', 'adopt', 'notice'] as const;
export const sides = ['icloud', 'platform'] as const;
export const errorKinds = ['auth', 'network', 'throttled', 'guard', 'internal'] as const;

export type Side = (typeof sides)[number];
export type Trigger = (typeof triggers)[number];
export type Outcome = (typeof outcomes)[number];
export type ReportErrorKind = (typeof errorKinds)[number];
