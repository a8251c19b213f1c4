// The cycle's hook for the platform location (S15): read it again when a day has passed since the
// last definite answer, and say in the run report when the Mac's zone stands in for its zone.
import { locationIsDue, locationNotice, readLocation, type LocationFacts } from '../platform/location';
import type { PlatformAccount } from '../store/state-schema';
import type { PlatformPort } from './ports';
import type { ReportBuilder } from './report-builder';

/**
 * Reads the location when due (nothing is written here: the planner turns the facts into a
 * `location.read` operation, so the executor stays the one writer of state). Undefined: not due.
 */
export async function readLocationIfDue(platform: PlatformPort, account: PlatformAccount, now: Date): Promise<LocationFacts | undefined> {
  if (!platform.getLocation || !locationIsDue(account, now)) return undefined;
  return readLocation({ getLocation: () => platform.getLocation!() }, account, now);
}

/** The account with the facts in place of the stored ones; an absent fact removes the stored one. */
export function withLocationFacts(account: PlatformAccount, facts: LocationFacts): PlatformAccount {
  const next: PlatformAccount = { ...account };
  for (const key of ['locationName', 'locationTimezone', 'locationCheckedAt', 'locationProblem'] as const) {
    if (facts[key] === undefined) delete next[key];
    else (next as Record<string, unknown>)[key] = facts[key];
  }
  return next;
}

/** A `notice` item while the location's zone is unknown: the run report says it, with what to do. */
export function noteLocation(report: ReportBuilder, account: PlatformAccount, localZone: string): void {
  const reason = locationNotice(account, localZone);
  if (!reason) return;
  report.item({ op: 'notice', side: 'platform', pair: `location:${account.locationId}`, title: account.locationName ?? account.locationId, reason });
}
