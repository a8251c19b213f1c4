// How the executor names an operation in the run report: its side, its kind of change, and what a
// failed one means for the next sync.
import type { SyncError } from '../errors';
import type { Operation } from './operations';
import type { ReportBuilder } from './report-builder';

export function sideOf(op: Operation): 'icloud' | 'platform' {
  if (op.type.startsWith('icloud.')) return 'icloud';
  if (op.type.startsWith('platform.')) return 'platform';
  if (op.type === 'undo') return op.entry.side;
  return op.type === 'skip' || op.type === 'notice' ? op.side : 'icloud';
}

export function itemOp(op: Operation): Parameters<ReportBuilder['item']>[0]['op'] {
  if (op.type.endsWith('create') || op.type.endsWith('createBlock') || op.type === 'platform.createCrossBlock') return 'create';
  if (op.type.includes('delete')) return 'delete';
  if (op.type.includes('update') || op.type === 'icloud.move') return 'update';
  return 'skip';
}

export function retryNote(error: SyncError): string {
  if (error.kind === 'conflict') return 'changed while syncing: it will be looked at again on the next sync';
  if (error.kind === 'gone') return 'no longer exists: it will be handled on the next sync';
  return 'skipped';
}

/** The event's title as the user knows it after the operation (an edit may have renamed it). */
export function titleAfter(op: Operation): string {
  if (op.type === 'icloud.update' || op.type === 'platform.updateAppointment') return op.content.title;
  if (op.type === 'platform.updateBlock' && op.occurrence) return op.occurrence.title;
  return op.title;
}
