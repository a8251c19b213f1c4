// Reads the user's appointments and blocked slots in the window (the platform has no delta feed),
// then looks up, one by one, paired appointments that are missing from it: a 404 is "gone", an
// appointment that only moved out of the window is not.
import { SyncError } from '../errors';
import { isAppointment } from '../platform/schemas';
import type { State } from '../store/state-schema';
import { checkNotEmpty } from './guards';
import type { PlatformWindow } from './plan-input';
import type { PlatformPort } from './ports';
import { endedBefore, whollyInside } from './rules';

export async function gatherPlatform(
  platform: PlatformPort,
  state: State,
  options: { userId: string; window: { start: Date; end: Date }; allowEmpty: boolean },
): Promise<PlatformWindow> {
  const query = { userId: options.userId, startTime: options.window.start, endTime: options.window.end };
  const appointments = await platform.listAppointments(query);
  const blocks = await platform.listBlockedSlots(query);
  // Whether /calendars/events also returns blocked slots is undocumented: de-duplicate by id.
  const events = [...new Map([...appointments, ...blocks].map((e) => [e.id, e])).values()];
  const pairs = Object.values(state.pairs).filter((p) => p.platformId && p.status !== 'detached');
  if (!options.allowEmpty) {
    // Each listing on its own: one endpoint answering [] while the other works is still an outage.
    const expected = (kind: 'appointment' | 'block') => pairs.filter((p) => p.platformKind === kind && whollyInside(p, options.window));
    checkNotEmpty('platform', 'the sync window (appointments)', appointments.length, expected('appointment'));
    const blocksListed = events.filter((e) => !isAppointment(e)).length;
    checkNotEmpty('platform', 'the sync window (blocked slots)', blocksListed, expected('block'));
  }
  const listed = new Set(events.map((e) => e.id));
  const lookups: PlatformWindow['lookups'] = {};
  for (const pair of pairs) {
    if (pair.platformKind !== 'appointment' || listed.has(pair.platformId!) || endedBefore(pair, options.window)) continue;
    try {
      lookups[pair.platformId!] = await platform.getEvent(pair.platformId!);
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'gone') lookups[pair.platformId!] = null;
      // One appointment the platform will not show us (400/422, a malformed answer) must not stop
      // every cycle: its side stays unknown this time. Outages and credentials still stop the cycle.
      else if (!(error instanceof SyncError && (error.kind === 'item' || error.kind === 'internal'))) throw error;
    }
  }
  return { events, lookups };
}
