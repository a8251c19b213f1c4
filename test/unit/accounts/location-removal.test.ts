// What removing a location says before and after (location-removal.ts, shared/location-removal.ts):
// the slots it releases in each other location, counted from the state alone; whether it is the
// last; and a removal that stopped, naming what was not deleted and why.
import { describe, expect, it } from 'vitest';
import { removalFacts, removalFailureMessage } from '../../../src/main/accounts/location-removal';
import { initialState, type PlatformAccount, type State } from '../../../src/main/store/state-schema';
import type { PairRecord } from '../../../src/main/sync/pair';
import { releasedSentence } from '../../../src/shared/location-removal';
import { emptyCounts, type RunReport } from '../../../src/shared/run-report';

function account(locationId: string, connectedAt: string, locationName?: string): PlatformAccount {
  return { locationId, userId: 'ada', userName: 'Ada', apiUrl: 'http://127.0.0.1', connectedAt, calendars: null, ...(locationName ? { locationName } : {}) };
}

function cross(appointment: string, from: string, target: string, platformId?: string): PairRecord {
  return {
    key: `xloc:${appointment}|${target}`, owner: 'platform', status: 'synced', title: 'Busy', start: '2031-01-01T10:00:00Z', end: '2031-01-01T11:00:00Z', allDay: false,
    platformKind: 'block', locationId: target, crossFrom: { location: from, appointment }, hashes: {}, updatedAt: '2031-01-01T00:00:00Z', ...(platformId ? { platformId } : {}),
  };
}

function threeLocations(): State {
  const state = initialState();
  state.accounts.platforms = { a: account('a', '2031-01-01', 'Lovelace Studio'), b: account('b', '2031-01-02', 'Hopper Clinic'), c: account('c', '2031-01-03') };
  const pairs = [cross('b1', 'b', 'a', 's1'), cross('b2', 'b', 'a', 's2'), cross('b1', 'b', 'c', 's3'), cross('b3', 'b', 'a'), cross('a1', 'a', 'b', 's4')];
  state.pairs = Object.fromEntries(pairs.map((pair) => [pair.key, pair]));
  return state;
}

describe('removalFacts', () => {
  it('counts, per other location, the slots made there for the appointments of the one removed (made ones only)', () => {
    expect(removalFacts(threeLocations(), 'b')).toEqual({
      name: 'Hopper Clinic',
      last: false,
      releasedElsewhere: [{ locationId: 'a', name: 'Lovelace Studio', count: 2 }, { locationId: 'c', name: 'c', count: 1 }],
    });
    expect(removalFacts(threeLocations(), 'c').releasedElsewhere).toEqual([]);
  });

  it('the last location says so; one not connected is refused, naming those that are', () => {
    const one = initialState();
    one.accounts.platforms = { a: account('a', '2031-01-01', 'Lovelace Studio') };
    expect(removalFacts(one, 'a')).toEqual({ name: 'Lovelace Studio', last: true, releasedElsewhere: [] });
    expect(() => removalFacts(one, 'z')).toThrow('Location z is not connected. Connected: a (Lovelace Studio).');
  });
});

describe('the words', () => {
  it('releasedSentence names each location and its count, and is empty when nothing goes', () => {
    expect(releasedSentence([])).toBe('');
    expect(releasedSentence([{ locationId: 'a', name: 'Lovelace Studio', count: 1 }])).toBe('The next sync deletes 1 blocked slot in Lovelace Studio that this app made for its appointments.');
    expect(releasedSentence([{ locationId: 'a', name: 'Lovelace Studio', count: 12 }, { locationId: 'c', name: 'Downtown', count: 3 }])).toBe(
      'The next sync deletes 12 blocked slots in Lovelace Studio and 3 blocked slots in Downtown that this app made for its appointments.',
    );
  });

  it('removalFailureMessage names what was not deleted (at most three by title) and how many were', () => {
    const report = (failed: string[], deleted: number): RunReport => {
      const counts = emptyCounts();
      counts.icloud.deleted = deleted;
      counts.errors = failed.length;
      return {
        id: 'r', trigger: 'manual', startedAt: '2031-01-01T00:00:00Z', finishedAt: '2031-01-01T00:00:01Z', outcome: 'partial', counts, requests: { icloud: 0, platform: 0 },
        items: failed.map((title) => ({ op: 'delete' as const, side: 'icloud' as const, pair: title, title, error: 'The event changed in iCloud while deleting it.' })),
      };
    };
    expect(removalFailureMessage(report(['Consult'], 14))).toBe('“Consult” was not deleted: the event changed in iCloud while deleting it. 14 other copies were deleted.');
    expect(removalFailureMessage(report(['A', 'B', 'C', 'D', 'E'], 1))).toBe('“A”, “B”, “C” and 2 more were not deleted: the event changed in iCloud while deleting it. 1 other copy was deleted.');
    expect(removalFailureMessage(report(['Consult'], 0))).toBe('“Consult” was not deleted: the event changed in iCloud while deleting it.');
  });
});
