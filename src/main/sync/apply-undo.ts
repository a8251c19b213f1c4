// The executor's part of an undo (execute.ts hands it each 'undo' operation): reverse one recorded
// operation, only over exactly what we wrote — iCloud by If-Match on the etag our write got, the
// platform by reading the event back and comparing it with the fields we wrote. Anything else is
// refused for that item with the reason (reported as skipped), never forced. A reversed item is
// dropped from the pairs and no longer followed (unfollowed.ts), so the next sync does not redo it.
import { randomUUID } from 'node:crypto';
import { SyncError } from '../errors';
import { IcloudConflictError } from '../icloud';
import type { State } from '../store/state-schema';
import type { ExecuteDeps } from './execute';
import type { Operation } from './operations';
import { undoItemOp } from './plan-undo';
import { unfollowUndone } from './unfollowed';
import { platformFields } from './undo-record';
import type { IcloudUndoEntry, PlatformFields, PlatformUndoEntry, UndoEntry } from '../store/undo-entry';

type UndoOp = Extract<Operation, { type: 'undo' }>;

export async function applyUndo(op: UndoOp, deps: ExecuteDeps): Promise<void> {
  const { entry } = op;
  const refusal = entry.side === 'icloud' ? await undoIcloud(entry, deps) : await undoPlatform(entry, deps);
  if (refusal) {
    deps.report.counts.skipped += 1;
    deps.report.item({ op: 'skip', side: entry.side, pair: entry.key, title: entry.title, reason: `not undone: ${refusal}; left as it is` });
    return;
  }
  forget(deps.tx.state, entry, deps.now());
  // On disk at once: killed before the run is marked undone, an undo run again knows this one is done.
  await deps.tx.save();
  deps.report.counts[entry.side][countOf(entry)] += 1;
  deps.report.item({ op: undoItemOp(entry), side: entry.side, pair: entry.key, title: entry.title, ...(op.reason ? { reason: op.reason } : {}) });
}

/** Undoes the iCloud write; returns why it was refused, if it was. */
async function undoIcloud(entry: IcloudUndoEntry, deps: ExecuteDeps): Promise<string | undefined> {
  const { icloud } = deps;
  const { state } = deps.tx;
  try {
    if (entry.action === 'created') {
      const done = await icloud.deleteEvent(entry.href, entry.etag ?? '*');
      if (done === 'gone') return 'it is no longer in iCloud';
      delete state.objects[entry.href];
    } else if (entry.action === 'updated') {
      if (entry.previousIcs === undefined) return 'nothing was kept of it';
      const written = await icloud.updateEvent(entry.href, entry.previousIcs, entry.etag ?? '*');
      const known = state.objects[entry.href];
      if (known) state.objects[entry.href] = { ...known, etag: written.etag };
    } else {
      if (entry.previousIcs === undefined) return 'nothing was kept of it';
      // A new event (a new href): the old address may be taken again by the time of the undo.
      await icloud.createEvent(entry.calendarUrl, randomUUID().toUpperCase(), entry.previousIcs);
    }
  } catch (error) {
    if (error instanceof IcloudConflictError) return 'it changed in iCloud since that run';
    if (error instanceof SyncError && error.kind === 'gone') return 'it is no longer in iCloud';
    throw error;
  }
  return undefined;
}

/** Undoes the platform write; returns why it was refused, if it was. */
async function undoPlatform(entry: PlatformUndoEntry, deps: ExecuteDeps): Promise<string | undefined> {
  const { platform } = deps;
  if (entry.action === 'deleted') {
    if (!entry.previous) return 'nothing was kept of it';
    const slot = await platform.createBlockSlot({ assignedUserId: deps.context.userId, startTime: entry.previous.startTime, endTime: entry.previous.endTime, title: entry.previous.title });
    // The new slot is the one not to follow from now on.
    entry.platformId = slot.id;
    return undefined;
  }
  if (!entry.platformId || !entry.written) return 'nothing was kept of it';
  let current: PlatformFields;
  try {
    current = platformFields(await platform.getEvent(entry.platformId));
  } catch (error) {
    if (error instanceof SyncError && error.kind === 'gone') return 'it is no longer on the platform';
    throw error;
  }
  if (!sameFields(current, entry.written)) return 'it changed on the platform since that run';
  if (entry.action === 'created') {
    await platform.deleteEvent(entry.platformId);
  } else if (!entry.previous) {
    return 'nothing was kept of it';
  } else if (entry.kind === 'block') {
    await platform.updateBlockSlot(entry.platformId, { assignedUserId: deps.context.userId, startTime: entry.previous.startTime, endTime: entry.previous.endTime, title: entry.previous.title });
  } else {
    await platform.updateAppointment(entry.platformId, {
      title: entry.previous.title, startTime: entry.previous.startTime, endTime: entry.previous.endTime,
      description: entry.previous.notes ?? '', address: entry.previous.address ?? '',
    });
  }
  return undefined;
}

/** What we wrote is still what the platform holds: title and times (times compared as instants). */
function sameFields(current: PlatformFields, written: PlatformFields): boolean {
  return current.title === written.title && Date.parse(current.startTime) === Date.parse(written.startTime) && Date.parse(current.endTime) === Date.parse(written.endTime);
}

/** The item is reversed: its pair goes and it is no longer followed. */
function forget(state: State, entry: UndoEntry, now: Date): void {
  delete state.pairs[entry.key];
  unfollowUndone(state, {
    key: entry.key, title: entry.title, start: entry.start, end: entry.end, allDay: entry.allDay, side: entry.side,
    ...(entry.platformId ? { platformId: entry.platformId } : {}),
  }, now);
}

function countOf(entry: UndoEntry): 'created' | 'updated' | 'deleted' {
  return entry.action === 'created' ? 'deleted' : entry.action === 'updated' ? 'updated' : 'created';
}
