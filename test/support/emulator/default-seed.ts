// A small world for tests, the bench and `npm run emulator` without --seed: one location, three
// users, two contacts and one calendar of every type (so eligibility can be seen end to end).
import type { Seed } from './seed';

export const TEST_LOCATION = 'loc-emulator-1';
export const TEST_TOKEN = 'pit-emulator-token-1';
export const TEST_USER = 'user-ada';

export function defaultSeed(overrides: Partial<Pick<Seed, 'rateLimit'>> = {}): Seed {
  const team = [{ userId: TEST_USER }, { userId: 'user-grace' }];
  return {
    locations: [
      {
        id: TEST_LOCATION,
        name: 'Lovelace Studio',
        timezone: 'America/New_York',
        tokens: [TEST_TOKEN],
        users: [
          { id: TEST_USER, name: 'Ada Lovelace', email: 'ada@example.com' },
          { id: 'user-grace', name: 'Grace Hopper', email: 'grace@example.com' },
          { id: 'user-alan', name: 'Alan Turing', email: 'alan@example.com' },
        ],
        contacts: [
          { id: 'contact-1', name: 'Customer One' },
          { id: 'contact-2', name: 'Customer Two' },
        ],
        calendars: [
          { id: 'cal-rr', name: 'Sales round robin', calendarType: 'round_robin', teamMembers: team },
          { id: 'cal-coll', name: 'Team collective', calendarType: 'collective', teamMembers: team },
          { id: 'cal-class', name: 'Yoga class', calendarType: 'class_booking', teamMembers: [{ userId: TEST_USER }] },
          { id: 'cal-service', name: 'Haircut service', calendarType: 'service_booking', teamMembers: [{ userId: 'user-alan' }] },
          { id: 'cal-simple', name: 'Simple calendar', calendarType: 'event', teamMembers: [{ userId: TEST_USER }] },
          { id: 'cal-personal', name: "Ada's personal", calendarType: 'personal', teamMembers: [{ userId: TEST_USER }] },
        ],
      },
    ],
    rateLimit: overrides.rateLimit ?? { max: 100, intervalMs: 10_000, daily: 200_000 },
  };
}
