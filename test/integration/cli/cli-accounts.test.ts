// cli.md's `connect`, `calendars`, `link` and `disconnect` against a real CalDAV server (Radicale)
// and the platform emulator, driven as a separate process exactly as a script would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../support/emulator';
import { TEST_LOCATION, TEST_TOKEN, TEST_USER, defaultSeed } from '../../support/emulator/default-seed';
import { startRadicale, type RadicaleServer } from '../../support/radicale';
import { requireBinaries } from '../../support/requires';
import { runCliProcess } from '../../support/run-cli';
import { makeTempDir } from '../../support/temp-dir';

const available = requireBinaries('CLI accounts (Radicale)', 'radicale');
const appleId = 'alice@example.com';
const password = 'abcd-efgh-ijkl-mnop';

describe.skipIf(!available)('icloud-sync connect / calendars / link / disconnect', () => {
  let radicale: RadicaleServer;
  let emulator: RunningEmulator;
  let dir: string;
  let cleanup: () => Promise<void>;
  const env = () => ({ ICLOUD_SYNC_APP_PASSWORD: password, ICLOUD_SYNC_PLATFORM_TOKEN: TEST_TOKEN });
  const cli = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runCliProcess(['--data-dir', dir, ...args], { env: { ...env(), ...extraEnv } });

  beforeAll(async () => {
    radicale = await startRadicale({
      users: { [appleId]: password },
      seed: [
        { user: appleId, name: 'work', displayName: 'Work' },
        { user: appleId, name: 'readonly-team', displayName: 'Team (read-only)' },
      ],
    });
    emulator = await startEmulator({ seed: defaultSeed(), port: 0 });
    ({ dir, cleanup } = await makeTempDir());
  });
  afterAll(async () => {
    await radicale?.stop();
    await emulator?.stop();
    await cleanup?.();
  });

  it('rejects a password that is not app-specific before sending it (exit 2, says what to make)', async () => {
    const run = await cli(['connect', 'icloud', '--apple-id', appleId, '--caldav-url', radicale.url], { ICLOUD_SYNC_APP_PASSWORD: 'hunter2' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/app-specific password/);
    expect(run.stderr).toMatch(/account\.apple\.com/);
  });

  it('a rejected app-specific password exits 3 and says it may have been revoked', async () => {
    const run = await cli(['connect', 'icloud', '--apple-id', appleId, '--caldav-url', radicale.url], { ICLOUD_SYNC_APP_PASSWORD: 'zzzz-zzzz-zzzz-zzzz' });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/rejected.*revoked/s);
  });

  it('connects iCloud and lists its calendars', async () => {
    const run = await cli(['--json', 'connect', 'icloud', '--apple-id', appleId, '--caldav-url', radicale.url]);
    expect(run.code).toBe(0);
    const result = run.json<{ connected: string; calendars: { name: string }[] }>();
    expect(result.connected).toBe('icloud');
    expect(result.calendars.map((c) => c.name).sort()).toEqual(['Team (read-only)', 'Work']);
    expect(run.stdout).not.toContain(password);
  });

  it('connect platform without --user-id lists the users and exits 2; with it, connects', async () => {
    const list = await cli(['--json', 'connect', 'platform', '--location-id', TEST_LOCATION, '--api-url', emulator.url]);
    expect(list.code).toBe(2);
    expect(list.json<{ users: { id: string }[] }>().users.map((u) => u.id)).toContain(TEST_USER);
    const wrong = await cli(['connect', 'platform', '--location-id', TEST_LOCATION, '--api-url', emulator.url], { ICLOUD_SYNC_PLATFORM_TOKEN: 'not-a-token' });
    expect(wrong.code).toBe(3);
    const ok = await cli(['connect', 'platform', '--location-id', TEST_LOCATION, '--api-url', emulator.url, '--user-id', TEST_USER]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Ada Lovelace/);
  });

  it('calendars lists both sides with eligibility and reasons in words', async () => {
    const run = await cli(['--json', 'calendars']);
    expect(run.code).toBe(0);
    const entries = run.json<{ side: string; id: string; name: string; type: string; eligible: boolean; reason?: string }[]>();
    for (const entry of entries) expect(Object.keys(entry)).toEqual(expect.arrayContaining(['side', 'id', 'name', 'type', 'eligible']));
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(byName.get('Work')).toMatchObject({ side: 'icloud', eligible: true });
    expect(byName.get('Team (read-only)')).toMatchObject({ side: 'icloud', eligible: false, reason: 'read-only calendar' });
    expect(byName.get('Simple calendar')).toMatchObject({ side: 'platform', type: 'event', eligible: false, reason: 'Simple calendar' });
    expect(byName.get("Ada's personal")).toMatchObject({ side: 'platform', type: 'personal', eligible: false, reason: 'personal calendar' });
    expect(byName.get('Sales round robin')).toMatchObject({ side: 'platform', type: 'round_robin', eligible: true });
  });

  it('link refuses a read-only linked calendar with its reason, and accepts it as a busy source', async () => {
    const work = radicale.calendarUrl(appleId, 'work');
    const readonly = radicale.calendarUrl(appleId, 'readonly-team');
    const refused = await cli(['link', '--icloud', readonly]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/read-only calendar/);
    const linked = await cli(['--json', 'link', '--icloud', work, '--busy', readonly]);
    expect(linked.code).toBe(0);
    const links = linked.json<{ icloud: string; busy: string[]; platformCalendars: string[] }>();
    expect(links).toMatchObject({ icloud: work, busy: [readonly] });
    // Default: every supported calendar the user is a member of (not the Simple or personal ones).
    expect(links.platformCalendars.sort()).toEqual(['cal-class', 'cal-coll', 'cal-rr']);
    const status = (await cli(['--json', 'status'])).json<{ icloud: { connected: boolean; linkedCalendar: { name: string } }; platform: { connected: boolean } }>();
    expect(status.icloud.connected && status.platform.connected).toBe(true);
    expect(status.icloud.linkedCalendar.name).toBe('Work');
  });

  it('disconnect removes the account from the state', async () => {
    expect((await cli(['disconnect', 'platform'])).code).toBe(0);
    const status = (await cli(['--json', 'status'])).json<{ platform: { connected: boolean } }>();
    expect(status.platform.connected).toBe(false);
  });
});
