// Busy across locations (issue 15, item 2): an appointment of the user in one location blocks that
// time in every other connected location, as a blocked slot (never a contact or an appointment
// there), that follows the appointment's moves and goes with its cancellation. Pure, like the rest
// of the planner. Never a loop: such a slot is a blocked slot, which is never mirrored to iCloud
// nor copied to another location, and the other plans leave it alone (cycle-locations.ts).
// A location that could not be read this cycle is neither a source nor a target: what it holds
// stays as it is until it can be read again.
import { isAppointment } from '../platform/schemas';
import { appointmentContentFromPlatform, blockContentFromPlatform, hashContent, type Content } from './content';
import type { Settings } from '../../shared/settings';
import { crossLocationBlockTitle } from './block-title';
import { appointmentFilterProblem } from './judge-block';
import type { Operation } from './operations';
import { crossLocationKey, type PairRecord } from './pair';
import { isOurAppointment } from './plan';
import type { PlanContext, PlatformWindow } from './plan-input';
import type { CalendarEvent } from '../platform/schemas';
import { endedBefore, overlaps, whollyInside } from './rules';
import type { State } from '../store/state-schema';

type Intent = State['intents'][string];

const removedLocationReason = 'it blocked an appointment of a location you removed, so it no longer blocks time here';

/**
 * A deletion the user already decided: the slot blocked an appointment of a location they removed
 * (Settings → Remove…, `disconnect platform --location-id`), which said these slots go. The deletion
 * guard does not count it (cycle.ts): it guards against deletions nobody asked for.
 */
export function releasedByRemoval(op: Operation, accounts: { platforms: Record<string, unknown> }): boolean {
  return op.type === 'platform.deleteBlock' && op.pair.crossFrom !== undefined && !Object.hasOwn(accounts.platforms, op.pair.crossFrom.location);
}

export interface CrossLocation {
  context: PlanContext & { locationId: string };
  /** Undefined: not read this cycle. */
  window?: PlatformWindow;
}

interface Wanted {
  key: string;
  target: CrossLocation;
  from: { location: string; appointment: string };
  content: Content;
}

/**
 * `settings`: the source location's filter keeps its appointments out of the other locations too
 * (DESIGN "What crosses"), and `crossLocationTitles` titles the slots ("Busy" by default).
 */
export function planCrossLocation(locations: CrossLocation[], pairs: PairRecord[], now: Date, settings: Settings, intents: readonly Intent[] = []): Operation[] {
  const read = locations.filter((location) => location.window);
  const readIds = new Set(read.map((location) => location.context.locationId));
  const connected = new Set(locations.map((location) => location.context.locationId));
  const wanted = new Map<string, Wanted>();
  for (const source of read) {
    for (const event of source.window!.events) {
      if (!isOurAppointment(event, source) || event.appointmentStatus === 'cancelled') continue;
      const times = appointmentContentFromPlatform(event);
      if (!overlaps(times, source.context.window) || appointmentFilterProblem(event, settings, source.context)) continue;
      const content: Content = { title: crossLocationBlockTitle(event, settings, source.context.locationName), start: times.start, end: times.end, allDay: false };
      for (const target of read) {
        if (target === source) continue;
        const key = crossLocationKey(event.id, target.context.locationId);
        wanted.set(key, { key, target, from: { location: source.context.locationId, appointment: event.id }, content });
      }
    }
  }
  const ops: Operation[] = [];
  const known = new Set<string>();
  // Each location's listing indexed once, so no slot is looked for by a scan of every event.
  const byLocation = new Map(read.map((location) => [location.context.locationId, location]));
  const slotsById = new Map(read.map((location) => [location, new Map(location.window!.events.map((event) => [event.id, event]))]));
  for (const pair of pairs) {
    known.add(pair.key);
    const target = pair.locationId !== undefined ? byLocation.get(pair.locationId) : undefined;
    // Its appointment's location or its own was not read: nothing is known this cycle. (A source
    // location no longer connected holds no appointment of the user any more: its slots go.)
    if (!target || !pair.crossFrom || (connected.has(pair.crossFrom.location) && !readIds.has(pair.crossFrom.location))) continue;
    const want = wanted.get(pair.key);
    const base = { key: pair.key, title: pair.title, location: target.context.locationId };
    if (!want) {
      if (endedBefore(pair, target.context.window)) ops.push({ ...base, type: 'forget', rule: 'window', pair, reason: 'left the sync window' });
      else if (!connected.has(pair.crossFrom.location)) ops.push({ ...base, type: 'platform.deleteBlock', rule: 'S11', pair, reason: removedLocationReason });
      else ops.push({ ...base, type: 'platform.deleteBlock', rule: 'S11', pair, reason: 'the appointment in the other location was cancelled, moved away or deleted' });
      continue;
    }
    const slot = pair.platformId !== undefined ? slotsById.get(target)!.get(pair.platformId) : undefined;
    const hash = hashContent(want.content);
    // Only where its blocked slots were listed this cycle is a missing slot deleted (read tiers).
    if (!slot && whollyInside(pair, target.window!.blocksRead ?? target.context.window)) {
      ops.push({ ...base, type: 'platform.createCrossBlock', rule: 'busy', pair: newPair(want, now), content: want.content, reason: 'the slot blocking another location\'s appointment was deleted: made again' });
    } else if (slot && (hashContent(blockContentFromPlatform(slot)) !== hash || pair.hashes.platform !== hash)) {
      ops.push({ ...base, type: 'platform.updateBlock', rule: 'busy', pair: { ...pair, title: want.content.title }, content: want.content, reason: 'follows the appointment in the other location' });
    }
  }
  const used = new Set(pairs.map((pair) => pair.platformId));
  const adoptable = new Map<CrossLocation, Map<string, CalendarEvent[]>>();
  for (const want of wanted.values()) {
    if (known.has(want.key)) continue;
    const base = { key: want.key, title: want.content.title, location: want.target.context.locationId };
    // A create whose answer was lost (crash) left its slot: adopt it rather than make a second.
    const existing = takeAdoptable(adoptable, want.target, used, hashContent(want.content));
    if (existing) {
      ops.push({ ...base, type: 'adopt', rule: 'adopt', pair: { ...newPair(want, now), platformId: existing.id }, reason: 'a slot blocking this appointment already exists' });
    } else {
      ops.push({ ...base, type: 'platform.createCrossBlock', rule: 'busy', pair: newPair(want, now), content: want.content, reason: 'an appointment in another location' });
    }
  }
  if (read.length === locations.length) ops.push(...settleCrossIntents(intents, read, known, wanted, used, now));
  return ops;
}

/**
 * Busy-across creates whose answer was lost (a kill, a dropped connection) and whose appointment is
 * no longer to be blocked (cancelled, moved, deleted): the slot may be there with no pair. Found by
 * its intent's time and title among the unpaired slots, it is deleted; not there in a whole-window
 * read, the create never arrived and the intent goes. Only when every location was read (an unread
 * source location wants nothing this cycle, which is no reason to delete).
 */
function settleCrossIntents(intents: readonly Intent[], read: CrossLocation[], known: Set<string>, wanted: Map<string, Wanted>, used: Set<string | undefined>, now: Date): Operation[] {
  const ops: Operation[] = [];
  for (const intent of intents) {
    if (intent.href || known.has(intent.key) || wanted.has(intent.key)) continue;
    const target = read.find((location) => location.context.locationId === intent.locationId);
    if (!target) continue;
    const hash = hashContent({ title: intent.title, start: intent.start, end: intent.end, allDay: false });
    const slot = target.window!.events.find((event) => !isAppointment(event) && !used.has(event.id) && event.assignedUserId === target.context.userId
      && hashContent(blockContentFromPlatform(event)) === hash);
    const base = { key: intent.key, title: intent.title, location: target.context.locationId };
    if (slot) {
      used.add(slot.id);
      const pair: PairRecord = {
        key: intent.key, owner: 'platform', status: 'synced', title: intent.title, start: intent.start, end: intent.end, allDay: false,
        platformId: slot.id, platformKind: 'block', locationId: target.context.locationId, hashes: { platform: hash }, updatedAt: now.toISOString(),
      };
      ops.push({ ...base, type: 'platform.deleteBlock', rule: 'S11', pair, reason: 'a slot made before an interruption for another location\'s appointment that no longer needs it' });
    } else if (target.window!.wholeWindowRead) {
      ops.push({ ...base, type: 'intent.drop', rule: 'S11' });
    }
  }
  return ops;
}

/**
 * A blocked slot of the user in `target`, of no pair, with this content: the user's unpaired slots
 * are grouped by content hash once per location (the first time one is looked for), then taken.
 */
function takeAdoptable(adoptable: Map<CrossLocation, Map<string, CalendarEvent[]>>, target: CrossLocation, used: Set<string | undefined>, hash: string): CalendarEvent | undefined {
  let byHash = adoptable.get(target);
  if (!byHash) {
    byHash = new Map();
    for (const event of target.window!.events) {
      if (isAppointment(event) || used.has(event.id) || event.assignedUserId !== target.context.userId) continue;
      const key = hashContent(blockContentFromPlatform(event));
      byHash.set(key, [...(byHash.get(key) ?? []), event]);
    }
    adoptable.set(target, byHash);
  }
  const found = byHash.get(hash)?.shift();
  if (found) used.add(found.id);
  return found;
}

function newPair(want: Wanted, now: Date): PairRecord {
  const hash = hashContent(want.content);
  return {
    key: want.key, owner: 'platform', status: 'synced', title: want.content.title, start: want.content.start, end: want.content.end, allDay: false,
    platformKind: 'block', locationId: want.target.context.locationId, crossFrom: want.from, hashes: { platform: hash }, updatedAt: now.toISOString(),
  };
}

