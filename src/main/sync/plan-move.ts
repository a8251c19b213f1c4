// Moving an appointment's iCloud copy (issue 15): a location's appointments go to its own iCloud
// calendar, or to the linked one. When the user picks another calendar for a location, each copy of its
// appointments is moved there — written in the new calendar first, then deleted from the old one, so
// there is never a moment with no copy. The pair names the copy it leaves (`movedFrom`) in the same
// write as the new one, so a cycle interrupted between the two finds the old one and deletes it; one
// interrupted before the pair was written moves again, and the create finds its own file there (the
// href is deterministic) and writes over it: either way one copy is left. A move deletes no owner and
// loses nothing, so the deletion guard does not count it.
import { appointmentContentFromIcloud, appointmentContentFromPlatform, hashContent } from './content';
import { appointmentFilterProblem } from './judge-block';
import type { Operation } from './operations';
import type { PairRecord } from './pair';
import type { IcloudSide, PlatformSide } from './plan-pairs';
import type { PlanContext } from './plan-input';
import type { Settings } from '../../shared/settings';

/** The move of this appointment's copy to its location's calendar, if it is due now; else undefined (decidePair decides). */
export function moveOf(pair: PairRecord, icloud: IcloudSide | undefined, platform: PlatformSide, settings: Settings, context: PlanContext): Operation | undefined {
  const target = context.appointmentCalendarUrl ?? context.linkedCalendarUrl;
  if (pair.platformKind !== 'appointment' || pair.owner !== 'platform' || !pair.icloud || pair.status !== 'synced') return undefined;
  if (pair.icloud.calendarUrl === target && !pair.movedFrom) return undefined;
  // Cancelled, deleted or filtered out: its copy goes (decidePair), it is not moved.
  if (platform.state !== 'present' || appointmentFilterProblem(platform.event, settings, context)) return undefined;
  // The user edited the copy where it is this cycle: that edit reaches the booking first (S5), the move follows.
  if (icloud && icloud.ref.href === pair.icloud.href && hashContent(appointmentContentFromIcloud(icloud.occ)) !== pair.hashes.icloud) return undefined;
  const content = appointmentContentFromPlatform(platform.event);
  const from = pair.movedFrom?.calendarUrl ?? pair.icloud.calendarUrl;
  const names = context.calendarNames ?? {};
  const reason = pair.icloud.calendarUrl === target
    ? 'an earlier move left its old iCloud copy: it is deleted now'
    : `moved from the iCloud calendar “${names[from] ?? from}” to “${names[target] ?? target}” (the calendar chosen for its location)`;
  return { type: 'icloud.move', rule: 'S1', key: pair.key, title: content.title, pair, calendarUrl: target, appointment: platform.event, content, reason };
}
