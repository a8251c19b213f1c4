// After a cycle wrote to iCloud, the cursor read at its start is stale: the next cycle would see our
// own writes as a change (one more request), and on a server whose ctag/sync-token is a hash of the
// content (Radicale) a calendar that comes back to its start state — the user deleted exactly the
// events we had just added — would even look unchanged, and those deletions would be missed. So the
// changes are read once more: when all there is are our own writes, the newer cursor is the one to
// keep. Anything else is left for the next cycle. Best effort: a failure here loses nothing. The
// executor calls this for a `cursor.commit` operation and writes the answer (it changes no state).
import type { CalendarCursor } from '../icloud';
import type { State } from '../store/state-schema';
import { knownObjects } from './gather-icloud';
import type { IcloudPort } from './ports';

export async function settledCursor(icloud: IcloudPort, state: State, calendarUrl: string, cursor: CalendarCursor): Promise<CalendarCursor> {
  try {
    const result = await icloud.fetchChanges(calendarUrl, cursor, knownObjects(state, calendarUrl, false));
    const changes = result.created.length + result.updated.length + result.deleted.length + (result.unreadable?.length ?? 0);
    if (changes === 0) return { syncToken: result.newSyncToken, ctag: result.newCtag };
  } catch {
    // The next cycle reads these changes anyway.
  }
  return cursor;
}
