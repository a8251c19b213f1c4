// Which failed location a run names, and which failure the scheduler waits on, when several failed:
// the one that needs the user (a rejected token, then a location's own iCloud calendar gone) is
// named before one that passes; the scheduler waits for one that passes rather than stopping.
import { describe, expect, it } from 'vitest';
import { SyncError, type ErrorKind } from '../../../src/main/errors';
import type { LocationRun } from '../../../src/main/sync/cycle-locations';
import { namedFailure, passingFailure } from '../../../src/main/sync/location-report';

const run = (locationId: string, kind: ErrorKind) =>
  ({ account: { locationId }, error: new SyncError(kind, `${kind} in ${locationId}`) }) as unknown as LocationRun;

describe('several locations failed', () => {
  it('names a rejected token first, then a gone calendar, then the first', () => {
    expect(namedFailure([run('a', 'throttled'), run('b', 'gone'), run('c', 'auth')]).account.locationId).toBe('c');
    expect(namedFailure([run('a', 'throttled'), run('b', 'gone'), run('c', 'network')]).account.locationId).toBe('b');
    expect(namedFailure([run('a', 'throttled'), run('b', 'network')]).account.locationId).toBe('a');
  });

  it('the scheduler waits on one that passes; with none, on a gone calendar before a rejected token', () => {
    expect(passingFailure([run('a', 'auth'), run('b', 'gone'), run('c', 'throttled')]).message).toBe('throttled in c');
    expect(passingFailure([run('a', 'auth'), run('b', 'gone')]).message).toBe('gone in b');
    expect(passingFailure([run('a', 'auth')]).message).toBe('auth in a');
  });
});
