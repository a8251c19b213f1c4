// The planner (DESIGN §1–§2, vdirsyncer's _get_actions): a pure function from what we know and what
// changed to the operations that make both sides right. No I/O, no clock but `input.now`.
import { own } from '../../shared/own';
import { isAppointment } from '../platform/schemas';
import type { CalendarEvent } from '../platform/schemas';
import { appointmentContentFromIcloud, appointmentContentFromPlatform, blockContentFromPlatform, hashContent } from './content';
import { appointmentFilterProblem, judgeBlock } from './judge-block';
import type { Operation } from './operations';
import { icloudItemKey, type IcloudRef, type PairRecord } from './pair';
import { decidePair, type IcloudSide, type PlatformSide } from './plan-pairs';
import { moveOf } from './plan-move';
import { MIRROR_PLATFORM_ID, appointmentKey, type PlanInput } from './plan-input';
import { settleOrphanIntents } from './plan-intents';
import { withReadRecords } from './plan-records';
import { truncationNotices } from './bounds-notices';
import { outsideKeptRange } from './kept-range';
import { blockingProblem, endedBefore, overlaps, startsAfter, whollyInside } from './rules';

export function plan(input: PlanInput): Operation[] {
  return withReadRecords(planPairs(input), input);
}

/** One location's operations, without the records of what was read (cycle.ts adds them once for all). */
export function planLocation(input: PlanInput): Operation[] {
  const location = input.context.locationId;
  const ops = planPairs(input);
  return location === undefined ? ops : ops.map((op) => ({ ...op, location }));
}

/** One iCloud occurrence's identity: calendar + href (+ RECURRENCE-ID), never the UID alone. */
const itemOf = (ref: Pick<IcloudRef, 'href' | 'recurrenceId'>) => icloudItemKey(ref.href, ref.recurrenceId);
/** What a moved event keeps: its UID (+ RECURRENCE-ID), the only thing that stays when its href changes. */
const uidOf = (ref: Pick<IcloudRef, 'uid' | 'recurrenceId'>) => `${ref.uid}::${ref.recurrenceId ?? ''}`;

function planPairs(input: PlanInput): Operation[] {
  const { pairs, settings, context } = input;
  const ops: Operation[] = [];
  // This location's key of an iCloud item: the item, plus the location's suffix (state-schema.ts).
  const keyOf = (ref: Pick<IcloudRef, 'href' | 'recurrenceId'>) => itemOf(ref) + (context.pairSuffix ?? '');
  const pairList = Object.values(pairs);
  const pairByPlatformId = new Map(pairList.filter((p) => p.platformId).map((p) => [p.platformId!, p]));
  // Only the hrefs iCloud reported on this cycle are looked up by href (a handful, not every pair).
  const reported = new Set([...input.icloud.deleted, ...input.icloud.changed.map((change) => change.href)]);
  const reportedPairs = pairList.filter((p) => p.icloud && reported.has(p.icloud.href));
  const pairsByHref = groupBy(reportedPairs, (p) => p.icloud!.href);
  const pairByItem = new Map(reportedPairs.map((p) => [itemOf(p.icloud!), p]));
  // Pairs whose file is gone this cycle: one of them may reappear under another href (moved to
  // another followed calendar), found by its UID among the new items.
  const deletedHrefs = new Set(input.icloud.deleted);
  const movable = groupBy(reportedPairs.filter((p) => p.owner === 'icloud' && deletedHrefs.has(p.icloud!.href)), (p) => uidOf(p.icloud!));
  const platformById = new Map(input.platform.events.map((e) => [e.id, e]));

  // 1. What iCloud says about each pair, and which iCloud events are new to us.
  const icloudNow = new Map<string, IcloudSide>();
  const icloudGone = new Set<string>();
  const newEvents: IcloudSide[] = [];
  const newMirrors: (IcloudSide & { platformId: string })[] = [];
  const forgotten = new Set<string>();
  for (const change of input.icloud.changed) {
    const seen = new Set<string>();
    for (const occ of change.occurrences) {
      const ref: IcloudRef = { href: change.href, etag: change.etag, uid: occ.uid, recurrenceId: occ.recurrenceId, calendarUrl: change.calendarUrl, source: change.source };
      const mirrorOf = change.source === 'linked' ? occ.xProps[MIRROR_PLATFORM_ID] : undefined;
      // Another location's mirror — unless it is this location's own pair (the same id listed in both).
      if (mirrorOf && input.otherPlatformIds?.has(mirrorOf) && !pairByPlatformId.has(mirrorOf)) continue;
      const pair = mirrorOf ? pairByPlatformId.get(mirrorOf) : pairByItem.get(itemOf(ref));
      // The old copy of a move that was interrupted: it is deleted by the move (plan-move.ts), not followed.
      if (mirrorOf && pair?.movedFrom?.href === change.href) continue;
      // A copy of ours the user duplicated (imported, copied) into a calendar where this appointment's copy
      // neither is nor goes: not its copy — it may not edit the booking, nor be moved or deleted as one.
      if (mirrorOf && pair?.platformKind === 'appointment' && pair.icloud && !copyCalendars(pair, context).includes(ref.calendarUrl)) continue;
      const moved = pair || mirrorOf ? undefined : movable.get(uidOf(ref))?.find((p) => !icloudNow.has(p.key));
      if (pair && (mirrorOf ? pair.platformKind === 'appointment' : pair.owner === 'icloud')) {
        icloudNow.set(pair.key, { occ, ref });
        seen.add(pair.key);
      } else if (moved) icloudNow.set(moved.key, { occ, ref });
      else if (mirrorOf) newMirrors.push({ occ, ref, platformId: mirrorOf });
      else newEvents.push({ occ, ref });
    }
    // Pairs of this object that its new expansion no longer holds: removed from the series, or gone
    // into the past. Only the first is a deletion ("left the window" never is).
    for (const p of pairsByHref.get(change.href) ?? []) {
      if (seen.has(p.key)) continue;
      if (endedBefore(p, context.window) || startsAfter(p, context.window) || outsideKeptRange(p, change)) {
        ops.push({ type: 'forget', rule: 'window', key: p.key, title: p.title, pair: p, reason: 'left the sync window' });
        forgotten.add(p.key);
      } else icloudGone.add(p.key);
    }
  }
  // Gone from their href — unless seen elsewhere this cycle (moved to another followed calendar:
  // the same UID, a new href), which is an edit of where it lives, not a deletion.
  for (const href of input.icloud.deleted) {
    for (const p of pairsByHref.get(href) ?? []) if (!icloudNow.has(p.key)) icloudGone.add(p.key);
  }
  const icloudNotes = input.icloudNotes !== false;
  for (const failure of icloudNotes ? input.icloud.failures : []) {
    ops.push({ type: 'skip', rule: 'item', side: 'icloud', key: failure.href, title: failure.href, reason: 'could not read this iCloud event: it will be read again on the next sync', error: failure.error });
  }
  if (icloudNotes) ops.push(...sharedUidNotices(input));
  for (const notice of icloudNotes ? input.icloud.notices ?? [] : []) ops.push({ type: 'notice', rule: 'bounds', side: 'icloud', key: notice.key, title: notice.title, reason: notice.reason });

  // 2. Every known pair: what each side did, and what follows.
  for (const pair of pairList) {
    if (forgotten.has(pair.key)) continue;
    const platform = platformSide(pair, input, platformById);
    const icloud = icloudNow.get(pair.key);
    const gone = icloudGone.has(pair.key);
    if (!icloud && !gone && platform.state === 'unknown' && endedBefore(pair, context.window)) {
      ops.push({ type: 'forget', rule: 'window', key: pair.key, title: pair.title, pair, reason: 'left the sync window' });
      continue;
    }
    // A blocked slot of an event in a calendar no longer followed (no location uses it, not a busy source): released.
    const unfollowedCalendar = releasedCalendar(pair, context);
    if (unfollowedCalendar) {
      ops.push({ type: 'platform.deleteBlock', rule: 'S11', key: pair.key, title: pair.title, pair, reason: `its iCloud calendar “${context.calendarNames?.[unfollowedCalendar] ?? unfollowedCalendar}” is no longer synced: its blocked slot was released` });
      continue;
    }
    // Its location's appointments go to another iCloud calendar now: the copy moves (new first, then the old deleted).
    const move = moveOf(pair, icloud, platform, settings, context);
    if (move) {
      ops.push(move);
      continue;
    }
    const decided = decidePair(pair, icloud, gone, platform, settings, context);
    if (decided.length) ops.push(...decided);
  }

  // 3. New iCloud events become blocked slots (S8), or are adopted when their slot already exists.
  const usedPlatformIds = new Set([...pairByPlatformId.keys(), ...(input.otherPlatformIds ?? [])]);
  // Unpaired blocked slots of the user by content hash: adoption is a lookup, not a scan per event.
  const unpairedBlocks = groupBy(
    input.platform.events.filter((e) => !isAppointment(e) && e.assignedUserId === context.userId && !usedPlatformIds.has(e.id)),
    (e) => hashContent(blockContentFromPlatform(e)),
  );
  const createdKeys = new Set<string>();
  for (const { occ, ref } of newEvents) {
    // Single events are expanded whatever their date (so a pair follows its event out of the window);
    // only those inside the window are new to sync.
    const key = freeKey(keyOf(ref), input.pairs, keyOf);
    if (createdKeys.has(key) || !overlaps({ start: occ.start.iso, end: occ.end.iso }, context.window)) continue;
    createdKeys.add(key);
    const problem = blockingProblem(occ, settings, context.ownAddresses);
    if (problem) {
      ops.push({ type: 'skip', rule: 'S13', side: 'platform', key, title: occ.title, reason: `${problem}: no blocked slot` });
      continue;
    }
    const verdict = judgeBlock(occ, ref, settings, context);
    if ('skip' in verdict) {
      ops.push({ type: 'skip', rule: 'filter', side: 'platform', key, title: occ.title, reason: `${verdict.skip}: no blocked slot` });
      continue;
    }
    const { content } = verdict;
    const hash = hashContent(content);
    const existing = unpairedBlocks.get(hash)?.find((b) => !usedPlatformIds.has(b.id));
    if (existing) {
      usedPlatformIds.add(existing.id);
      const pair = newPair(key, 'icloud', 'block', occ.title, content, ref, existing.id, hash, hash, input.now, context.locationId);
      const why = own(input.intents, key) ? 'a blocked slot created before an interruption was found' : 'a blocked slot for this event already exists';
      ops.push({ type: 'adopt', rule: 'adopt', key, title: occ.title, pair, reason: why });
      continue;
    }
    // A create whose answer was lost (crash, timeout) may have made the slot with what the event
    // was then: find it by the intent written before the request, adopt it and bring it up to date.
    const intent = own(input.intents, key);
    const intentHash = intent ? hashContent({ title: intent.title, start: intent.start, end: intent.end, allDay: false }) : undefined;
    const created = intentHash ? unpairedBlocks.get(intentHash)?.find((b) => !usedPlatformIds.has(b.id)) : undefined;
    if (created && intentHash) {
      usedPlatformIds.add(created.id);
      const pair = newPair(key, 'icloud', 'block', occ.title, intent!, ref, created.id, intentHash, intentHash, input.now, context.locationId);
      ops.push({ type: 'adopt', rule: 'adopt', key, title: occ.title, pair, reason: 'a blocked slot created before an interruption was found' });
      ops.push({ type: 'platform.updateBlock', rule: 'S9', key, title: occ.title, pair, content, occurrence: occ, ref });
      continue;
    }
    ops.push({ type: 'platform.createBlock', rule: 'S8', key, title: occ.title, occurrence: occ, ref, content });
  }
  ops.push(...settleOrphanIntents(input, createdKeys, unpairedBlocks, usedPlatformIds));

  // 4. Our mirrors found in iCloud without a pair (first sync, lost state): adopt them (S1 without a duplicate).
  const mirrored = new Set<string>();
  for (const { occ, ref, platformId } of newMirrors) {
    if (!overlaps({ start: occ.start.iso, end: occ.end.iso }, context.window)) continue;
    const event = platformById.get(platformId);
    const key = appointmentKey(platformId);
    if (mirrored.has(platformId)) {
      ops.push({ type: 'skip', rule: 'adopt', side: 'icloud', key, title: occ.title, reason: 'a second iCloud copy of the same appointment was left as it is' });
      continue;
    }
    mirrored.add(platformId);
    if (!event || !isOurAppointment(event, input)) {
      ops.push({ type: 'skip', rule: 'adopt', side: 'icloud', key, title: occ.title, reason: 'an iCloud copy of an appointment that is not in the sync window was left as it is' });
      continue;
    }
    const ic = appointmentContentFromIcloud(occ);
    const pl = appointmentContentFromPlatform(event);
    const pair = newPair(key, 'platform', 'appointment', event.title ?? occ.title, pl, ref, platformId, hashContent(ic), hashContent(pl), input.now, context.locationId);
    if (event.appointmentStatus === 'cancelled') {
      ops.push({ type: 'icloud.delete', rule: 'S4', key, title: pair.title, pair, reason: 'the appointment was cancelled' });
      continue;
    }
    ops.push({ type: 'adopt', rule: 'adopt', key, title: pair.title, pair, reason: 'the iCloud copy of this appointment already exists' });
    if (pair.hashes.icloud !== pair.hashes.platform) {
      ops.push({ type: 'icloud.update', rule: 'S3', key, title: pair.title, pair, appointment: event, content: pl });
    }
  }

  // 5. New appointments get their iCloud mirror (S1). Blocked slots made on the platform stay there (S7).
  for (const event of input.platform.events) {
    if (!isOurAppointment(event, input) || event.appointmentStatus === 'cancelled') continue;
    if (pairByPlatformId.has(event.id) || mirrored.has(event.id)) continue;
    if (input.claimedAppointmentIds?.has(event.id)) {
      ops.push({ type: 'skip', rule: 'S1', side: 'icloud', key: appointmentKey(event.id), title: event.title ?? '', reason: 'another connected location lists an appointment with the same id: only that one is copied to iCloud' });
      continue;
    }
    const filtered = appointmentFilterProblem(event, settings, context);
    if (filtered) {
      ops.push({ type: 'skip', rule: 'filter', side: 'icloud', key: appointmentKey(event.id), title: event.title ?? '', reason: `${filtered}: no iCloud copy` });
      continue;
    }
    const content = appointmentContentFromPlatform(event);
    ops.push({ type: 'icloud.create', rule: 'S1', key: appointmentKey(event.id), title: content.title, calendarUrl: context.appointmentCalendarUrl ?? context.linkedCalendarUrl, appointment: event, content });
  }
  return [...ops, ...truncationNotices(ops)];
}

/** Where an appointment's copy may be read: where it was recorded, where a move left one, where it goes. */
function copyCalendars(pair: PairRecord, context: PlanInput['context']): string[] {
  return [pair.icloud!.calendarUrl, pair.movedFrom?.calendarUrl, context.appointmentCalendarUrl ?? context.linkedCalendarUrl].filter((url): url is string => url !== undefined);
}

/** The calendar of a blocked slot's iCloud event when that calendar is no longer followed (its slot is released). */
function releasedCalendar(pair: PairRecord, context: PlanInput['context']): string | undefined {
  const followed = context.followedCalendarUrls;
  if (!followed || pair.owner !== 'icloud' || pair.platformKind !== 'block' || !pair.icloud || !pair.platformId) return undefined;
  return followed.includes(pair.icloud.calendarUrl) ? undefined : pair.icloud.calendarUrl;
}

/** An appointment of the connected user (owner or secondary owner) on a synced calendar. */
export function isOurAppointment(event: CalendarEvent, input: Pick<PlanInput, 'context'>): boolean {
  const { userId, platformCalendarIds } = input.context;
  if (!isAppointment(event) || !event.calendarId || !platformCalendarIds.includes(event.calendarId)) return false;
  return event.assignedUserId === userId || event.users.includes(userId);
}

function platformSide(pair: PairRecord, input: PlanInput, platformById: Map<string, CalendarEvent>): PlatformSide {
  if (!pair.platformId) return { state: 'unknown' };
  const listed = platformById.get(pair.platformId);
  if (pair.platformKind === 'appointment') {
    const event = listed ?? own(input.platform.lookups, pair.platformId);
    if (event === null) return { state: 'gone', why: 'the appointment was deleted' };
    if (!event) return { state: 'unknown' };
    if (event.appointmentStatus === 'cancelled') return { state: 'gone', why: 'the appointment was cancelled' };
    if (!isOurAppointment(event, input)) return { state: 'gone', why: 'the appointment is no longer yours or no longer on a synced calendar' };
    return { state: 'present', event };
  }
  if (listed) return { state: 'present', event: listed };
  // Only what was listed this cycle is judged: a slot outside the read tier is not "missing".
  const read = input.platform.blocksRead ?? input.context.window;
  return whollyInside(pair, read) ? { state: 'gone', why: 'the blocked slot was deleted' } : { state: 'unknown' };
}

function newPair(
  key: string, owner: PairRecord['owner'], kind: PairRecord['platformKind'], title: string,
  content: { start: string; end: string }, ref: IcloudRef, platformId: string, icloudHash: string, platformHash: string, now: Date,
  locationId?: string,
): PairRecord {
  return {
    key, owner, status: 'synced', title, start: content.start, end: content.end, allDay: false,
    platformId, platformKind: kind, ...(locationId !== undefined ? { locationId } : {}), icloud: ref, hashes: { icloud: icloudHash, platform: platformHash }, updatedAt: now.toISOString(),
  };
}

/**
 * The key for a new item's pair: its identity, unless a pair that moved away from this href (it keeps
 * the key it was made with) still holds it — then the first free `#n` after it.
 */
function freeKey(identity: string, pairs: PlanInput['pairs'], keyOf: (ref: IcloudRef) => string): string {
  let key = identity;
  for (let n = 2; own(pairs, key) && (own(pairs, key)!.icloud ? keyOf(own(pairs, key)!.icloud!) : undefined) !== identity; n++) key = `${identity}#${n}`;
  return key;
}

/**
 * The same UID in two iCloud items (two calendars, or two files of one): each is its own event with its
 * own blocked slots, and the run report says so once per UID. Only this cycle's reads are compared.
 */
function sharedUidNotices(input: PlanInput): Operation[] {
  const hrefsByUid = groupBy(input.icloud.changed.filter((change) => change.uid), (change) => change.uid!);
  const notices: Operation[] = [];
  for (const [uid, changes] of hrefsByUid) {
    if (changes.length < 2) continue;
    const title = changes[0].occurrences[0]?.title ?? uid;
    const where = changes.map((change) => change.href).join(', ');
    notices.push({ type: 'notice', rule: 'identity', side: 'icloud', key: uid, title, reason: `the same event (UID ${uid}) is in ${changes.length} places (${where}): each is synced as its own event` });
  }
  return notices;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = map.get(key);
    if (group) group.push(item);
    else map.set(key, [item]);
  }
  return map;
}
