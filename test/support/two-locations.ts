// A second platform location (sub-account) for the sync world (issue 15): the default seed's
// location A plus location B with its own token, calendar and contact, the same person a user of
// both. `connectSecondLocation` connects B as `connect platform --location-id` would, with both
// tokens given through ICLOUD_SYNC_PLATFORM_TOKENS (the keychain is never touched).
import { defaultSeed, type Seed } from './emulator';
import { TEST_LOCATION, TEST_TOKEN, TEST_USER } from './emulator/default-seed';
import type { SyncWorld } from './sync-world';

export const LOCATION_B = 'loc-emulator-2';
export const TOKEN_B = 'pit-emulator-token-2';
export const CALENDAR_B = 'cal-b-consults';

export function twoLocationSeed(rateLimit = { max: 100_000, intervalMs: 10_000, daily: 10_000_000 }): Seed {
  const seed = defaultSeed({ rateLimit });
  seed.locations.push({
    id: LOCATION_B,
    name: 'Hopper Clinic',
    timezone: 'America/New_York',
    tokens: [TOKEN_B],
    users: [{ id: TEST_USER, name: 'Ada Lovelace', email: 'ada@example.com' }],
    contacts: [{ id: 'contact-b1', name: 'Customer B' }],
    calendars: [{ id: CALENDAR_B, name: 'Clinic consults', calendarType: 'round_robin', teamMembers: [{ userId: TEST_USER }] }],
  });
  return seed;
}

export async function connectSecondLocation(world: SyncWorld): Promise<void> {
  world.env.ICLOUD_SYNC_PLATFORM_TOKENS = JSON.stringify({ [TEST_LOCATION]: TEST_TOKEN, [LOCATION_B]: TOKEN_B });
  const connected = await world.services.accounts.connectPlatform({ locationId: LOCATION_B, token: TOKEN_B, apiUrl: world.platformUrl(LOCATION_B), userId: TEST_USER });
  if (connected.status !== 'connected') throw new Error('the second location could not be connected');
}

/** An appointment booked in location B (the emulator's store, as a booking there would make it). */
export function bookInB(world: SyncWorld, id: string, title: string, start: string, end: string) {
  return world.emulator.state.insert({
    id, kind: 'appointment', locationId: LOCATION_B, calendarId: CALENDAR_B, contactId: 'contact-b1', assignedUserId: TEST_USER, users: [],
    title, appointmentStatus: 'confirmed', startMs: Date.parse(start), endMs: Date.parse(end),
  });
}
