// A changed account or linked calendar starts a new baseline. Shared by the accounts service (which
// saves it) and the preview of a calendar change (dry-run.ts, which applies it to a scratch copy), so
// the preview plans against exactly the state the change would leave.
import type { State } from './state-schema';

/**
 * What we knew of the old account or calendar is dropped (never read as a mass deletion), and the
 * next sync adopts what already exists.
 */
export function rebaseline(state: State, side: 'icloud' | 'platform'): void {
  state.pairs = {};
  state.intents = {};
  if (side === 'icloud') {
    state.cursors = {};
    state.objects = {};
  }
  state.windowDay = undefined;
}
