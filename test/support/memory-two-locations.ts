// Two platform locations (loc-1, loc-2) and one iCloud calendar over the memory sides, connected and
// linked in a state file in `dir`, with the real cycle to run on them: the set-up the multi-location
// cycle tests share.
import { IcsCodec } from '../../src/main/icloud';
import { RequestCounter } from '../../src/main/request-counter';
import { HistoryStore } from '../../src/main/store/history-store';
import type { State } from '../../src/main/store/state-schema';
import { StateStore } from '../../src/main/store/state-store';
import { runCycle } from '../../src/main/sync/cycle';
import { MEMORY_CALENDAR, MEMORY_PLATFORM_CALENDAR, MEMORY_USER, MemoryIcloud, MemoryPlatform } from './memory-sides';

export interface TwoLocationOptions {
  now: () => Date;
  /** Each location's id prefix for what it books (the same one gives both the same ids). */
  prefixes?: [string, string];
  /** More to set in the state before the first cycle (settings, say). */
  state?: (state: State) => void;
}

export async function memoryTwoLocations(dir: string, { now, prefixes = ['a', 'b'], state: more }: TwoLocationOptions) {
  const icloud = new MemoryIcloud();
  const one = new MemoryPlatform({ locationId: 'loc-1', now, idPrefix: prefixes[0] });
  const two = new MemoryPlatform({ locationId: 'loc-2', now, idPrefix: prefixes[1] });
  const store = new StateStore(dir);
  await store.update((state) => {
    const at = now().toISOString();
    const account = (locationId: string) => ({
      locationId, userId: MEMORY_USER, apiUrl: 'mem://platform', locationTimezone: 'UTC', locationCheckedAt: at, connectedAt: at, calendars: [MEMORY_PLATFORM_CALENDAR],
    });
    state.accounts.icloud = { appleId: 'alice@example.com', caldavUrl: 'mem://icloud/', connectedAt: at };
    state.accounts.platforms = { 'loc-1': account('loc-1'), 'loc-2': { ...account('loc-2'), pairSuffix: '|loc-2' } };
    state.links = { icloudCalendar: MEMORY_CALENDAR, busySources: [], names: {} };
    more?.(state);
  });
  const deps = {
    store, history: new HistoryStore(dir, { maxRuns: 50, maxAgeDays: 90 }), codec: new IcsCodec(), counter: new RequestCounter(), now, localZone: 'UTC',
    sides: async () => ({ icloud, platform: one, locations: { 'loc-1': { platform: one }, 'loc-2': { platform: two } } }),
  };
  return { icloud, one, two, store, sync: () => runCycle(deps, { trigger: 'manual' }) };
}
