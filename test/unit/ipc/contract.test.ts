// The contract itself: channel lists agree, schemas accept what the app sends and refuse what it
// must not, and the derived TypeScript types (AppApi, ContractHandlers) have the intended shape.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { eventChannels, invokeChannels, ipcErrorKinds } from '../../../src/shared/ipc/channels';
import { contract, eventContract, type AppApi, type ContractHandlers, type DoctorReport } from '../../../src/shared/ipc/contract';
import { isAllowedExternalUrl } from '../../../src/shared/ipc/external-url';
import type { Settings } from '../../../src/shared/settings';
import type { StatusView } from '../../../src/shared/status';

describe('channel lists', () => {
  it('channels.ts and contract.ts list the same invoke channels, each named group.method', () => {
    expect(Object.keys(contract).sort()).toEqual([...invokeChannels].sort());
    for (const channel of invokeChannels) expect(channel).toMatch(/^[a-z]+\.[a-z][A-Za-z]+$/);
  });

  it('every event channel has a payload schema', () => {
    expect(Object.keys(eventContract).sort()).toEqual(Object.values(eventChannels).sort());
  });

  it('the renderer can see every sync error kind plus invalid and forbidden', () => {
    expect(ipcErrorKinds).toEqual(expect.arrayContaining(['auth', 'throttled', 'network', 'gone', 'conflict', 'item', 'guard', 'internal', 'invalid', 'forbidden']));
  });
});

describe('request schemas', () => {
  it('settings.set checks the value against that key', () => {
    const schema = contract['settings.set'].request;
    expect(schema.safeParse({ key: 'interval', value: 15 }).success).toBe(true);
    expect(schema.safeParse({ key: 'conflictPolicy', value: 'newest' }).success).toBe(true);
    expect(schema.safeParse({ key: 'conflictPolicy', value: 15 }).success).toBe(false);
    expect(schema.safeParse({ key: 'interval', value: 1441 }).success).toBe(false);
    expect(schema.safeParse({ key: 'launchAtLogin', value: 'true' }).success).toBe(false);
  });

  it('sync.preview takes proposed settings checked by their own rules, and no unknown key', () => {
    const schema = contract['sync.preview'].request;
    expect(schema.safeParse(undefined).success).toBe(true);
    expect(schema.safeParse({ settings: { futureDays: 200, freeEventsBlock: true } }).success).toBe(true);
    expect(schema.safeParse({ settings: { futureDays: 400 } }).success).toBe(false);
    expect(schema.safeParse({ settings: { pastDays: '7' } }).success).toBe(false);
    expect(schema.safeParse({ settings: { windowDays: 7 } }).success).toBe(false);
    expect(schema.safeParse({ links: { icloud: 'https://dav/work/', busy: [], platformCalendars: [] }, settings: {} }).success).toBe(true);
  });

  it('history.list bounds limit to 1–1000 and defaults it', () => {
    const schema = contract['history.list'].request;
    expect(schema.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(schema.safeParse({ limit: 1000 }).success).toBe(true);
    expect(schema.safeParse({ limit: 0 }).success).toBe(false);
    expect(schema.safeParse({ limit: 1001 }).success).toBe(false);
    expect(schema.safeParse({ limit: 1.5 }).success).toBe(false);
  });

  it('history.export takes a format and the same filters', () => {
    const schema = contract['history.export'].request;
    expect(schema.safeParse({ format: 'csv', outcome: 'failed', direction: 'to-icloud', text: 'Haircut' }).success).toBe(true);
    expect(schema.safeParse({ format: 'xml' }).success).toBe(false);
  });

  it('channels without a request accept nothing else', () => {
    expect(contract['status.get'].request.safeParse(undefined).success).toBe(true);
    expect(contract['status.get'].request.safeParse({}).success).toBe(false);
  });

  it('connectIcloud accepts http(s) CalDAV URLs only (http for a local test server)', () => {
    const schema = contract['accounts.connectIcloud'].request;
    expect(schema.safeParse({ appleId: 'me@icloud.com', password: 'abcd-efgh-ijkl-mnop' }).success).toBe(true);
    expect(schema.safeParse({ appleId: 'me', password: 'x', caldavUrl: 'http://127.0.0.1:5232/' }).success).toBe(true);
    expect(schema.safeParse({ appleId: 'me', password: 'x', caldavUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(schema.safeParse({ appleId: ' ', password: 'x' }).success).toBe(false);
  });
});

describe('app.openExternal is limited to Apple account and support pages', () => {
  it.each([
    ['https://account.apple.com', true],
    ['https://account.apple.com/account/manage/section/security', true],
    ['https://support.apple.com/en-us/102654', true],
    ['http://account.apple.com/', false],
    ['https://account.apple.com.evil.example/', false],
    ['https://account.apple.com@evil.example/', false],
    ['https://user:pw@support.apple.com/', false],
    ['https://support.apple.com:8443/', false],
    ['https://apple.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
    expect(contract['app.openExternal'].request.safeParse({ url }).success).toBe(allowed);
  });
});

describe('response schemas', () => {
  it('connectPlatform answers connected or a list of users to choose from', () => {
    const schema = contract['accounts.connectPlatform'].response;
    expect(schema.safeParse({ status: 'connected' }).success).toBe(true);
    expect(schema.safeParse({ status: 'choose-user', users: [{ id: 'u1', name: 'Ann', email: 'ann@x.com' }] }).success).toBe(true);
    expect(schema.safeParse({ status: 'choose-user' }).success).toBe(false);
  });

  it('a conflict carries both versions and what changed', () => {
    const version = { title: 'Cut', start: '2025-01-01T10:00:00Z', end: '2025-01-01T11:00:00Z', allDay: false };
    const conflict = { id: 'c', pair: 'p', title: 'Cut', detectedAt: '2025-01-01T09:00:00Z', icloud: version, platform: { ...version, title: 'Trim' }, changed: ['title'] };
    expect(contract['conflicts.list'].response.parse([conflict])).toEqual([conflict]);
    expect(contract['conflicts.list'].response.safeParse([{ ...conflict, icloud: undefined }]).success).toBe(false);
  });

  it('attention items have one of the two kinds', () => {
    const item = { id: 'a', pair: 'p', title: 'Cut', start: '2025-01-01T10:00:00Z', kind: 'icloud-mirror-deleted', detectedAt: 'x', message: 'm' };
    expect(contract['attention.list'].response.safeParse([item]).success).toBe(true);
    expect(contract['attention.list'].response.safeParse([{ ...item, kind: 'other' }]).success).toBe(false);
  });

  it('an appointment to cancel is described by id: its customer by name, or why the name is missing', () => {
    expect(contract['attention.describe'].request.safeParse({ id: 'appt:a1' }).success).toBe(true);
    expect(contract['attention.describe'].request.safeParse({ id: 'appt:a1', extra: 1 }).success).toBe(false);
    const described = { id: 'appt:a1', title: 'Cut', start: '2025-01-01T10:00:00Z', end: '2025-01-01T11:00:00Z' };
    expect(contract['attention.describe'].response.safeParse({ ...described, customerName: 'Grace Hopper' }).success).toBe(true);
    expect(contract['attention.describe'].response.safeParse({ ...described, customerMissing: 'missing-scope' }).success).toBe(true);
    expect(contract['attention.describe'].response.safeParse({ ...described, customerMissing: 'forgot' }).success).toBe(false);
    expect(contract['attention.describe'].response.safeParse({ ...described, end: undefined }).success).toBe(false);
  });

  it('a guard decision names a known guard kind and one of the two choices', () => {
    expect(contract['guard.decide'].request.safeParse({ kind: 'deletions', choice: 'keep' }).success).toBe(true);
    expect(contract['guard.decide'].request.safeParse({ kind: 'empty-side', choice: 'allow' }).success).toBe(true);
    expect(contract['guard.decide'].request.safeParse({ kind: 'deletions', choice: 'delete-everything' }).success).toBe(false);
    expect(contract['guard.decide'].request.safeParse({ kind: 'other', choice: 'keep' }).success).toBe(false);
    expect(contract['guard.decide'].request.safeParse({ kind: 'deletions', choice: 'keep', extra: 1 }).success).toBe(false);
    const item = { key: 'k', title: 'Cut', start: '2025-01-01T10:00:00Z', end: '2025-01-01T11:00:00Z', allDay: false, side: 'platform', since: 'x', guard: 'deletions' };
    expect(contract['unfollowed.list'].response.safeParse([item]).success).toBe(true);
    expect(contract['unfollowed.follow'].request.safeParse({ key: '' }).success).toBe(false);
  });
});

describe('doctor.run and diagnostics.save', () => {
  it('take no path from the page: the save dialog in main chooses it', () => {
    expect(contract['diagnostics.save'].request.parse({})).toEqual({ includeTitles: false });
    expect(contract['diagnostics.save'].request.safeParse({ includeTitles: true, path: '/etc/passwd' }).success).toBe(false);
    expect(contract['doctor.run'].request.safeParse({}).success).toBe(false);
  });

  it('answer the doctor lines, and saved-with-path or cancelled', () => {
    const report = { checks: [{ name: 'clock', status: 'warn', message: 'm', fix: 'f' }] };
    expect(contract['doctor.run'].response.parse(report)).toEqual(report);
    expect(contract['doctor.run'].response.safeParse({ checks: [{ name: 'clock', status: 'maybe', message: 'm' }] }).success).toBe(false);
    expect(contract['diagnostics.save'].response.parse({ saved: true, path: '/tmp/x.json' })).toEqual({ saved: true, path: '/tmp/x.json' });
    expect(contract['diagnostics.save'].response.safeParse({ saved: true }).success).toBe(false);
  });
});

describe('derived types', () => {
  it('AppApi mirrors the channels', () => {
    expectTypeOf<AppApi['status']['get']>().toEqualTypeOf<() => Promise<StatusView>>();
    expectTypeOf<AppApi['settings']['get']>().returns.resolves.toEqualTypeOf<Settings>();
    expectTypeOf<AppApi['settings']['set']>().parameter(0).toEqualTypeOf<{ [K in keyof Settings]: { key: K; value: Settings[K] } }[keyof Settings]>();
    expectTypeOf<AppApi['sync']['now']>().returns.resolves.toEqualTypeOf<{ started: boolean; coalesced: boolean }>();
    expectTypeOf<AppApi['history']['list']>().parameter(0).toHaveProperty('limit').toEqualTypeOf<number | undefined>();
    expectTypeOf<AppApi['conflicts']['resolve']>().parameter(0).toEqualTypeOf<{ ids: string[]; keep: 'icloud' | 'platform' }>();
    expectTypeOf<AppApi['on']['statusChanged']>().parameter(0).parameter(0).toEqualTypeOf<StatusView>();
    expectTypeOf<AppApi['on']['syncProgress']>().returns.toEqualTypeOf<() => void>();
    expectTypeOf<AppApi['doctor']['run']>().toEqualTypeOf<() => Promise<DoctorReport>>();
    expectTypeOf<AppApi['diagnostics']['save']>().parameter(0).toEqualTypeOf<{ includeTitles?: boolean }>();
    expectTypeOf<AppApi['diagnostics']['save']>().returns.resolves.toEqualTypeOf<{ saved: true; path: string } | { saved: false }>();
    expectTypeOf<keyof AppApi>().toEqualTypeOf<
      'status' | 'settings' | 'calendars' | 'links' | 'accounts' | 'locations' | 'copies' | 'sync' | 'history' | 'conflicts' | 'attention' | 'guard' | 'unfollowed' | 'run' | 'app' | 'doctor' | 'diagnostics' | 'on'
    >();
    expectTypeOf<AppApi['sync']['preview']>().returns.resolves.toHaveProperty('dryRun').toEqualTypeOf<true | undefined>();
    expectTypeOf<AppApi['accounts']['disconnect']>().parameter(0).toEqualTypeOf<{ side: 'icloud'; removeCopies?: boolean }>();
    expectTypeOf<AppApi['run']['undo']>().parameter(0).toEqualTypeOf<{ id: string; allowGuards?: boolean }>();
    expectTypeOf<AppApi['locations']['remove']>().parameter(0).toEqualTypeOf<{ locationId: string; removeCopies: boolean }>();
  });

  it('locations.remove and locations.removalPreview take one location id and the copies choice, nothing else', () => {
    for (const channel of ['locations.remove', 'locations.removalPreview'] as const) {
      const schema = contract[channel].request;
      expect(schema.safeParse({ locationId: 'loc-1', removeCopies: false }).success, channel).toBe(true);
      expect(schema.safeParse({ locationId: 'loc-1', removeCopies: true }).success, channel).toBe(true);
      expect(schema.safeParse({ locationId: '', removeCopies: false }).success, channel).toBe(false);
      expect(schema.safeParse({ locationId: 'loc-1' }).success, `${channel}: the choice is never implied`).toBe(false);
      expect(schema.safeParse({ locationId: 'loc-1', removeCopies: 'yes' }).success, channel).toBe(false);
      expect(schema.safeParse({ locationId: ['loc-1', 'loc-2'], removeCopies: false }).success, channel).toBe(false);
      expect(schema.safeParse({ locationId: 'loc-1', removeCopies: false, side: 'icloud' }).success, channel).toBe(false);
      expect(schema.safeParse(undefined).success, channel).toBe(false);
    }
  });

  it('run.undo and run.undoPreview take one run id (run.undo also the guard decision), nothing else', () => {
    expect(contract['run.undo'].request.safeParse({ id: 'run-1' }).success).toBe(true);
    expect(contract['run.undo'].request.safeParse({ id: 'run-1', allowGuards: true }).success).toBe(true);
    expect(contract['run.undo'].request.safeParse({ id: 'run-1', allowGuards: 'yes' }).success).toBe(false);
    expect(contract['run.undo'].request.safeParse({ id: '' }).success).toBe(false);
    expect(contract['run.undoPreview'].request.safeParse({ id: 'run-1', yes: true }).success).toBe(false);
  });

  it('ContractHandlers receive parsed requests (defaults applied)', () => {
    expectTypeOf<ContractHandlers['history.list']>().parameter(0).toHaveProperty('limit').toEqualTypeOf<number>();
    expectTypeOf<ContractHandlers['attention.restore']>().parameter(0).toEqualTypeOf<{ id: string }>();
  });
});
