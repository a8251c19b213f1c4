// Decisions for pairs we already know: what each side did since the last cycle, and what follows
// (S3–S6, S9–S12, S17). One principle: a deletion travels from the owner to its mirror, never back.
import type { Settings } from '../../shared/settings';
import { blockTitle } from './block-title';
import { appointmentContentFromIcloud, appointmentContentFromPlatform, blockContentFromPlatform, changedFields, hashContent, type Content } from './content';
import { appointmentFilterProblem, judgeBlock } from './judge-block';
import type { Operation } from './operations';
import type { IcloudRef, PairRecord } from './pair';
import type { PlanContext } from './plan-input';
import { blockingProblem } from './rules';
import type { Occurrence } from '../icloud/codec/types';
import type { CalendarEvent } from '../platform/schemas';

export interface IcloudSide {
  occ: Occurrence;
  ref: IcloudRef;
}
export type PlatformSide = { state: 'present'; event: CalendarEvent } | { state: 'gone'; why: string } | { state: 'unknown' };

export function decidePair(
  pair: PairRecord,
  icloud: IcloudSide | undefined,
  icloudGone: boolean,
  platform: PlatformSide,
  settings: Settings,
  context: PlanContext,
): Operation[] {
  const base = { key: pair.key, title: pair.title };
  if (pair.status === 'detached') {
    // The owner went away while the user had not decided yet: the question is moot.
    const ownerGone = pair.owner === 'platform' ? platform.state === 'gone' : icloudGone;
    if (ownerGone) return [{ ...base, type: 'forget', rule: 'window', pair, reason: 'the original was deleted' }];
    // The blocked slot is listed again (it was missing from one listing, or the user recreated it
    // at the same place): the pair is whole again.
    if (pair.detached?.kind === 'platform-mirror-deleted' && platform.state === 'present') {
      return [{ ...base, type: 'record', rule: 'S12', pair: { ...pair, status: 'synced', detached: undefined }, reason: 'the blocked slot is back' }];
    }
    return [];
  }
  if (pair.status === 'conflict' && settings.conflictPolicy === 'ask') {
    // Held for the user. A deletion on either side settles it the usual way (S4/S6/S11/S12); a new
    // iCloud edit refreshes the held versions below (the conflict is re-stated with the newest one).
    if (icloudGone || platform.state === 'gone') pair = { ...pair, status: 'synced', conflict: undefined };
    else if (!icloud) return [];
  }
  return pair.owner === 'platform'
    ? decideAppointment(pair, icloud, icloudGone, platform, settings, context)
    : decideBlock(pair, icloud, icloudGone, platform, settings, context);
}

function decideAppointment(
  pair: PairRecord,
  icloud: IcloudSide | undefined,
  icloudGone: boolean,
  platform: PlatformSide,
  settings: Settings,
  context: PlanContext,
): Operation[] {
  const base = { key: pair.key, title: pair.title };
  // A write to the mirror must name its current version (If-Match): when the mirror changed in iCloud
  // this cycle, the stored etag is stale and the write would be refused (412) on every cycle.
  const current = icloud ? { ...pair, icloud: icloud.ref } : pair;
  // Going: every copy of ours goes, the recorded one too when the copy read is another (a move whose
  // pair write was lost wrote a second copy in the new calendar; the executor deletes movedFrom with it).
  const leaving = withRecordedCopy(current, pair);
  if (platform.state === 'gone') {
    if (icloudGone || !pair.icloud) return [{ ...base, type: 'forget', rule: 'S4', pair, reason: platform.why }];
    return [{ ...base, type: 'icloud.delete', rule: 'S4', pair: leaving, reason: platform.why }];
  }
  // The location's filter now keeps this appointment out: its iCloud copy is released (the booking stays).
  const filtered = platform.state === 'present' ? appointmentFilterProblem(platform.event, settings, context) : undefined;
  if (filtered) {
    if (icloudGone || !pair.icloud) return [{ ...base, type: 'forget', rule: 'filter', pair, reason: filtered }];
    return [{ ...base, type: 'icloud.delete', rule: 'filter', pair: leaving, reason: `${filtered}: its iCloud copy was released` }];
  }
  if (icloudGone) {
    return [{ ...base, type: 'detach', rule: 'S6', pair, kind: 'icloud-mirror-deleted', reason: 'the iCloud copy of this appointment was deleted; the booking was kept' }];
  }
  const event = platform.state === 'present' ? platform.event : undefined;
  const ic = icloud ? appointmentContentFromIcloud(icloud.occ) : undefined;
  const pl = event ? appointmentContentFromPlatform(event) : undefined;
  if (unchanged(pair, icloud, pl)) return none;
  const toIcloud = (content: Content, rule: Operation['rule'], reason?: string): Operation =>
    ({ ...base, type: 'icloud.update', rule, pair: current, appointment: event!, content, reason });
  const toPlatform = (content: Content, rule: Operation['rule'], reason?: string): Operation =>
    ({ ...base, type: 'platform.updateAppointment', rule, pair, occurrence: icloud!.occ, ref: icloud!.ref, content, reason });
  return resolve(pair, ic, pl, icloud, event, settings, {
    icloudWins: (c, reason) => toPlatform(c, reason ? 'S17' : 'S5', reason),
    platformWins: (c, reason) => toIcloud(c, reason ? 'S17' : 'S3', reason),
  });
}

function decideBlock(
  pair: PairRecord,
  icloud: IcloudSide | undefined,
  icloudGone: boolean,
  platform: PlatformSide,
  settings: Settings,
  context: PlanContext,
): Operation[] {
  const base = { key: pair.key, title: pair.title };
  if (icloudGone) {
    if (settings.icloudDeletions === 'keep') {
      return [{ ...base, type: 'forget', rule: 'S11', pair, reason: 'the iCloud event was deleted; its blocked slot is kept (setting icloudDeletions = keep)' }];
    }
    if (platform.state === 'gone') return [{ ...base, type: 'forget', rule: 'S11', pair, reason: 'deleted on both sides' }];
    return [{ ...base, type: 'platform.deleteBlock', rule: 'S11', pair, reason: 'the iCloud event was deleted' }];
  }
  if (icloud) {
    const problem = blockingProblem(icloud.occ, settings, context.ownAddresses);
    if (problem) {
      if (platform.state === 'gone') return [{ ...base, type: 'forget', rule: 'S13', pair, reason: problem }];
      return [{ ...base, type: 'platform.deleteBlock', rule: 'S13', pair, reason: `${problem}: it no longer blocks time` }];
    }
  }
  // The source's filter now keeps this event out (a filter set or changed since): release its slot.
  const verdict = icloud ? judgeBlock(icloud.occ, icloud.ref, settings, context) : undefined;
  if (verdict && 'skip' in verdict) {
    if (platform.state === 'gone') return [{ ...base, type: 'forget', rule: 'filter', pair, reason: verdict.skip }];
    return [{ ...base, type: 'platform.deleteBlock', rule: 'filter', pair, reason: `${verdict.skip}: its blocked slot was released` }];
  }
  if (platform.state === 'gone') {
    return [{ ...base, type: 'detach', rule: 'S12', pair, kind: 'platform-mirror-deleted', reason: 'the blocked slot was deleted on the platform; the iCloud event was kept' }];
  }
  const event = platform.state === 'present' ? platform.event : undefined;
  const ic = verdict && 'content' in verdict ? verdict.content : undefined;
  const pl = event ? blockContentFromPlatform(event) : undefined;
  if (unchanged(pair, icloud, pl)) return none;
  const busy = (icloud?.ref.source ?? pair.icloud?.source) === 'busy';
  const toPlatform = (content: Content, rule: Operation['rule'], reason?: string): Operation =>
    ({ ...base, type: 'platform.updateBlock', rule, pair, content, occurrence: icloud?.occ, ref: icloud?.ref, reason });
  return resolve(pair, ic, pl, icloud, event, busy ? { ...settings, conflictPolicy: 'icloud' } : settings, {
    icloudWins: (c, reason) => toPlatform(c, reason ? 'S17' : 'S9', reason),
    platformWins: (c, reason) => {
      if (!busy) return { ...base, type: 'icloud.updateFromBlock', rule: reason ? 'S17' : 'S10', pair, block: event!, content: c, reason };
      // A busy source flows one way: the platform edit is put back from iCloud.
      const calendar = pair.icloud ? (context.calendarNames?.[pair.icloud.calendarUrl] ?? '') : '';
      const back = ic ?? { title: blockTitle(pair.title, settings, calendar), start: pair.start, end: pair.end, allDay: false };
      return toPlatform(back, 'busy', 'busy-source calendars sync one way: the platform edit was put back from iCloud');
    },
  });
}

const none: Operation[] = [];

/**
 * The common case, decided without building any operation: iCloud said nothing new about this pair
 * and the platform's copy hashes as before (most of 10,000 pairs on most cycles).
 */
function unchanged(pair: PairRecord, icloud: IcloudSide | undefined, pl: Content | undefined): boolean {
  return !icloud && pair.status !== 'conflict' && (pl === undefined || hashContent(pl) === pair.hashes.platform);
}

interface Appliers {
  icloudWins(content: Content, reason?: string): Operation;
  platformWins(content: Content, reason?: string): Operation;
}

/** S17 and the plain one-sided changes, shared by both kinds of pair. */
function resolve(
  pair: PairRecord,
  ic: Content | undefined,
  pl: Content | undefined,
  icloud: IcloudSide | undefined,
  event: CalendarEvent | undefined,
  settings: Settings,
  apply: Appliers,
): Operation[] {
  const base = { key: pair.key, title: pair.title };
  const inConflict = pair.status === 'conflict';
  const icChanged = ic !== undefined && (inConflict || hashContent(ic) !== pair.hashes.icloud);
  const plChanged = pl !== undefined && (inConflict || hashContent(pl) !== pair.hashes.platform);
  if (icChanged && plChanged) {
    if (hashContent(ic) === hashContent(pl)) {
      return [{ ...base, type: 'record', rule: 'S17', pair: withHashes(pair, ic, pl, icloud), reason: 'both sides made the same change' }];
    }
    const winner = conflictWinner(settings.conflictPolicy, icloud?.occ.lastModified, event?.dateUpdated);
    if (winner === 'icloud') return [apply.icloudWins(ic, `conflict settled by policy "${settings.conflictPolicy}": iCloud kept`)];
    if (winner === 'platform') return [apply.platformWins(pl, `conflict settled by policy "${settings.conflictPolicy}": platform kept`)];
    return [{
      // Keep the newest iCloud href/etag: settling the conflict later writes with If-Match on it.
      ...base, type: 'conflict', rule: 'S17', pair: { ...pair, icloud: icloud?.ref ?? pair.icloud }, icloud: ic, platform: pl, changed: changedFields(ic, pl),
      icloudModified: icloud?.occ.lastModified, platformModified: event?.dateUpdated,
      reason: 'changed on both sides: waiting for your choice',
    }];
  }
  if (plChanged) return [apply.platformWins(pl)];
  if (icChanged) return [apply.icloudWins(ic)];
  // No content change; keep the newest etag/href so the next write's If-Match is right.
  if (icloud && (icloud.ref.etag !== pair.icloud?.etag || icloud.ref.href !== pair.icloud?.href)) {
    return [{ ...base, type: 'record', rule: 'S9', pair: { ...pair, icloud: icloud.ref } }];
  }
  return [];
}

function withHashes(pair: PairRecord, ic: Content, pl: Content, icloud: IcloudSide | undefined): PairRecord {
  return { ...pair, status: 'synced', conflict: undefined, icloud: icloud?.ref ?? pair.icloud, hashes: { icloud: hashContent(ic), platform: hashContent(pl) } };
}

function conflictWinner(policy: Settings['conflictPolicy'], icloudModified?: string, platformModified?: string): 'icloud' | 'platform' | 'ask' {
  if (policy === 'icloud' || policy === 'platform') return policy;
  if (policy === 'newest') {
    const ic = icloudModified ? Date.parse(icloudModified) : Number.NaN;
    const pl = platformModified ? Date.parse(platformModified) : Number.NaN;
    if (Number.isNaN(ic) && Number.isNaN(pl)) return 'platform';
    if (Number.isNaN(pl) || ic > pl) return 'icloud';
    return 'platform';
  }
  return 'ask';
}

/** `current` (the copy read this cycle), naming the recorded copy as `movedFrom` when that is another file. */
function withRecordedCopy(current: PairRecord, pair: PairRecord): PairRecord {
  if (current.movedFrom || !pair.icloud || !current.icloud || current.icloud.href === pair.icloud.href) return current;
  const { href, etag, calendarUrl } = pair.icloud;
  return { ...current, movedFrom: { href, ...(etag !== undefined ? { etag } : {}), calendarUrl } };
}
