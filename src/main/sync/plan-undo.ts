// The undo planner (issue 13 item 2): an earlier run's undo records become operations, run through
// the executor like a sync's. Pure. What the state already shows changed since that run is refused
// here, with the reason (a later sync read another etag, or made the item again); the rest is
// checked against the servers when it runs (apply-undo.ts: If-Match, the platform fields read back).
import { own } from '../../shared/own';
import type { State } from '../store/state-schema';
import type { Operation } from './operations';
import type { UndoEntry, UndoRun } from '../store/undo-entry';

export const notFollowed = 'no longer followed (undone): `icloud-sync follow` follows it again';

export function planUndo(run: UndoRun, state: State): Operation[] {
  // Reversed newest first: an item changed twice in one run goes back step by step.
  return [...run.entries].reverse().map((entry): Operation => {
    const base = { rule: 'item' as const, key: entry.key, title: entry.title };
    const refusal = changedSince(entry, state);
    if (refusal) return { ...base, type: 'skip', side: entry.side, reason: `not undone: ${refusal}; left as it is` };
    return { ...base, ...locationOfEntry(entry, state), type: 'undo', entry: { ...entry }, reason: `undo: ${whatUndoDoes(entry)}; ${notFollowed}` };
  });
}

/**
 * The location whose lane runs the undo (execute-lanes.ts): the one recorded, else the pair's if it
 * is still there (records from before locations were recorded); none: the only location.
 */
function locationOfEntry(entry: UndoEntry, state: State): { location?: string } {
  const id = entry.locationId ?? own(state.pairs, entry.key)?.locationId;
  return id !== undefined ? { location: id } : {};
}

/** Why the state says the item changed since the run, or undefined. */
function changedSince(entry: UndoEntry, state: State): string | undefined {
  if (entry.side === 'platform' && entry.locationId !== undefined && !own(state.accounts.platforms, entry.locationId)) {
    return 'its platform location is no longer connected';
  }
  // Each reversed item is saved as it is done (apply-undo.ts): an undo killed part way leaves the
  // run not marked undone, and running it again must not recreate twice what it recreated.
  if (state.following?.unfollowed[entry.key]?.guard === 'undo') return 'it was undone already';
  if (entry.side === 'icloud') {
    if (!inCalendarsWeWrite(entry.href, entry.calendarUrl, state)) return 'it is not in a calendar this app writes to (the linked calendar, or a busy source)';
    if (entry.action === 'deleted') return own(state.pairs, entry.key)?.icloud ? 'a later sync made its iCloud copy again' : undefined;
    const known = state.objects[entry.href]?.etag;
    return known !== undefined && known !== entry.etag ? 'it changed in iCloud since that run' : undefined;
  }
  // The app only ever creates and deletes blocked slots: a record saying otherwise is not ours.
  if (entry.kind === 'appointment' && entry.action !== 'updated') return 'the app never creates or deletes an appointment';
  if (entry.action === 'deleted') return own(state.pairs, entry.key)?.platformId ? 'a later sync made its blocked slot again' : undefined;
  const pair = own(state.pairs, entry.key);
  if (!pair || pair.platformId !== entry.platformId || !entry.written) return undefined;
  const sameTime = Date.parse(pair.start) === Date.parse(entry.written.startTime) && Date.parse(pair.end) === Date.parse(entry.written.endTime);
  return sameTime ? undefined : 'a later sync changed it on the platform';
}

/**
 * undo.json is a file on disk, not proof: an href it names is written to only inside a calendar
 * this app writes to now (the linked calendar, a location's own calendar, a busy source: S-rules), never another calendar or
 * another server — a record naming one (edited, foreign, or from a calendar unlinked since) is refused.
 */
function inCalendarsWeWrite(href: string, calendarUrl: string, state: State): boolean {
  const own = Object.values(state.accounts.platforms).map((account) => account.icloudCalendar);
  const calendars = [state.links.icloudCalendar, ...own, ...state.links.busySources].filter((url): url is string => url !== undefined);
  if (!calendars.includes(calendarUrl)) return false;
  try {
    const calendar = new URL(calendarUrl.endsWith('/') ? calendarUrl : `${calendarUrl}/`);
    const object = new URL(href, calendar);
    // Same server, directly inside the calendar's collection (URL resolves any "..").
    return object.protocol === calendar.protocol && object.host === calendar.host && object.pathname.startsWith(calendar.pathname) && !object.pathname.slice(calendar.pathname.length).includes('/') && object.pathname.length > calendar.pathname.length;
  } catch {
    return false;
  }
}

/** The report item's words for what the undo does. */
export function whatUndoDoes(entry: UndoEntry): string {
  if (entry.side === 'icloud') {
    if (entry.action === 'created') return 'removed the iCloud event that run created';
    if (entry.action === 'updated') return 'put the iCloud event back as it was before that run';
    // S4 deleted a mirror because its appointment was cancelled or deleted: the copy comes back, the booking does not.
    return 'recreated as a new iCloud event; a cancelled booking stays cancelled (the app never uncancels one)';
  }
  const what = entry.kind === 'appointment' ? 'appointment' : 'blocked slot';
  if (entry.action === 'created') return `removed the ${what} that run created`;
  if (entry.action === 'updated') return `put the ${what} back as it was before that run`;
  return 'recreated as a new blocked slot';
}

/** The report item's op for the undo's own change (a create is undone by a deletion…). */
export function undoItemOp(entry: UndoEntry): 'create' | 'update' | 'delete' {
  return entry.action === 'created' ? 'delete' : entry.action === 'updated' ? 'update' : 'create';
}

/** How many items an undo would change on each side (the confirmation names them). */
export function undoCounts(ops: Operation[]): { icloud: number; platform: number; refused: number } {
  const counts = { icloud: 0, platform: 0, refused: 0 };
  for (const op of ops) {
    if (op.type === 'undo') counts[op.entry.side] += 1;
    else counts.refused += 1;
  }
  return counts;
}
