// Collects a run's undo records as the executor goes (execute.ts calls capture before an operation
// and record after it succeeded). A dry run gets no recorder, so a preview records nothing and reads
// nothing more. The previous content is read just before our write (one GET per update or deletion:
// the planner holds hashes, not the previous text); creates need no read. A read that fails leaves
// that item without a record (not undoable), never the operation undone.
import { own } from '../../shared/own';
import type { State } from '../store/state-schema';
import type { UndoStore } from '../store/undo-store';
import type { CalendarEvent } from '../platform/schemas';
import type { Operation } from './operations';
import type { PairRecord } from './pair';
import type { IcloudPort, PlatformPort } from './ports';
import type { PlatformFields, UndoEntry } from '../store/undo-entry';

/** What was there before the operation: the iCloud file's text or the platform event's fields. */
export type Prior = { ics: string } | { fields: PlatformFields } | undefined;

export class UndoRecorder {
  readonly entries: UndoEntry[] = [];

  constructor(private readonly sides: { icloud: IcloudPort; platform: PlatformPort }) {}

  /**
   * Reads what the operation is about to overwrite or delete; `platform`: the side of the
   * operation's location (several locations: another location's slot is not found in the first).
   */
  async capture(op: Operation, platform: PlatformPort = this.sides.platform): Promise<Prior> {
    try {
      switch (op.type) {
        case 'icloud.update':
        case 'icloud.updateFromBlock':
        case 'icloud.delete': {
          const current = op.pair.icloud ? await this.sides.icloud.getObject(op.pair.icloud.href) : undefined;
          return current ? { ics: current.data } : undefined;
        }
        case 'platform.updateBlock':
        case 'platform.updateAppointment':
        case 'platform.deleteBlock':
          return op.pair.platformId ? { fields: platformFields(await platform.getEvent(op.pair.platformId)) } : undefined;
        default:
          return undefined;
      }
    } catch {
      return undefined;
    }
  }

  /** The operation succeeded: keep what reverses it (`state` is after the operation). */
  record(op: Operation, prior: Prior, state: State): void {
    const entry = entryFor(op, prior, state);
    if (entry) this.entries.push(entry);
  }
}

/** Keeps the recorded run in undo.json (under the data-dir lock); whether the run can be undone. */
export async function keepUndoRecords(store: UndoStore | undefined, recorder: UndoRecorder | undefined, runId: string, now: Date): Promise<boolean> {
  if (!store || !recorder || recorder.entries.length === 0) return false;
  return store.save(runId, recorder.entries, now);
}

function entryFor(op: Operation, prior: Prior, state: State): UndoEntry | undefined {
  const after = own(state.pairs, op.key);
  const ics = prior && 'ics' in prior ? prior.ics : undefined;
  const fields = prior && 'fields' in prior ? prior.fields : undefined;
  switch (op.type) {
    case 'icloud.create':
    case 'icloud.update':
    case 'icloud.updateFromBlock': {
      const ref = after?.icloud;
      if (!after || !ref) return undefined;
      if (op.type !== 'icloud.create' && ics === undefined) return undefined;
      return { ...about(after), side: 'icloud', action: op.type === 'icloud.create' ? 'created' : 'updated', href: ref.href, calendarUrl: ref.calendarUrl, etag: ref.etag, previousIcs: ics };
    }
    case 'icloud.delete':
      if (ics === undefined || !op.pair.icloud) return undefined;
      return { ...about(op.pair), side: 'icloud', action: 'deleted', href: op.pair.icloud.href, calendarUrl: op.pair.icloud.calendarUrl, previousIcs: ics };
    case 'platform.createBlock':
      if (!after) return undefined;
      return { ...about(after), side: 'platform', action: 'created', kind: 'block', written: { title: op.content.title, startTime: op.content.start, endTime: op.content.end } };
    case 'platform.updateBlock':
      if (!after || !fields) return undefined;
      return { ...about(after), side: 'platform', action: 'updated', kind: 'block', previous: blockFields(fields), written: { title: op.content.title, startTime: op.content.start, endTime: op.content.end } };
    case 'platform.updateAppointment':
      if (!after || !fields) return undefined;
      return {
        ...about(after), side: 'platform', action: 'updated', kind: 'appointment', previous: fields,
        written: { title: op.content.title, startTime: op.content.start, endTime: op.content.end, notes: op.content.notes ?? '', address: op.content.location ?? '' },
      };
    case 'platform.deleteBlock':
      if (!fields) return undefined;
      return { ...about(op.pair), side: 'platform', action: 'deleted', kind: 'block', previous: blockFields(fields) };
    default:
      return undefined;
  }
}

function about(pair: PairRecord) {
  return {
    key: pair.key, title: pair.title, start: pair.start, end: pair.end, allDay: pair.allDay,
    ...(pair.platformId ? { platformId: pair.platformId } : {}), ...(pair.locationId ? { locationId: pair.locationId } : {}),
  };
}

/** The fields the app writes, as the platform holds them now. */
export function platformFields(event: CalendarEvent): PlatformFields {
  return { title: event.title ?? '', startTime: event.startTime, endTime: event.endTime, notes: event.description ?? event.notes ?? '', address: event.address ?? '' };
}

/** A blocked slot has no notes or address of ours. */
function blockFields(fields: PlatformFields): PlatformFields {
  return { title: fields.title, startTime: fields.startTime, endTime: fields.endTime };
}
