// The words the window and the CLI share (src/shared/words.ts) and the network errors in words
// (src/main/errors.ts): what a run did, plurals, local times, the server named, the side marked.
import { describe, expect, it } from 'vitest';
import { toSyncError } from '../../src/main/errors';
import { buildStatus } from '../../src/main/sync/status';
import { initialState } from '../../src/main/store/state-schema';
import { emptyCounts, type RunReport } from '../../src/shared/run-report';
import { locationLabel, locationPhrase, platformCalendarProblem, plural, runSummary } from '../../src/shared/words';

function report(patch: Partial<RunReport>): RunReport {
  return { id: 'r', trigger: 'manual', startedAt: '2030-01-01T10:00:00Z', finishedAt: '2030-01-01T10:00:02Z', outcome: 'ok', counts: emptyCounts(), requests: { icloud: 1, platform: 1 }, items: [], ...patch };
}

describe('runSummary: says what actually happened', () => {
  it('ok with nothing to do, and ok with changes', () => {
    expect(runSummary(report({}))).toBe('Nothing needed changing.');
    const counts = emptyCounts();
    counts.icloud.created = 1;
    counts.platform.updated = 2;
    expect(runSummary(report({ counts }))).toBe('1 event to iCloud, 2 changes to the platform.');
  });

  it('failed: why, never "Nothing needed changing"', () => {
    const text = runSummary(report({ outcome: 'failed', error: { kind: 'network', message: 'iCloud (caldav.icloud.com) could not be reached.' } }));
    expect(text).toBe('Stopped: iCloud (caldav.icloud.com) could not be reached.');
    expect(text).not.toMatch(/Nothing needed changing/);
  });

  it('partial: what was skipped or left open', () => {
    const counts = emptyCounts();
    counts.errors = 1;
    counts.conflicts = 2;
    expect(runSummary(report({ outcome: 'partial', counts }))).toBe('No changes made; 1 event could not be synced, 2 conflicts waiting for you.');
  });

  it('guarded: stopped before changing anything, with what the guard found', () => {
    const guard = { kind: 'deletions' as const, detectedAt: 'x', message: 'm', items: [{ key: 'k', title: 'A', start: 's', end: 'e', allDay: false, side: 'platform' as const }] };
    expect(runSummary(report({ outcome: 'guarded', guard }))).toBe('Stopped for safety before changing anything: 1 event would be deleted from the platform.');
  });
});

describe('plurals, calendars, locations', () => {
  it('plural', () => {
    expect([plural(1, 'conflict'), plural(2, 'conflict'), plural(0, 'entry', 'entries')]).toEqual(['1 conflict', '2 conflicts', '0 entries']);
  });

  it('a Simple calendar called "Simple calendar" is not described as "Simple calendar" again; not-yours cannot be chosen', () => {
    expect(platformCalendarProblem({ type: 'event', eligible: false, reason: 'Simple calendar' })).toBe('Simple calendars can’t be synced');
    expect(platformCalendarProblem({ type: 'round_robin', eligible: true, mine: false })).toMatch(/not on this calendar’s team/);
    expect(platformCalendarProblem({ type: 'round_robin', eligible: true, mine: true })).toBeUndefined();
  });

  it('the location by its name when known', () => {
    expect(locationLabel({ locationId: 'abc' })).toBe('abc'); // beside its "Location" label
    expect(locationPhrase({ locationId: 'abc' })).toBe('Location abc');
    expect(locationLabel({ locationId: 'abc', locationName: 'Salon Nord' })).toBe('Salon Nord');
    expect(locationPhrase({ locationId: 'abc', locationName: 'Salon Nord' })).toBe('Salon Nord');
  });
});

describe('network errors name the side and the server and say what to do', () => {
  it('ECONNREFUSED is a sentence, not a code', () => {
    const error = toSyncError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5232'), { code: 'ECONNREFUSED' }), 'icloud', 'caldav.icloud.com');
    expect(error.kind).toBe('network');
    expect(error.message).toBe('iCloud (caldav.icloud.com) could not be reached: the connection was refused (nothing is answering there). Check the Mac’s internet connection; the app tries again at the next sync.');
    expect(error.details.side).toBe('icloud');
    expect(toSyncError(Object.assign(new Error('x'), { name: 'TimeoutError' }), 'platform', 'services.example').message).toMatch(/^The platform \(services.example\) did not answer in time\./);
  });

  it('an iCloud-only outage marks iCloud in error, not the platform', () => {
    const state = initialState();
    state.accounts = {
      icloud: { appleId: 'a@b.c', caldavUrl: 'https://caldav.icloud.com', connectedAt: 'x' },
      platforms: { l: { locationId: 'l', userId: 'u', apiUrl: 'https://p', connectedAt: 'x', calendars: null } },
    };
    const failed = report({ outcome: 'failed', error: { kind: 'network', message: 'iCloud could not be reached.', side: 'icloud' } });
    const status = buildStatus(state, failed, { running: false }, []);
    expect(status.icloud.health).toBe('error');
    expect(status.platform.health).toBe('ok');
    const unknownSide = buildStatus(state, report({ outcome: 'failed', error: { kind: 'internal', message: 'x' } }), { running: false }, []);
    expect([unknownSide.icloud.health, unknownSide.platform.health]).toEqual(['error', 'error']);
  });
});
