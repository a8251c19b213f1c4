// The run report's `locations` (cli.md): for each connected location, the requests the cycle sent
// it, whether it synced, and why not.
import type { RunReport } from '../../shared/run-report';
import type { LocationRun } from './cycle-locations';

export function reportLocations(runs: LocationRun[]): NonNullable<RunReport['locations']> {
  return runs.map((run) => ({
    id: run.account.locationId,
    requests: run.side.requests?.() ?? 0,
    outcome: run.error ? 'failed' as const : 'ok' as const,
    ...(run.error ? { error: { kind: errorKind(run.error.kind), message: run.error.message } } : {}),
  }));
}

function errorKind(kind: string): NonNullable<RunReport['error']>['kind'] {
  return kind === 'auth' || kind === 'network' || kind === 'throttled' || kind === 'guard' ? kind : 'internal';
}
