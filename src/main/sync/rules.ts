// Small rule predicates shared by the planner.
import type { Settings } from '../../shared/settings';
import type { Occurrence } from '../icloud/codec/types';
import { invitationProblem } from './invitations';

/** S13, S18: why an iCloud event does not block time, or undefined when it does. */
export function blockingProblem(occ: Occurrence, settings: Pick<Settings, 'freeEventsBlock' | 'invitationsBlock'>, ownAddresses: readonly string[] = []): string | undefined {
  if (occ.status === 'CANCELLED') return 'cancelled event';
  const invitation = invitationProblem(occ, ownAddresses, settings);
  if (invitation) return invitation;
  if (occ.transparent && !settings.freeEventsBlock) return 'free event (shown as free in iCloud)';
  if (Date.parse(occ.end.iso) <= Date.parse(occ.start.iso)) return 'zero-length event';
  return undefined;
}

/** Whether a pair lies wholly inside the window, so its absence from a window listing means "gone". */
export function whollyInside(range: { start: string; end: string }, window: { start: Date; end: Date }): boolean {
  return Date.parse(range.start) >= window.start.getTime() && Date.parse(range.end) <= window.end.getTime();
}

/** Whether a pair has left the window for the past: forget it, never read it as a deletion. */
export function endedBefore(range: { end: string }, window: { start: Date }): boolean {
  return Date.parse(range.end) <= window.start.getTime();
}

/** Whether a pair lies wholly after the window (the window shrank): forget it, never read it as a deletion. */
export function startsAfter(range: { start: string }, window: { end: Date }): boolean {
  return Date.parse(range.start) >= window.end.getTime();
}

/** Whether an occurrence overlaps the window at all. */
export function overlaps(range: { start: string; end: string }, window: { start: Date; end: Date }): boolean {
  return Date.parse(range.start) < window.end.getTime() && Date.parse(range.end) > window.start.getTime();
}
