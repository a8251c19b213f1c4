// The location reader (S15): what is stored from each answer, when it is read again, and the words
// shown while the Mac's zone stands in.
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/main/errors';
import { blockZone, locationIsDue, locationNotice, readLocation, type LocationFacts } from '../../../src/main/platform/location';

const now = new Date('2031-03-10T12:00:00Z');
const refused = (status: number) => ({ getLocation: async () => { throw new SyncError('auth', 'refused', { side: 'platform', status }); } });

describe('readLocation', () => {
  it('stores the name and zone, and when they were read', async () => {
    const facts = await readLocation({ getLocation: async () => ({ id: 'loc-1', name: ' Lovelace Studio ', timezone: 'America/New_York' }) }, {}, now);
    expect(facts).toEqual({ locationName: 'Lovelace Studio', locationTimezone: 'America/New_York', locationCheckedAt: now.toISOString(), locationProblem: undefined });
    expect(blockZone(facts, 'UTC')).toBe('America/New_York');
    expect(locationNotice(facts, 'UTC')).toBeUndefined();
  });

  it('a 401 or 403 is the missing scope: the Mac\'s zone stands in, the name already known is kept, and the words say what to do', async () => {
    for (const status of [401, 403]) {
      const known: LocationFacts = { locationName: 'Lovelace Studio', locationTimezone: 'America/New_York', locationCheckedAt: '2031-03-01T00:00:00Z' };
      const facts = await readLocation(refused(status), known, now);
      expect(facts).toEqual({ locationName: 'Lovelace Studio', locationTimezone: undefined, locationCheckedAt: now.toISOString(), locationProblem: 'missing-scope' });
      expect(blockZone(facts, 'Europe/Berlin')).toBe('Europe/Berlin');
      expect(locationNotice(facts, 'Europe/Berlin')).toMatch(/Europe\/Berlin.*add the locations\.readonly scope to the Private Integration Token/);
    }
  });

  it('a network failure or a 5xx changes nothing, so the next cycle asks again', async () => {
    const known: LocationFacts = { locationName: 'Lovelace Studio', locationTimezone: 'America/New_York', locationCheckedAt: '2031-03-01T00:00:00Z' };
    const down = { getLocation: async () => { throw new SyncError('network', 'down', { side: 'platform', status: 502 }); } };
    expect(await readLocation(down, known, now)).toEqual(known);
    expect(locationIsDue(known, now)).toBe(true);
  });

  it('a zone the platform gives that is no IANA zone is not used, and the words say so', async () => {
    const facts = await readLocation({ getLocation: async () => ({ id: 'loc-1', name: 'X', timezone: 'Mars/Olympus_Mons' }) }, {}, now);
    expect(facts.locationTimezone).toBeUndefined();
    expect(facts.locationProblem).toBe('no-timezone');
    expect(locationNotice(facts, 'UTC')).toContain("this Mac's time zone (UTC)");
  });

  it('is read again only once a day has passed since the last definite answer', () => {
    expect(locationIsDue({}, now)).toBe(true);
    expect(locationIsDue({ locationCheckedAt: new Date(now.getTime() - 23 * 3_600_000).toISOString() }, now)).toBe(false);
    expect(locationIsDue({ locationCheckedAt: new Date(now.getTime() - 24 * 3_600_000).toISOString() }, now)).toBe(true);
  });
});
