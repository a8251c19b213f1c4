// The executor's lanes (issue 15): with several platform locations each location's operations run
// on that location's side and context, and the locations run at once (their requests never share a
// rate limit), while the records of what was read come last, once every lane is done.
import type { Operation } from './operations';
import type { PlanContext } from './plan-input';
import type { PlatformPort } from './ports';

/** Where one location's operations go. */
export interface Lane {
  platform: PlatformPort;
  context: PlanContext;
}

/** The lane of an operation: its location's, or the executor's own (one location, or none named). */
export function laneOf(op: Operation, deps: Lane & { locations?: Record<string, Lane> }): Lane {
  return (op.location !== undefined ? deps.locations?.[op.location] : undefined) ?? deps;
}

/** One lane per location (in the planner's order within each), then the operations of no location. */
export function splitLanes(ops: Operation[]): { lanes: Operation[][]; tail: Operation[] } {
  const locations = new Set(ops.map((op) => op.location).filter((id) => id !== undefined));
  if (locations.size < 2) return { lanes: [ops], tail: [] };
  const byLocation = new Map<string, Operation[]>();
  const tail: Operation[] = [];
  for (const op of ops) {
    if (op.location === undefined) tail.push(op);
    else {
      const lane = byLocation.get(op.location);
      if (lane) lane.push(op);
      else byLocation.set(op.location, [op]);
    }
  }
  return { lanes: [...byLocation.values()], tail };
}
