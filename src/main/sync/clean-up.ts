// "Remove everything this app made" (`disconnect … --remove-copies`, issue 13 item 3): one deletion
// per copy the app made and still knows of — the iCloud mirror of each appointment, the blocked slot
// of each iCloud event — and never an owner. They go through the executor like any cycle's deletions
// (an iCloud mirror edited since has another etag, so its delete is refused and reported, not forced).
import type { Operation } from './operations';
import type { State } from '../store/state-schema';
import { locationOf } from '../store/locations';

const reason = 'removing the copies this app made';

/** `locationId`: only that location's copies (`disconnect platform --location-id ID --remove-copies`). */
export function cleanUpOperations(state: State, locationId?: string): Operation[] {
  const ops: Operation[] = [];
  for (const pair of Object.values(state.pairs)) {
    if (locationId !== undefined && locationOf(pair, state.accounts) !== locationId) continue;
    // A detached pair's copy is the side that was deleted already: nothing of ours is left there.
    if (pair.status === 'detached') continue;
    if (pair.owner === 'platform' && pair.icloud) {
      ops.push({ type: 'icloud.delete', rule: 'item', key: pair.key, title: pair.title, reason, pair });
    } else if ((pair.owner === 'icloud' || pair.crossFrom) && pair.platformId) {
      ops.push({ type: 'platform.deleteBlock', rule: 'item', key: pair.key, title: pair.title, reason, pair });
    }
  }
  return ops;
}
