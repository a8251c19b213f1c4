// The user's decisions outside a cycle (resolve, restore, cancel, remove copies) with several
// platform locations: each pair's operation goes to the side and context of the location it is in.
import { own } from '../../shared/own';
import { locationOf, platformAccounts } from '../store/locations';
import type { State } from '../store/state-schema';
import type { CycleSides } from './cycle-locations';
import type { Lane } from './execute-lanes';
import type { Operation } from './operations';
import { locationContext, sharedContext } from './sync-context';
import { macZone } from './zoned-midnight';

export function decisionLanes(state: State, sides: CycleSides, now: Date, localZone: string = macZone()) {
  const shared = sharedContext(state, now, localZone);
  const all: Record<string, Lane> = {};
  for (const [index, account] of platformAccounts(state).entries()) {
    const platform = sides.locations?.[account.locationId]?.platform ?? (index === 0 ? sides.platform : undefined);
    // A location whose calendars are to be chosen again still has its pairs decided (its side is known).
    if (platform) all[account.locationId] = { platform, context: locationContext(shared, { ...account, calendars: account.calendars ?? [] }, localZone) };
  }
  const locationOfKey = (key: string) => {
    const pair = own(state.pairs, key);
    return pair ? locationOf(pair, state.accounts) : undefined;
  };
  return {
    all,
    /** The lane of the location a pair is in (the first location's when it names none). */
    of(key: string): Lane {
      const id = locationOfKey(key);
      return (id !== undefined ? all[id] : undefined) ?? { platform: sides.platform, context: Object.values(all)[0]!.context };
    },
    /** An operation on a pair, marked with the pair's location. */
    stamp(op: Operation): Operation {
      const id = op.location ?? ('pair' in op ? locationOf(op.pair, state.accounts) : undefined);
      return id !== undefined ? { ...op, location: id } : op;
    },
  };
}
