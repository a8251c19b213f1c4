// The cycle's hook for the platform location (S15): read it again when a day has passed since the
// last definite answer, and say in the run report when the Mac's zone stands in for its zone.
import { locationIsDue, locationNotice, readLocation, type LocationFacts } from '../platform/location';
import type { State } from '../store/state-schema';
import type { PlatformPort } from './ports';
import type { ReportBuilder } from './report-builder';

/** Reads the location when due; true when its zone changed (the plan context must be built again). */
export async function refreshLocation(platform: PlatformPort, state: State, now: Date): Promise<boolean> {
  const account = state.accounts.platform;
  if (!account || !platform.getLocation || !locationIsDue(account, now)) return false;
  const facts = await readLocation({ getLocation: () => platform.getLocation!() }, account, now);
  const before = account.locationTimezone;
  applyLocationFacts(account, facts);
  return account.locationTimezone !== before;
}

/** Writes the facts onto the stored account; an absent fact removes the stored one. */
export function applyLocationFacts(account: LocationFacts, facts: LocationFacts): void {
  for (const key of ['locationName', 'locationTimezone', 'locationCheckedAt', 'locationProblem'] as const) {
    if (facts[key] === undefined) delete account[key];
    else (account as Record<string, unknown>)[key] = facts[key];
  }
}

/** A `notice` item while the location's zone is unknown: the run report says it, with what to do. */
export function noteLocation(report: ReportBuilder, state: State, localZone: string): void {
  const account = state.accounts.platform;
  const reason = account && locationNotice(account, localZone);
  if (!account || !reason) return;
  report.item({ op: 'notice', side: 'platform', pair: `location:${account.locationId}`, title: account.locationName ?? account.locationId, reason });
}
