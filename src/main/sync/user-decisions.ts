// What the user decides about pairs the engine would not decide alone: conflicts held by the
// "ask me" policy (S17) and detached pairs (S6, S12). Each choice is applied at once, through the
// same executor as a cycle, and recorded in the history like one.
import { own } from '../../shared/own';
import type { AttentionItem, Conflict } from '../../shared/ipc/views';
import { SyncError } from '../errors';
import type { CalendarEvent } from '../platform/schemas';
import type { State } from '../store/state-schema';
import { blockTitle } from './block-title';
import { appointmentContentFromPlatform, type Content } from './content';
import type { Operation } from './operations';
import type { PairRecord } from './pair';

export function listConflicts(state: State): Conflict[] {
  return Object.values(state.pairs)
    .filter((p) => p.status === 'conflict' && p.conflict)
    .map((p) => ({ id: p.key, pair: p.key, title: p.title, detectedAt: p.conflict!.detectedAt, icloud: p.conflict!.icloud, platform: p.conflict!.platform, changed: p.conflict!.changed }));
}

export function listAttention(state: State): AttentionItem[] {
  return Object.values(state.pairs)
    .filter((p) => p.status === 'detached' && p.detached && !p.detached.dismissed)
    .map((p) => ({
      id: p.key, pair: p.key, title: p.title, start: p.start, kind: p.detached!.kind, detectedAt: p.detached!.detectedAt,
      message: p.detached!.kind === 'icloud-mirror-deleted'
        ? `"${p.title}" was deleted from iCloud, but the appointment is still booked. Restore it in iCloud, or cancel the appointment on the platform.`
        : `The blocked slot for "${p.title}" was deleted on the platform; your iCloud event was kept. Restore the blocked slot, or stop syncing this event.`,
    }));
}

function requirePair(state: State, id: string, status: PairRecord['status']): PairRecord {
  const pair = own(state.pairs, id);
  if (!pair || pair.status !== status) {
    throw new SyncError('item', status === 'conflict' ? `There is no open conflict "${id}". Run \`icloud-sync conflicts\` to list them.` : `There is no item "${id}" needing attention. Run \`icloud-sync attention\` to list them.`);
  }
  return pair;
}

/** The operation that settles a conflict with the kept side's version. */
export function resolveOperation(state: State, id: string, keep: 'platform' | 'icloud'): Operation {
  const pair = requirePair(state, id, 'conflict');
  const version = keep === 'platform' ? pair.conflict!.platform : pair.conflict!.icloud;
  const content: Content = { title: version.title, start: version.start, end: version.end, allDay: version.allDay, notes: version.notes, location: version.location };
  const base = { key: pair.key, title: pair.title, rule: 'S17' as const, reason: `conflict settled by you: ${keep === 'platform' ? 'platform' : 'iCloud'} version kept` };
  const ref = pair.icloud!;
  if (keep === 'icloud') {
    if (pair.platformKind === 'appointment') return { ...base, type: 'platform.updateAppointment', pair, occurrence: undefined as never, ref, content };
    // The held iCloud version is the blocked slot as the event makes it (titled and clipped already).
    return { ...base, type: 'platform.updateBlock', pair, content, ref };
  }
  if (pair.platformKind === 'appointment') return { ...base, type: 'icloud.update', pair, appointment: { id: pair.platformId! } as CalendarEvent, content };
  return { ...base, type: 'icloud.updateFromBlock', pair, block: { id: pair.platformId! } as CalendarEvent, content };
}

/** Restore a detached pair: recreate the deleted mirror. */
export function restoreOperation(state: State, id: string, appointment?: CalendarEvent): Operation {
  const pair = requirePair(state, id, 'detached');
  const base = { key: pair.key, title: pair.title, reason: 'restored by you' };
  if (pair.detached!.kind === 'icloud-mirror-deleted') {
    if (!appointment) throw new SyncError('gone', `The appointment "${pair.title}" no longer exists on the platform.`);
    return { ...base, rule: 'S6', type: 'icloud.create', calendarUrl: pair.icloud!.calendarUrl, appointment, content: appointmentContentFromPlatform(appointment) };
  }
  const content: Content = { title: blockTitle(pair.title, state.settings, calendarName(state, pair.icloud!.calendarUrl)), start: pair.start, end: pair.end, allDay: false };
  const occurrence = { uid: pair.icloud!.uid, title: pair.title, allDay: pair.allDay } as never;
  return { ...base, rule: 'S12', type: 'platform.createBlock', occurrence, ref: pair.icloud!, content };
}

/** The second action of a detached pair: S6 cancels the booking; S12 stops syncing the event. */
export function cancelDecision(state: State, id: string): { cancelAppointment?: string; dismiss: PairRecord } {
  const pair = requirePair(state, id, 'detached');
  if (pair.detached!.kind === 'icloud-mirror-deleted') return { cancelAppointment: pair.platformId, dismiss: pair };
  return { dismiss: pair };
}

function calendarName(state: State, url: string): string {
  return own(state.links.names, url) ?? '';
}
