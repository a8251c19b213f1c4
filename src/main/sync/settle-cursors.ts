// After a cycle wrote to iCloud, the cursor read at its start is stale: the next cycle would see our
// own writes as a change (one more request), and on a server whose ctag/sync-token is a hash of the
// content (Radicale) a calendar that comes back to its start state — the user deleted exactly the
// events we had just added — would even look unchanged, and those deletions would be missed. So the
// changes are read once more: when all there is are our own writes, the new cursor is adopted.
// Anything else is left for the next cycle. Best effort: a failure here loses nothing.
import type { State } from '../store/state-schema';
import type { IcloudPort } from './ports';

export async function settleCursors(icloud: IcloudPort, state: State, calendarUrls: Iterable<string>): Promise<void> {
  for (const url of calendarUrls) {
    const known = Object.entries(state.objects)
      .filter(([, object]) => object.calendarUrl === url)
      .map(([href, object]) => ({ href, etag: object.etag ?? '' }));
    try {
      const result = await icloud.fetchChanges(url, state.cursors[url] ?? {}, known);
      if (result.created.length + result.updated.length + result.deleted.length === 0) {
        state.cursors[url] = { syncToken: result.newSyncToken, ctag: result.newCtag };
      }
    } catch {
      // The next cycle reads these changes anyway.
    }
  }
}
