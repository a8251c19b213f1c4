// The cycle's platform locations (issue 15): each one read on its own — its location facts, its
// window of appointments and blocked slots — with its own side (token, rate limiter, request count).
// A location whose side fails as a whole (credentials rejected, throttled, unreachable) is left out
// of this cycle and the others sync on; any other failure (a guard) stops the cycle as before.
import { isAppointment } from '../platform/schemas';
import { SyncError, toSyncError } from '../errors';
import type { LocationFacts } from '../platform/location';
import { locationOf, plainLocationId, platformAccounts } from '../store/locations';
import type { PlatformAccount, State } from '../store/state-schema';
import { gatherPlatform, type PlatformReadOptions } from './gather-platform';
import { locationRead, needsRest, readRest, type CycleReadFacts } from './location-read-tiers';
import { locationContext, type SharedContext } from './sync-context';
import type { IcloudChanges, PlanContext, PlatformWindow } from './plan-input';
import type { IcloudPort, PlatformPort } from './ports';
import { readLocationIfDue, withLocationFacts } from './location-refresh';

/** One location's side for a cycle; `requests`: how many it sent (the report's `locations`). */
export interface LocationSide {
  platform: PlatformPort;
  requests?: () => number;
}

/** What `sides` builds: iCloud, the first location's side, and every location's by id. */
export interface CycleSides {
  icloud: IcloudPort;
  platform: PlatformPort;
  locations?: Record<string, LocationSide>;
}

export interface LocationRun {
  account: PlatformAccount;
  side: LocationSide;
  context: PlanContext;
  facts?: LocationFacts;
  window?: PlatformWindow;
  /** What was asked of its platform this cycle (its read tier: location-read-tiers.ts). */
  read?: PlatformReadOptions;
  /** Its side failed this cycle: nothing of it is planned. */
  error?: SyncError;
}

export function locationRuns(state: State, sides: CycleSides, shared: SharedContext, localZone: string): LocationRun[] {
  const accounts = platformAccounts(state);
  return accounts.map((account, index) => {
    const side = sides.locations?.[account.locationId] ?? (index === 0 ? { platform: sides.platform } : undefined);
    if (!side) throw new SyncError('internal', `No side was built for location ${account.locationId}.`);
    return { account, side, context: locationContext(shared, account, localZone) };
  });
}

/** A failure of one location's side as a whole (not a guard, not one item). */
function isolatable(error: SyncError): boolean {
  return error.kind === 'auth' || error.kind === 'throttled' || error.kind === 'network';
}

/** The state as one location's planner sees it: its own pairs and intents only. */
export function locationView(state: State, locationId: string): State {
  return { ...state, pairs: mine(state, state.pairs, locationId), intents: locationIntents(state, locationId) };
}

/** One location's intents (a few at most): what its read tier needs before its requests leave. */
export function locationIntents(state: State, locationId: string): State['intents'] {
  return mine(state, state.intents, locationId);
}

/** The records of `locationId`'s own (not busy-across ones). */
function mine<T extends { locationId?: string; crossFrom?: unknown }>(state: State, records: Record<string, T>, locationId: string): Record<string, T> {
  // The plain-key location once, not per record (locationOf looks it up each time): a cycle takes
  // this view several times, over every pair (issue 16: ~30 ms at 5,000 pairs, now a few).
  const plain = plainLocationId(state.accounts);
  const kept: Record<string, T> = {};
  for (const key in records) {
    const record = records[key];
    if (!record.crossFrom && (record.locationId ?? plain) === locationId) kept[key] = record;
  }
  return kept;
}

/**
 * S15: the location's zone, read again once a day, before anything is judged (a new zone re-judges
 * every event; the facts reach state through location.read). A failure of its side is kept on the run.
 */
export async function readLocationFacts(run: LocationRun, options: { now: Date; localZone: string }): Promise<void> {
  await isolated(run, async () => {
    run.facts = await readLocationIfDue(run.side.platform, run.account, options.now);
    if (run.facts) {
      run.account = withLocationFacts(run.account, run.facts);
      run.context = locationContext(run.context, run.account, options.localZone);
    }
  });
}

/** Reads one location's window, in its own read tier (a location whose side failed already is not read again). */
export async function gatherLocation(run: LocationRun, state: State, facts: CycleReadFacts): Promise<void> {
  if (run.error) return;
  await isolated(run, async () => {
    // The requests leave first: what decides them is the account and this location's intents.
    run.read = locationRead(run, locationIntents(state, run.account.locationId), facts);
    run.window = await gatherPlatform(run.side.platform, () => locationView(state, run.account.locationId), run.read);
  });
}

/** Each location that read its near tier only reads the rest of its window when this cycle needs it there. */
export async function readRestWhereNeeded(runs: LocationRun[], state: State, icloud: IcloudChanges): Promise<void> {
  const due = runs.filter((run) => !run.error && needsRest(run, locationView(state, run.account.locationId), icloud, runs, state));
  await Promise.all(due.map((run) => isolated(run, async () => {
    run.window = await readRest(run, locationView(state, run.account.locationId));
  })));
}

async function isolated(run: LocationRun, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (thrown) {
    const error = toSyncError(thrown, 'platform');
    if (!isolatable(error) || error.details.side !== 'platform') throw error;
    run.error = error;
  }
}

/** The platform ids of every location but `run`'s: pairs and what was listed this cycle. */
export function otherPlatformIds(runs: LocationRun[], run: LocationRun, state: State): Set<string> {
  const ids = new Set<string>();
  for (const pair of Object.values(state.pairs)) {
    const location = locationOf(pair, state.accounts);
    // This location's busy-across slots are not for its own plan to adopt either.
    if (pair.platformId && (location !== run.account.locationId || pair.crossFrom)) ids.add(pair.platformId);
  }
  for (const other of runs) if (other !== run) for (const event of other.window?.events ?? []) ids.add(event.id);
  return ids;
}

/**
 * Appointment ids that are another location's to copy to iCloud: those it has a pair for, and those
 * listed by a location planned before `run` this cycle (the first to list an id keeps it).
 */
export function claimedAppointmentIds(runs: LocationRun[], run: LocationRun, state: State): Set<string> {
  const ids = new Set<string>();
  for (const pair of Object.values(state.pairs)) {
    if (pair.platformKind === 'appointment' && pair.platformId && !pair.crossFrom && locationOf(pair, state.accounts) !== run.account.locationId) ids.add(pair.platformId);
  }
  for (const other of runs.slice(0, runs.indexOf(run))) for (const event of other.window?.events ?? []) if (isAppointment(event)) ids.add(event.id);
  return ids;
}
