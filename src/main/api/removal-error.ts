// Why a location's Remove… (with its copies) stopped, in the user's words: the window adds that the
// location is still connected. An item the server refused names its event (removalFailureMessage); a
// server that failed as a whole (an outage, throttling) is said without an endpoint or an HTTP code —
// and not as "tried again at the next sync": the removal is tried again only when the user asks.
import { removalFailureMessage } from '../accounts/location-removal';
import { SyncError } from '../errors';
import { DecisionFailed } from '../sync/sync-service';

export function removalError(error: unknown): unknown {
  if (error instanceof DecisionFailed) return new SyncError('item', removalFailureMessage(error.report));
  if (error instanceof SyncError && (error.kind === 'network' || error.kind === 'throttled')) {
    const where = error.details.side === 'icloud' ? 'iCloud' : 'the platform';
    const why = error.kind === 'throttled' ? 'asked the app to slow down' : 'had a server problem or could not be reached';
    return new SyncError(error.kind, `Not every copy was deleted: ${where} ${why} just now.`, error.details);
  }
  return error;
}
