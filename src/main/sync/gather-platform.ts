// Reads the user's appointments in the window and their blocked slots where this cycle's read tier
// says (platform-read-tiers.ts; the platform has no delta feed), then looks up, one by one, paired
// appointments that are missing from it: a 404 is "gone", an appointment that only moved out of the
// window is not. Only what was read is judged: a pair outside the blocked slots read is neither
// "missing" to the planner nor "expected" by the empty-side guard.
import { SyncError } from '../errors';
import { isAppointment, type CalendarEvent } from '../platform/schemas';
import type { State } from '../store/state-schema';
import { checkNotEmpty } from './guards';
import type { PairRecord } from './pair';
import type { PlatformWindow } from './plan-input';
import type { PlatformPort } from './ports';
import { restOfWindow, type TimeRange } from './platform-read-tiers';
import { endedBefore, whollyInside } from './rules';

export interface PlatformReadOptions {
  userId: string;
  window: TimeRange;
  allowEmpty: boolean;
  /** Where to list blocked slots (planPlatformRead); absent: the whole window. */
  blocks?: TimeRange;
}

/**
 * `view`: the state as this location's planner sees it, taken once the listings are in — building
 * it walks every pair (and, in a fresh CLI process, first builds them: state-disk.ts's `lazy`), work
 * that then runs while iCloud's answer is still on its way instead of before the requests leave.
 */
export async function gatherPlatform(platform: PlatformPort, view: () => State, options: PlatformReadOptions): Promise<PlatformWindow> {
  const { window } = options;
  const query = (range: TimeRange) => ({ userId: options.userId, startTime: range.start, endTime: range.end });
  let blocksRead = options.blocks ?? window;
  // Both listings at once (issue 16): neither depends on the other, so a cycle waits for the slower.
  const [appointments, near] = await Promise.all([platform.listAppointments(query(window)), platform.listBlockedSlots(query(blocksRead))]);
  let blocks = near;
  const pairs = Object.values(view().pairs).filter((p) => p.platformId && p.status !== 'detached');
  // A paired slot missing from the near tier may have been moved into the far part on the platform,
  // not deleted: read the rest of the window before judging it.
  const rest = restOfWindow(blocksRead, window);
  if (rest && missingBlocks(pairs, blocks, blocksRead)) {
    blocks = [...blocks, ...(await platform.listBlockedSlots(query(rest)))];
    blocksRead = window;
  }
  // Whether /calendars/events also returns blocked slots is undocumented: de-duplicate by id.
  const events = [...new Map([...appointments, ...blocks].map((e) => [e.id, e])).values()];
  if (!options.allowEmpty) {
    // Each listing on its own: one endpoint answering [] while the other works is still an outage.
    // The pairs expected there are looked for only when a listing is empty (not 5,000 per cycle).
    const expected = (kind: 'appointment' | 'block', range: TimeRange) => pairs.filter((p) => p.platformKind === kind && whollyInside(p, range));
    if (appointments.length === 0) checkNotEmpty('platform', 'the sync window (appointments)', 0, expected('appointment', window));
    const blocksListed = events.filter((e) => !isAppointment(e)).length;
    if (blocksListed === 0) checkNotEmpty('platform', 'the sync window (blocked slots)', 0, expected('block', blocksRead));
  }
  const listed = new Set(events.map((e) => e.id));
  const lookups: PlatformWindow['lookups'] = {};
  for (const pair of pairs) {
    if (pair.platformKind !== 'appointment' || listed.has(pair.platformId!) || endedBefore(pair, window)) continue;
    try {
      lookups[pair.platformId!] = await platform.getEvent(pair.platformId!);
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'gone') lookups[pair.platformId!] = null;
      // One appointment the platform will not show us (400/422, a malformed answer) must not stop
      // every cycle: its side stays unknown this time. Outages and credentials still stop the cycle.
      else if (!(error instanceof SyncError && (error.kind === 'item' || error.kind === 'internal'))) throw error;
    }
  }
  return { events, lookups, blocksRead, wholeWindowRead: !restOfWindow(blocksRead, window) };
}

/**
 * The rest of the window's blocked slots, added to what gatherPlatform read: the cycle asks for it
 * when its iCloud changes reach beyond the near tier (reachesBeyond). Nothing to add: the same value.
 */
export async function readRestOfBlocks(platform: PlatformPort, state: State, read: PlatformWindow, options: PlatformReadOptions): Promise<PlatformWindow> {
  const rest = read.blocksRead ? restOfWindow(read.blocksRead, options.window) : undefined;
  if (!rest) return read;
  const more = await platform.listBlockedSlots({ userId: options.userId, startTime: rest.start, endTime: rest.end });
  const known = new Set(read.events.map((e) => e.id));
  const events = [...read.events, ...more.filter((e) => !known.has(e.id))];
  const blocksListed = events.filter((e) => !isAppointment(e)).length;
  if (!options.allowEmpty && blocksListed === 0) {
    const expected = Object.values(state.pairs).filter((p) => p.platformId && p.status !== 'detached' && p.platformKind === 'block' && whollyInside(p, options.window));
    checkNotEmpty('platform', 'the sync window (blocked slots)', 0, expected);
  }
  return { ...read, events, blocksRead: options.window, wholeWindowRead: true };
}

function missingBlocks(pairs: PairRecord[], listed: CalendarEvent[], read: TimeRange): boolean {
  const ids = new Set(listed.map((e) => e.id));
  return pairs.some((p) => p.platformKind === 'block' && !ids.has(p.platformId!) && whollyInside(p, read));
}
