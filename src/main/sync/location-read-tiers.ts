// The platform read tiers (platform-read-tiers.ts) with several locations (issue 15): each location
// decides its own range from its own account's blockedSlotsReadAt, and reads the rest of its window
// when this cycle needs it there: an iCloud change beyond its near tier (reachesBeyond), or another
// location's appointment whose busy-across slot in it would be new or moved beyond its near tier (or
// is still beyond it while the appointment moved into it), or such a slot missing from its near tier
// (plan-cross.ts would otherwise create a second slot instead of adopting or moving the unread one,
// or leave the new hour unblocked until the far read).
import { own } from '../../shared/own';
import { isAppointment } from '../platform/schemas';
import type { State } from '../store/state-schema';
import { appointmentContentFromPlatform } from './content';
import { readRestOfBlocks, type PlatformReadOptions } from './gather-platform';
import { crossLocationKey } from './pair';
import type { IcloudChanges, PlatformWindow } from './plan-input';
import { planPlatformRead, reachesBeyond, restOfWindow } from './platform-read-tiers';
import { overlaps, whollyInside } from './rules';
import type { LocationRun } from './cycle-locations';

/** What the whole cycle knows that decides a location's range (the rest is its own account's). */
export interface CycleReadFacts {
  allowEmpty: boolean;
  now: Date;
  dryRun: boolean;
  /** The events are judged again this cycle (window day, settings or a zone changed). */
  rejudge: boolean;
  /** The previous cycle failed (scheduler.consecutiveFailures > 0). */
  lastCycleFailed: boolean;
}

/** The read of one location's platform this cycle: its near tier, or its whole window when due. */
/** `intents`: this location's own (locationIntents). */
export function locationRead(run: LocationRun, intents: State['intents'], facts: CycleReadFacts): PlatformReadOptions {
  const { window, userId } = run.context;
  const reads = planPlatformRead({
    account: run.account, window, now: facts.now, dryRun: facts.dryRun, rejudge: facts.rejudge,
    lastCycleFailed: facts.lastCycleFailed, pendingCreates: Object.keys(intents).length > 0,
  });
  return { userId, window, allowEmpty: facts.allowEmpty, blocks: reads.blocks };
}

/** Whether this location must read the rest of its window before it is planned (see the file's comment). */
export function needsRest(run: LocationRun, view: State, icloud: IcloudChanges, runs: LocationRun[], state: State): boolean {
  const read = run.window?.blocksRead;
  if (!read || !restOfWindow(read, run.context.window)) return false;
  return reachesBeyond(icloud, view.pairs, read, run.context.window) || crossReachesBeyond(run, read, runs, state);
}

function crossReachesBeyond(target: LocationRun, read: { start: Date; end: Date }, runs: LocationRun[], state: State): boolean {
  const { window } = target.context;
  // Its busy-across slot missing from the near tier may have been moved far ahead by hand, not deleted
  // (as gather-platform.ts does for the location's own slots): made again, it would be there twice.
  const listed = new Set(target.window!.events.map((event) => event.id));
  for (const pair of Object.values(state.pairs)) {
    if (pair.crossFrom && pair.locationId === target.account.locationId && pair.platformId && !listed.has(pair.platformId) && whollyInside(pair, read)) return true;
  }
  for (const source of runs) {
    if (source === target || source.error || !source.window) continue;
    for (const event of source.window.events) {
      if (!isAppointment(event) || event.appointmentStatus === 'cancelled') continue;
      const times = appointmentContentFromPlatform(event);
      if (!overlaps(times, window)) continue;
      const pair = own(state.pairs, crossLocationKey(event.id, target.account.locationId));
      // Inside the read, and so is its slot (or it has none yet): the near tier shows all there is.
      // A slot still far ahead while its appointment moved near is not listed: read where it is.
      if (whollyInside(times, read) && (!pair || whollyInside(pair, read))) continue;
      // Its slot there is as wanted (only not listed now): nothing to plan beyond the near tier.
      if (!pair || pair.start !== times.start || pair.end !== times.end) return true;
    }
  }
  return false;
}

/** Adds the rest of the window's blocked slots to what the location read. */
export function readRest(run: LocationRun, view: State): Promise<PlatformWindow> {
  return readRestOfBlocks(run.side.platform, view, run.window!, run.read!);
}
