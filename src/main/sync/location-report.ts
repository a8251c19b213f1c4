// The run report's `locations` (cli.md): for each connected location, the requests the cycle sent
// it, whether it synced, and why not.
import type { RunReport } from '../../shared/run-report';
import type { SyncError } from '../errors';
import type { LocationRun } from './cycle-locations';

export function reportLocations(runs: LocationRun[]): NonNullable<RunReport['locations']> {
  return runs.map((run) => ({
    id: run.account.locationId,
    requests: run.side.requests?.() ?? 0,
    outcome: run.error ? 'failed' as const : 'ok' as const,
    ...(run.error ? { error: { kind: errorKind(run.error.kind), message: run.error.message } } : {}),
  }));
}

/**
 * The failure a run with several failed locations names: one that needs the user before one that
 * passes (throttled, unreachable: exit 4), which a script would only retry, forever — a rejected
 * token first (exit 3, reconnect), then a location's own iCloud calendar gone (choose another).
 */
export function namedFailure(failed: LocationRun[]): LocationRun {
  return failed.find((run) => run.error!.kind === 'auth') ?? failed.find((run) => run.error!.kind === 'gone') ?? failed[0]!;
}

/** When every location failed, the scheduler waits for one that passes rather than stopping. */
export function passingFailure(failed: LocationRun[]): SyncError {
  const passes = (run: LocationRun) => run.error!.kind !== 'auth' && run.error!.kind !== 'gone';
  return (failed.find(passes) ?? failed.find((run) => run.error!.kind !== 'auth') ?? failed[0]!).error!;
}

function errorKind(kind: string): NonNullable<RunReport['error']>['kind'] {
  return kind === 'auth' || kind === 'network' || kind === 'throttled' || kind === 'guard' ? kind : 'internal';
}
