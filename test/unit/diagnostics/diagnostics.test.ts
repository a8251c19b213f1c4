// The support file's redaction: stable placeholders within one file, the --include-titles opt-in,
// emails always replaced (plain and URL-encoded), and no secret even when one was quoted somewhere.
import { describe, expect, it } from 'vitest';
import { buildDiagnostics } from '../../../src/main/diagnostics/build-diagnostics';
import { Redactor, SECRET_PLACEHOLDER } from '../../../src/main/diagnostics/redactor';
import { emptyCounts, type RunReport } from '../../../src/shared/run-report';
import { initialState, type State } from '../../../src/main/store/state-schema';

const calendarUrl = 'https://p42-caldav.icloud.com/123/calendars/work/';
const password = 'abcd-efgh-ijkl-mnop';
const token = 'pit-4f1c2d3e-5a6b-7c8d-9e0f-a1b2c3d4e5f6';

function state(): State {
  const s = initialState();
  s.accounts.icloud = { appleId: 'Ann@Example.com', caldavUrl: 'https://caldav.icloud.com', homeUrl: 'https://p42-caldav.icloud.com/123/calendars/', connectedAt: '2030-01-01T00:00:00Z' };
  s.accounts.platforms['loc-1'] = { locationId: 'loc-1', userId: 'user-1', apiUrl: 'https://services.leadconnectorhq.com', timezone: 'America/Chicago', connectedAt: '2030-01-01T00:00:00Z', calendars: ['cal-1'] };
  s.links = { icloudCalendar: calendarUrl, busySources: ['http://127.0.0.1:5232/ann%40example.com/busy/'], names: { [calendarUrl]: 'Therapy clients', 'cal-1': 'Sales' } };
  return s;
}

function run(id: string, items: RunReport['items'], error?: RunReport['error']): RunReport {
  return { id, trigger: 'cli', startedAt: '2030-01-01T10:00:00Z', finishedAt: '2030-01-01T10:00:05Z', outcome: error ? 'failed' : 'ok', counts: emptyCounts(), requests: { icloud: 1, platform: 1 }, items, ...(error ? { error } : {}) };
}

const runs = [
  run('r2', [
    { op: 'update', side: 'icloud', pair: 'p1', title: 'Dr. Smith — root canal' },
    { op: 'create', side: 'platform', pair: 'p2', title: 'Lunch with Bob', reason: 'from "Lunch with Bob" in Therapy clients' },
  ]),
  run('r1', [{ op: 'create', side: 'icloud', pair: 'p1', title: 'Dr. Smith — root canal' }], { kind: 'auth', message: `rejected ${password} for ann@example.com` }),
];
const doctor = { checks: [{ name: 'sync-collection: Therapy clients', status: 'pass' as const, message: 'Signed in as ann@example.com.' }] };
const build = (includeTitles: boolean) =>
  buildDiagnostics({ state: state(), runs, doctor, includeTitles, knownSecrets: [token], now: new Date('2030-01-02T00:00:00Z'), versions: { app: '1.0.0', node: '20', os: { platform: 'darwin', release: '24', arch: 'arm64' } } });

describe('diagnostics file', () => {
  it('replaces titles with placeholders that are stable within the file', () => {
    const doc = build(false);
    const [newer, older] = doc.runs;
    expect(newer.items.map((i) => i.title)).toEqual(['title-1', 'title-2']);
    expect(older.items[0].title).toBe('title-1'); // the same event, the same placeholder
    expect(newer.items[1].reason).toBe('from "title-2" in calendar-1'); // a title quoted in a reason too
    expect(doc.links.icloudCalendar).toMatchObject({ name: 'calendar-1' });
    expect(doc.doctor.checks[0].name).toBe('sync-collection: calendar-1');
    const text = JSON.stringify(doc);
    for (const secretive of ['root canal', 'Bob', 'Therapy', 'Sales']) expect(text).not.toContain(secretive);
  });

  it('lists each location\'s own iCloud calendar (issue 15), its name a placeholder like the others', () => {
    const s = state();
    const clinic = 'https://p42-caldav.icloud.com/123/calendars/clinic/';
    s.accounts.platforms['loc-2'] = { ...s.accounts.platforms['loc-1']!, locationId: 'loc-2', icloudCalendar: clinic, connectedAt: '2030-01-02T00:00:00Z' };
    s.links.names[clinic] = 'Clinic appointments';
    const doc = buildDiagnostics({ state: s, runs: [], doctor, includeTitles: false, knownSecrets: [], now: new Date('2030-01-02T00:00:00Z'), versions: { app: '1.0.0', node: '20', os: { platform: 'darwin', release: '24', arch: 'arm64' } } });
    expect(doc.links.locationCalendars).toEqual({ 'loc-2': { id: clinic, name: expect.stringMatching(/^calendar-\d+$/) } });
    expect(JSON.stringify(doc)).not.toContain('Clinic appointments');
  });

  it('replaces emails always, plain and URL-encoded, the same address the same placeholder', () => {
    for (const includeTitles of [false, true]) {
      const doc = build(includeTitles);
      const text = JSON.stringify(doc);
      expect(text).not.toMatch(/ann(@|%40)example\.com/i);
      expect(doc.accounts.icloud?.appleId).toBe('email-1');
      expect(doc.links.busySources[0].id).toBe('http://127.0.0.1:5232/email-1/busy/');
      expect(doc.doctor.checks[0].message).toBe('Signed in as email-1.');
    }
  });

  it('carries the undo records redacted like the runs: titles, notes, addresses and whole iCloud files', () => {
    const undo = [{
      runId: 'r2', recordedAt: '2030-01-01T10:00:05Z', entries: [
        { side: 'icloud' as const, action: 'updated' as const, key: 'p1', title: 'Dr. Smith — root canal', start: '2030-01-03T10:00:00Z', end: '2030-01-03T11:00:00Z', allDay: false, href: `${calendarUrl}p1.ics`, calendarUrl, etag: '"2"', previousIcs: 'BEGIN:VCALENDAR\r\nSUMMARY:Dr. Smith — root canal\r\nATTENDEE:mailto:ann@example.com\r\nEND:VCALENDAR' },
        { side: 'platform' as const, action: 'updated' as const, kind: 'appointment' as const, key: 'p2', title: 'Lunch with Bob', start: '2030-01-03T12:00:00Z', end: '2030-01-03T13:00:00Z', allDay: false, platformId: 'a-1', previous: { title: 'Lunch with Bob', startTime: '2030-01-03T12:00:00Z', endTime: '2030-01-03T13:00:00Z', notes: 'Bring the contract', address: '1 Main St' } },
      ],
    }];
    const base = { state: state(), runs, doctor, knownSecrets: [token], now: new Date('2030-01-02T00:00:00Z'), versions: { app: '1.0.0', node: '20', os: { platform: 'darwin' as const, release: '24', arch: 'arm64' } } };
    const hidden = buildDiagnostics({ ...base, undo, includeTitles: false });
    const [icloud, platform] = hidden.undo[0].entries;
    expect(icloud.title).toBe('title-1'); // the same placeholder as the run's item
    expect(icloud.side === 'icloud' && icloud.previousIcs).toMatch(/^note-\d+$/);
    expect(platform.side === 'platform' && platform.previous).toMatchObject({ title: 'title-2', notes: expect.stringMatching(/^note-/), address: 'address-1' });
    const text = JSON.stringify(hidden);
    for (const secretive of ['root canal', 'Bob', 'contract', 'Main St', 'ann@example.com']) expect(text).not.toContain(secretive);
    const shown = JSON.stringify(buildDiagnostics({ ...base, undo, includeTitles: true }));
    expect(shown).toContain('SUMMARY:Dr. Smith — root canal');
    expect(shown).not.toContain('ann@example.com'); // emails always go
  });

  it('keeps titles, notes and calendar names with --include-titles', () => {
    const doc = build(true);
    expect(doc.runs[0].items.map((i) => i.title)).toEqual(['Dr. Smith — root canal', 'Lunch with Bob']);
    expect(doc.links.icloudCalendar).toMatchObject({ name: 'Therapy clients' });
    expect(doc.redaction.titles).toMatch(/included/);
  });

  it('never carries a secret, even one quoted in an error message', () => {
    for (const includeTitles of [false, true]) {
      const doc = build(includeTitles);
      const text = JSON.stringify(doc);
      expect(text).not.toContain(password);
      expect(doc.runs[1].error?.message).toBe(`rejected ${SECRET_PLACEHOLDER} for email-1`);
    }
    const redactor = new Redactor({ includeTitles: true, secrets: [token] });
    expect(redactor.scrub({ note: `token ${token} here` })).toEqual({ note: `token ${SECRET_PLACEHOLDER} here` });
  });

  it('writes the home folder as ~ (paths in the doctor lines carry the user name)', () => {
    const redactor = new Redactor({ includeTitles: false, homeDir: '/Users/ann' });
    expect(redactor.scrub({ message: '/Users/ann/Library/Application Support/iCloud Sync Companion is private.' })).toEqual({
      message: '~/Library/Application Support/iCloud Sync Companion is private.',
    });
  });

  it('counts pairs by status and carries versions, settings and the doctor', () => {
    const doc = build(false);
    expect(doc.counts.pairs).toEqual({ total: 0, synced: 0, conflict: 0, detached: 0, pending: 0 });
    expect(doc.versions.app).toBe('1.0.0');
    expect(doc.settings.interval).toBe(5);
    expect(doc.doctor.checks).toHaveLength(1);
  });
});
