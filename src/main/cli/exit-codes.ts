// cli.md exit codes, derived from the one error classification (src/main/errors.ts).
import { SyncError, type ErrorKind } from '../errors';

export const ExitCode = { ok: 0, other: 1, usage: 2, credentials: 3, unreachable: 4, guard: 5 } as const;

const byKind: Record<ErrorKind, number> = {
  item: ExitCode.usage,
  auth: ExitCode.credentials,
  network: ExitCode.unreachable,
  throttled: ExitCode.unreachable,
  guard: ExitCode.guard,
  gone: ExitCode.other,
  conflict: ExitCode.other,
  internal: ExitCode.other,
};

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof SyncError) return byKind[error.kind];
  return ExitCode.other;
}

/** Bad usage of the command line itself (unknown command or option, missing argument). */
export class UsageError extends Error {}
