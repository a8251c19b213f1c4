// Behind-the-app's-back edits for the browser tests: find the iCloud copy of an appointment, and
// edit it as the Calendar app would.
import { PLATFORM_ID_PROP } from '../../../src/main/icloud/codec';
import { editIcs } from '../../support/ics-edits';
import type { IcloudEvent, SyncWorld } from '../../support/sync-world';

export function mirrorOf(world: SyncWorld, appointmentId: string, calendar = 'work'): IcloudEvent | undefined {
  return world.icloud.events(calendar).find((event) => event.xProps[PLATFORM_ID_PROP] === appointmentId && !event.recurrenceId);
}

/** Change an appointment's title on both sides since the last sync: the next sync holds a conflict. */
export async function changeOnBothSides(world: SyncWorld, appointmentId: string, platformTitle: string, icloudTitle: string): Promise<void> {
  const mirror = mirrorOf(world, appointmentId);
  if (!mirror) throw new Error(`no iCloud copy of ${appointmentId}`);
  world.platform.update(appointmentId, { title: platformTitle });
  await world.icloud.put('work', mirror.file, editIcs(mirror.ics, { SUMMARY: `SUMMARY:${icloudTitle}` }));
}
