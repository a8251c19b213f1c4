// The executor: applies the planner's operations one by one through the two sides, recording state
// as it goes, so an interrupted cycle resumes where it stopped. It is the only code that changes the
// state during a cycle (DESIGN §2), what was read from iCloud included (object records, cursors: they
// are operations too). One failing item is reported and skipped, and what it was read from is marked
// to be read again; a failure that concerns the whole side (auth, network, throttling) stops the cycle.
import { own } from '../../shared/own';
import { stopsTheCycle } from '../error-actions';
import { SyncError, toSyncError } from '../errors';
import type { IcsCodec } from '../icloud';
import { retimeEvent } from '../icloud/codec/retime';
import { firstPlatform } from '../store/locations';
import type { State } from '../store/state-schema';
import type { StateTransaction } from '../store/state-store';
import { hashContent, type Content } from './content';
import { mirrorUid } from './mirror-ids';
import { deleteCopy, mirrorIcs, writeMirror } from './mirror-writes';
import type { Operation } from './operations';
import type { PairRecord } from './pair';
import type { PlanContext } from './plan-input';
import { hrefOf } from './plan-records';
import { settledCursor } from './settle-cursors';
import type { IcloudPort, PlatformPort } from './ports';
import type { ReportBuilder } from './report-builder';
import { withLocationFacts } from './location-refresh';
import { changesNothing } from './record-outcome';
import { applyUndo } from './apply-undo';
import type { UndoRecorder } from './undo-record';
import { laneOf, splitLanes, type Lane } from './execute-lanes';
import { LaneSaves } from './lane-saves';

import { itemOp, retryNote, sideOf, titleAfter } from './operation-words';

export interface ExecuteDeps {
  icloud: IcloudPort;
  platform: PlatformPort;
  codec: IcsCodec;
  tx: StateTransaction;
  report: ReportBuilder;
  context: PlanContext;
  now: () => Date;
  onProgress?: (done: number, total: number) => void;
  /**
   * How often the state is written while operations run (default 250 ms, or SAVE_SHARE times the last
   * save's duration when that is longer; 0 = after every one, once the save before is written).
   * A timed save is not waited for (lane-saves.ts): the operations go on while it is written.
   * Writing state.json after each operation made a large first sync quadratic (10,000 operations
   * rewrote a file of several MB 10,000 times: hours). Losing the last fraction of a second of records
   * to a crash is safe: iCloud creates are idempotent (deterministic href), updates are re-planned
   * from hashes, deletions tolerate "gone", and blocked-slot creates have their intent on disk first
   * and are adopted after a crash.
   */
  saveEveryMs?: number;
  /** Keeps what reverses each operation (undo-record.ts); absent for a dry run and for an undo. */
  undo?: UndoRecorder;
  /** With several locations (issue 15): each one's side and context, by id (an operation's `location`). */
  locations?: Record<string, Lane>;
  /** A location's side failed as a whole: its other operations are skipped, the others go on (else: the cycle stops). */
  onLocationFailed?: (locationId: string, error: SyncError) => void;
}

/**
 * Blocked-slot intents written ahead in one save, so each create does not need its own. 200: a first
 * sync of 10,000 events saves 50 times for them, not 200 (each save encodes the whole state).
 */
const INTENT_BATCH = 200;

/** Operations that only record what was read (no request, nothing for the user to count). */
const recordsOnly = new Set<Operation['type']>(['object.seen', 'object.gone', 'cursor.commit', 'window.judged', 'location.read', 'platform.read']);

/**
 * Applies the operations; returns those that failed (reported and skipped), to be retried next cycle.
 * With several locations each location's operations run as their own lane, all lanes at once (each
 * on its own side and rate limiter: two locations take about the time of one), then what only
 * records what was read; within a lane the order is the planner's.
 */
export async function execute(ops: Operation[], deps: ExecuteDeps): Promise<Operation[]> {
  const { tx, report } = deps;
  const failed: Operation[] = [];
  /** The iCloud objects whose operation failed: not recorded as seen, their calendar's cursor kept. */
  const failedHrefs = new Set<string>();
  const intentsOnDisk = new Set<string>();
  let done = 0;
  // The lanes share the one state file's saves (lane-saves.ts): none waits on another's.
  const saves = new LaneSaves(() => tx.save(), deps.saveEveryMs ?? 250);
  // Progress counts what the user would call work, not the records of what was read.
  const total = ops.filter((op) => !recordsOnly.has(op.type)).length;
  const stopped = new Set<string>();
  let abort: unknown; // a lane stopped the cycle: the others stop too

  async function run(list: Operation[]): Promise<void> {
    // The lane's creates, listed once: each intent batch is the next INTENT_BATCH of them.
    const creates = list.filter(isBlockCreate);
    let createsReached = 0;
    for (const op of list) {
      if (abort !== undefined) return;
      if (isBlockCreate(op)) createsReached += 1;
      if (op.location !== undefined && stopped.has(op.location)) {
        markUnread(tx.state, op, failedHrefs);
        continue;
      }
      try {
        if (isBlockCreate(op) && !intentsOnDisk.has(op.key)) {
          // Not idempotent (no external id on the platform): the intent is on disk before the request.
          // A busy-across slot's too: killed between its create and the record, its slot was left
          // blocking time for an appointment cancelled since, with nothing to find it by.
          for (const next of creates.slice(createsReached - 1, createsReached - 1 + INTENT_BATCH)) {
            if (!isBlockCreate(next)) continue;
            tx.state.intents[next.key] = {
              key: next.key, start: next.content.start, end: next.content.end, title: next.content.title, sentAt: deps.now().toISOString(),
              ...(next.type === 'platform.createBlock' ? { href: next.ref.href, calendarUrl: next.ref.calendarUrl } : {}),
              ...(next.location !== undefined ? { locationId: next.location } : {}),
            };
            intentsOnDisk.add(next.key);
          }
          await saves.fresh();
        }
        // The object this was decided from goes into the same write as the pair (before the operation,
        // so an etag the operation itself writes wins over the one read).
        if (op.seen && !failedHrefs.has(op.seen.href)) tx.state.objects[op.seen.href] = op.seen.record;
        // An idle cycle's records (the same cursor, the same window day) leave nothing to save.
        if (!op.seen && changesNothing(op, tx.state)) continue;
        const prior = await deps.undo?.capture(op, laneOf(op, deps).platform);
        await apply(op, deps, failedHrefs);
        deps.undo?.record(op, prior, tx.state);
      } catch (thrown) {
        const error = toSyncError(thrown, sideOf(op));
        markUnread(tx.state, op, failedHrefs);
        if (stopsTheCycle(error.kind)) {
          // error-actions.ts; with several locations, a platform side failing stops only its location.
          if (op.location === undefined || !deps.onLocationFailed || error.details.side !== 'platform') {
            abort ??= error;
            throw error;
          }
          stopped.add(op.location);
          deps.onLocationFailed(op.location, error);
        } else {
          failed.push(op);
          report.counts.errors += 1;
          report.item({ op: itemOp(op), side: sideOf(op), pair: op.key, title: op.title, reason: retryNote(error), error: error.message });
        }
      }
      // A skip or a notice changes nothing on disk; everything else is recorded soon (see saveEveryMs).
      if (op.type !== 'skip' && op.type !== 'notice') saves.changed();
      saves.soon();
      if (!recordsOnly.has(op.type)) deps.onProgress?.(++done, total);
    }
  }

  const { lanes, tail } = splitLanes(ops);
  try {
    const outcomes = await Promise.allSettled(lanes.map(run));
    const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (rejected) throw rejected.reason;
    await run(tail);
  } catch (error) {
    // The cycle writes its outcome next: never while a save of ours is still being written.
    await saves.settled();
    throw error;
  }
  await saves.flush();
  return failed;
}

/**
 * An operation failed (or was cut off): the iCloud object it came from must be read and planned again
 * next cycle, so its record loses its etag (a known href with no etag is always read) and its
 * calendar's cursor is not committed this cycle.
 */
function markUnread(state: State, op: Operation, failedHrefs: Set<string>): void {
  const href = hrefOf(op);
  if (href === undefined) return;
  failedHrefs.add(href);
  const object = state.objects[href];
  if (object) state.objects[href] = { ...object, etag: undefined };
}

async function apply(op: Operation, deps: ExecuteDeps, failedHrefs: ReadonlySet<string>): Promise<void> {
  const { state } = deps.tx;
  const { platform, context } = laneOf(op, deps);
  const located = context.locationId !== undefined ? { locationId: context.locationId } : {};
  const { report } = deps;
  const note = (side: 'icloud' | 'platform', opName: Parameters<ReportBuilder['item']>[0]['op']) =>
    report.item({ op: opName, side, pair: op.key, title: titleAfter(op), ...(op.reason ? { reason: op.reason } : {}) });
  switch (op.type) {
    case 'icloud.create': {
      const written = await writeMirror(deps, context, op.calendarUrl, op.appointment.id, op.content);
      setPair(state, {
        key: op.key, owner: 'platform', status: 'synced', title: op.content.title, start: op.content.start, end: op.content.end,
        allDay: false, platformId: op.appointment.id, platformKind: 'appointment', ...located,
        icloud: { href: written.href, etag: written.etag, uid: mirrorUid(op.appointment.id), calendarUrl: op.calendarUrl, source: 'linked' },
        hashes: { icloud: hashContent(op.content), platform: hashContent(op.content) }, updatedAt: deps.now().toISOString(),
      });
      rememberObject(state, written.href, written.etag, op.calendarUrl, mirrorUid(op.appointment.id));
      report.counts.icloud.created += 1;
      return note('icloud', 'create');
    }
    case 'icloud.move': {
      // The new copy first, recorded with the old one it replaces; then the old one goes (plan-move.ts).
      const current = requireRef(op.pair);
      let old = op.pair.movedFrom;
      if (current.calendarUrl !== op.calendarUrl) {
        const written = await writeMirror(deps, context, op.calendarUrl, op.appointment.id, op.content);
        // A copy left by an earlier, interrupted move that is not the one just written over (sent back
        // to where it was, the new copy IS that file): its content is in two copies now, so it goes first.
        if (old && old.href !== written.href && old.href !== current.href) await deleteCopy(deps, state, old.href);
        const uid = mirrorUid(op.appointment.id);
        old = current.href === written.href ? undefined : current;
        synced(state, op.pair, op.content, { href: written.href, etag: written.etag, uid, calendarUrl: op.calendarUrl, source: 'linked' }, deps,
          { movedFrom: old && { href: old.href, ...(old.etag !== undefined ? { etag: old.etag } : {}), calendarUrl: old.calendarUrl } });
        rememberObject(state, written.href, written.etag, op.calendarUrl, uid);
      }
      // Ours, and its content is in the new copy already: deleted whatever its etag (a 404: gone already).
      if (old) await deleteCopy(deps, state, old.href);
      const { movedFrom: _left, ...moved } = state.pairs[op.key]!;
      setPair(state, moved);
      report.counts.icloud.updated += 1;
      return note('icloud', 'update');
    }
    case 'icloud.update': {
      const ref = requireRef(op.pair);
      const ics = mirrorIcs(deps, context, op.appointment.id, op.content);
      const written = await deps.icloud.updateEvent(ref.href, ics, ref.etag ?? '*');
      synced(state, op.pair, op.content, { ...ref, etag: written.etag }, deps);
      rememberObject(state, ref.href, written.etag, ref.calendarUrl, ref.uid);
      report.counts.icloud.updated += 1;
      return note('icloud', 'update');
    }
    case 'icloud.updateFromBlock': {
      const ref = requireRef(op.pair);
      const current = await deps.icloud.getObject(ref.href);
      if (!current) throw new SyncError('gone', 'The iCloud event is gone; it will be handled on the next sync.');
      const times = { start: { iso: op.content.start }, end: { iso: op.content.end } };
      const title = deps.tx.state.settings.blockTitles === 'event' ? op.content.title : undefined;
      // Floating times are the Mac's wall clock, whole days the location's (S15): two zones.
      const zones = { floatingZone: context.floatingZone, dayZone: context.zone };
      const ics = ref.recurrenceId
        ? deps.codec.override(current.data, { uid: ref.uid, recurrenceId: ref.recurrenceId, ...times, title, now: deps.now(), ...zones })
        : retimeEvent(current.data, { uid: ref.uid, ...times, title, now: deps.now(), ...zones }, deps.codec.zones);
      const written = await deps.icloud.updateEvent(ref.href, ics, current.etag);
      synced(state, op.pair, op.content, { ...ref, etag: written.etag }, deps, { title: title ?? op.pair.title });
      rememberObject(state, ref.href, written.etag, ref.calendarUrl, ref.uid);
      report.counts.icloud.updated += 1;
      return note('icloud', 'update');
    }
    case 'icloud.delete': {
      const ref = requireRef(op.pair);
      await deps.icloud.deleteEvent(ref.href, ref.etag ?? '*');
      // A move interrupted before its old copy went: that one goes too (plan-move.ts).
      if (op.pair.movedFrom) {
        await deps.icloud.deleteEvent(op.pair.movedFrom.href, '*');
        delete state.objects[op.pair.movedFrom.href];
      }
      delete state.pairs[op.key];
      delete state.objects[ref.href];
      report.counts.icloud.deleted += 1;
      return note('icloud', 'delete');
    }
    case 'platform.createBlock': {
      // Its intent was written to disk before this request (execute, in a batch).
      const slot = await platform.createBlockSlot({ assignedUserId: context.userId, startTime: op.content.start, endTime: op.content.end, title: op.content.title });
      setPair(state, {
        key: op.key, owner: 'icloud', status: 'synced', title: op.occurrence.title, start: op.content.start, end: op.content.end,
        allDay: op.occurrence.allDay, platformId: slot.id, platformKind: 'block', ...located, icloud: op.ref,
        hashes: { icloud: hashContent(op.content), platform: hashContent(op.content) }, updatedAt: deps.now().toISOString(),
      });
      delete state.intents[op.key];
      report.counts.platform.created += 1;
      return note('platform', 'create');
    }
    case 'platform.createCrossBlock': {
      const slot = await platform.createBlockSlot({ assignedUserId: context.userId, startTime: op.content.start, endTime: op.content.end, title: op.content.title });
      setPair(state, { ...op.pair, platformId: slot.id, updatedAt: deps.now().toISOString() });
      delete state.intents[op.key];
      report.counts.platform.created += 1;
      return note('platform', 'create');
    }
    case 'platform.updateBlock': {
      await platform.updateBlockSlot(op.pair.platformId!, { assignedUserId: context.userId, startTime: op.content.start, endTime: op.content.end, title: op.content.title });
      synced(state, op.pair, op.content, op.ref ?? op.pair.icloud, deps, { title: op.occurrence?.title ?? op.pair.title });
      report.counts.platform.updated += 1;
      return note('platform', 'update');
    }
    case 'platform.deleteBlock': {
      await deleteIgnoringGone(platform, op.pair.platformId!);
      delete state.pairs[op.key];
      // A slot made before an interruption, for an event deleted since, is deleted by its intent.
      delete state.intents[op.key];
      report.counts.platform.deleted += 1;
      return note('platform', 'delete');
    }
    case 'platform.updateAppointment': {
      await platform.updateAppointment(op.pair.platformId!, {
        title: op.content.title, startTime: op.content.start, endTime: op.content.end,
        description: op.content.notes ?? '', address: op.content.location ?? '',
      });
      synced(state, op.pair, op.content, op.ref, deps);
      report.counts.platform.updated += 1;
      return note('platform', 'update');
    }
    case 'adopt':
      setPair(state, op.pair);
      if (op.pair.owner === 'icloud' || op.pair.crossFrom) delete state.intents[op.key];
      return note(op.pair.owner === 'icloud' || op.pair.crossFrom ? 'platform' : 'icloud', 'adopt');
    case 'record':
      setPair(state, { ...op.pair, updatedAt: deps.now().toISOString() });
      return;
    case 'detach':
      setPair(state, { ...op.pair, status: 'detached', detached: { kind: op.kind, detectedAt: deps.now().toISOString() } });
      return note(op.kind === 'icloud-mirror-deleted' ? 'icloud' : 'platform', 'detach');
    case 'conflict':
      setPair(state, {
        ...op.pair, status: 'conflict',
        conflict: { detectedAt: deps.now().toISOString(), icloud: { ...op.icloud, modifiedAt: op.icloudModified }, platform: { ...op.platform, modifiedAt: op.platformModified }, changed: op.changed },
      });
      report.counts.conflicts += 1;
      return note('icloud', 'conflict');
    case 'forget':
      delete state.pairs[op.key];
      if (op.rule !== 'window') return note(op.pair.owner, 'skip');
      return;
    case 'notice':
      report.item({ op: 'notice', side: op.side, pair: op.key, title: op.title, ...(op.reason ? { reason: op.reason } : {}) });
      return;
    case 'skip':
      report.counts.skipped += 1;
      report.item({ op: 'skip', side: op.side, pair: op.key, title: op.title, ...(op.reason ? { reason: op.reason } : {}), ...(op.error ? { error: op.error } : {}) });
      return;
    case 'intent.drop':
      delete state.intents[op.key];
      return;
    case 'object.seen':
      if (!failedHrefs.has(op.object.href)) state.objects[op.object.href] = op.object.record;
      return;
    case 'object.gone':
      if (!failedHrefs.has(op.href)) delete state.objects[op.href];
      return;
    case 'cursor.commit':
      if (op.hrefs.some((href) => failedHrefs.has(href))) return;
      state.cursors[op.calendarUrl] = op.settle ? await settledCursor(deps.icloud, state, op.calendarUrl, op.cursor) : op.cursor;
      return;
    case 'window.judged':
      state.windowDay = op.judgedWith;
      return;
    case 'location.read': {
      const id = op.locationId ?? context.locationId;
      const account = id !== undefined ? own(state.accounts.platforms, id) : firstPlatform(state);
      if (account) state.accounts.platforms[account.locationId] = withLocationFacts(account, op.facts);
      return;
    }
    case 'platform.read': {
      // The op's location's account (each location has its own far tier); none named: the only one.
      const id = op.location ?? context.locationId;
      const account = id !== undefined ? own(state.accounts.platforms, id) : firstPlatform(state);
      if (account) state.accounts.platforms[account.locationId] = { ...account, blockedSlotsReadAt: op.at };
      return;
    }
    case 'undo':
      // On the lane of the location the record names: another location's slot is not this one's.
      return applyUndo(op, { ...deps, platform, context });
  }
}

function synced(state: State, pair: PairRecord, content: Content, ref: PairRecord['icloud'], deps: ExecuteDeps, extra: Partial<PairRecord> = {}): void {
  const hash = hashContent(content);
  setPair(state, {
    ...pair, ...extra, status: 'synced', conflict: undefined, start: content.start, end: content.end, icloud: ref,
    title: extra.title ?? content.title, hashes: { icloud: hash, platform: hash }, updatedAt: deps.now().toISOString(),
  });
}

function setPair(state: State, pair: PairRecord): void {
  state.pairs[pair.key] = pair;
}

function rememberObject(state: State, href: string, etag: string | undefined, calendarUrl: string, uid: string): void {
  state.objects[href] = { ...state.objects[href], etag, calendarUrl, uid, recurring: state.objects[href]?.recurring ?? false };
}

function requireRef(pair: PairRecord): NonNullable<PairRecord['icloud']> {
  if (!pair.icloud) throw new SyncError('internal', `The pair ${pair.key} has no iCloud side.`);
  return pair.icloud;
}

async function deleteIgnoringGone(platform: PlatformPort, id: string): Promise<void> {
  try {
    await platform.deleteEvent(id);
  } catch (error) {
    if (!(error instanceof SyncError && error.kind === 'gone')) throw error;
  }
}

/** The creates sent without a way to repeat them safely: each has its intent on disk first. */
function isBlockCreate(op: Operation): op is Extract<Operation, { type: 'platform.createBlock' | 'platform.createCrossBlock' }> {
  return op.type === 'platform.createBlock' || op.type === 'platform.createCrossBlock';
}
