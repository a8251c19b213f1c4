// DESIGN §4: secrets never reach the renderer, the store, logs, reports or exports. After a full
// end-to-end run against Radicale and the platform emulator — connect (services and CLI, secrets
// from stdin), sync both ways, a conflict held and resolved, a run with a rejected token, history
// exported as CSV and JSON, a run undone (undo.json holds contents), the doctor and the diagnostics file (with and without titles, undo records included) — none of the test secrets appears, in any usual encoding, in the data
// directories, anything printed, the history, the exports, or any answer the window would get.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/main/cli/run-cli';
import type { SecretStore } from '../../src/main/secrets/secret-store';
import { defaultSeed } from '../support/emulator';
import { radicaleSkipReason } from '../support/radicale';
import { hoursFromNow, startSyncWorld, WORLD_APP_PASSWORD, WORLD_APPLE_ID, type SyncWorld } from '../support/sync-world';
import { makeTempDir } from '../support/temp-dir';

const skip = Boolean(radicaleSkipReason());

// Distinctive values, so a hit cannot be a coincidence.
const PLATFORM_TOKEN = 'pit-LEAKCANARY-5b1e8f2a-token';
const WRONG_TOKEN = 'pit-WRONGCANARY-0c4d9e71-token';
const WRONG_PASSWORD = 'zzyx-wqvu-tsrq-ponm';
// A secret typed into a server URL as user info (`http://user:SECRET@host/`).
const URL_SECRET = 'URLCANARY-7d3a91c4-secret';

/** A secret as it could leak: raw, URL-encoded, base64 (alone and as HTTP Basic credentials), hex, without dashes. */
function forms(secret: string, user?: string): string[] {
  const list = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex'), secret.replace(/-/g, '')];
  if (user) list.push(Buffer.from(`${user}:${secret}`).toString('base64'));
  return [...new Set(list)];
}
const needles = [...forms(WORLD_APP_PASSWORD, WORLD_APPLE_ID), ...forms(PLATFORM_TOKEN), ...forms(WRONG_TOKEN), ...forms(WRONG_PASSWORD, WORLD_APPLE_ID), ...forms(URL_SECRET, 'user')];

/** A keychain in memory (the CLI stores what it verified there); tracked so the test can show it was used. */
function memoryKeychain(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (kind, account) => values.get(`${kind}/${account}`),
    set: async (kind, account, secret) => void values.set(`${kind}/${account}`, secret),
    delete: async (kind, account) => void values.delete(`${kind}/${account}`),
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.skipIf(skip)('no secret leaks after a full run', () => {
  let world: SyncWorld;
  let cliDir: { dir: string; cleanup: () => Promise<void> };
  /** Everything that could carry a secret, by where it came from. */
  const haystacks: Array<{ where: string; text: string }> = [];
  const printed: string[] = [];
  const keychain = memoryKeychain();

  beforeAll(async () => {
    // Everything the process prints while the scenario runs (the app logs through console).
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[method].bind(console);
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message}\n${a.stack}` : JSON.stringify(a))).join(' '));
        original(...args);
      });
    }
    const seed = defaultSeed({ rateLimit: { max: 100_000, intervalMs: 10_000, daily: 10_000_000 } });
    seed.locations[0].tokens = [PLATFORM_TOKEN];
    world = await startSyncWorld({ seed });
    const cli = async (args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv; dataDir?: string } = {}) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(args, {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        stdin: Readable.from([options.stdin ?? '']),
        env: { PATH: process.env.PATH, ICLOUD_SYNC_DATA_DIR: options.dataDir ?? world.dataDir, ...options.env },
        services: { keychain },
      });
      haystacks.push({ where: `cli ${args.join(' ')} (stdout)`, text: stdout }, { where: `cli ${args.join(' ')} (stderr)`, text: stderr });
      return { code, stdout, stderr };
    };

    // 1. Through the services (the world's onboarding), then sync both ways.
    const appointment = await world.platform.book({ title: 'Consult', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) });
    await world.icloud.put('work', 'dentist.ics', icsEvent('dentist-1', 'Dentist', hoursFromNow(14, 3), hoursFromNow(15, 3)));
    const first = await world.sync();
    expect(first.counts.icloud.created + first.counts.platform.created).toBeGreaterThanOrEqual(2);

    // 2. A conflict: the appointment changed on both sides.
    const mirror = world.icloud.events('work').find((e) => e.title === 'Consult')!;
    world.platform.update(appointment.id, { title: 'Consult (platform)' });
    await world.icloud.put('work', mirror.file, mirror.ics.replace(/SUMMARY:[^\r\n]*/, 'SUMMARY:Consult (iCloud)'));
    const conflicted = await world.sync();
    expect(conflicted.counts.conflicts).toBe(1);

    // 3. The CLI with secrets in the environment: status, conflicts, history, then resolve.
    const secretsEnv = { ICLOUD_SYNC_APP_PASSWORD: WORLD_APP_PASSWORD, ICLOUD_SYNC_PLATFORM_TOKEN: PLATFORM_TOKEN };
    expect((await cli(['--json', 'status'], { env: secretsEnv })).code).toBe(0);
    const conflicts = JSON.parse((await cli(['--json', 'conflicts'], { env: secretsEnv })).stdout) as Array<{ id: string }>;
    expect((await cli(['resolve', conflicts[0].id, '--keep', 'icloud'], { env: secretsEnv })).code).toBe(0);
    expect((await cli(['--json', 'sync'], { env: secretsEnv })).code).toBe(0);

    // 4. A rejected token: the failure is reported and recorded, the token is not.
    const rejected = await cli(['--json', 'sync'], { env: { ...secretsEnv, ICLOUD_SYNC_PLATFORM_TOKEN: WRONG_TOKEN } });
    expect(rejected.code).toBe(3);

    // 5. Connecting through the CLI, secrets on stdin, into a second data directory; a wrong password first.
    cliDir = await makeTempDir('secret-leak-cli-');
    const dataDir = cliDir.dir;
    const caldav = new URL('/', world.linkedUrl).href;
    const wrong = await cli(['connect', 'icloud', '--apple-id', WORLD_APPLE_ID, '--caldav-url', caldav, '--password-stdin'], { stdin: `${WRONG_PASSWORD}\n`, dataDir });
    expect(wrong.code).toBe(3);
    expect((await cli(['connect', 'icloud', '--apple-id', WORLD_APPLE_ID, '--caldav-url', caldav, '--password-stdin'], { stdin: `${WORLD_APP_PASSWORD}\n`, dataDir })).code).toBe(0);
    const platformArgs = ['connect', 'platform', '--location-id', world.locationId, '--user-id', world.userId, '--api-url', world.emulator.url, '--token-stdin'];
    expect((await cli(platformArgs, { stdin: `${PLATFORM_TOKEN}\n`, dataDir })).code).toBe(0);
    expect([...keychain.values.values()].sort()).toEqual([PLATFORM_TOKEN, WORLD_APP_PASSWORD].sort());
    expect((await cli(['link', '--icloud', world.linkedUrl], { dataDir })).code).toBe(0);
    expect((await cli(['--json', 'sync'], { dataDir })).code).toBe(0);
    expect((await cli(['--json', 'history'], { dataDir })).code).toBe(0);

    // 5b. A secret typed into a server URL: the CLI refuses it without repeating it (text and
    // --json), and the window's connect channels, which take a URL too, fail without echoing it.
    const withUserinfo = (url: string) => url.replace('://', `://user:${URL_SECRET}@`);
    const urlCaldav = await cli(['connect', 'icloud', '--apple-id', WORLD_APPLE_ID, '--caldav-url', withUserinfo(caldav), '--password-stdin'], { stdin: `${WORLD_APP_PASSWORD}\n`, dataDir });
    expect(urlCaldav.code).toBe(2);
    expect(urlCaldav.stderr).toContain('--caldav-url must not contain a user name or password');
    const urlApi = await cli(['--json', 'connect', 'platform', '--location-id', world.locationId, '--api-url', withUserinfo(world.emulator.url), '--token-stdin'], { stdin: `${PLATFORM_TOKEN}\n`, dataDir });
    expect(urlApi.code).toBe(2);
    const handlers = world.services.handlers;
    for (const attempt of [
      () => handlers['accounts.connectIcloud']({ appleId: WORLD_APPLE_ID, password: WORLD_APP_PASSWORD, caldavUrl: withUserinfo(caldav) }),
      () => handlers['accounts.connectPlatform']({ locationId: world.locationId, token: PLATFORM_TOKEN, apiUrl: withUserinfo(world.emulator.url) }),
    ]) {
      const failure = await attempt().then(() => undefined, (error: unknown) => error as Error);
      expect(failure, 'a URL with credentials cannot be fetched').toBeInstanceOf(Error);
      haystacks.push({ where: 'window connect with a URL secret', text: `${failure!.message}\n${failure!.stack}` });
    }

    // 6. What the window gets: every read channel, and the history exports.
    const answers: Record<string, unknown> = {
      status: await handlers['status.get'](undefined as never),
      settings: await handlers['settings.get'](undefined as never),
      calendars: await handlers['calendars.list'](undefined as never),
      conflicts: await handlers['conflicts.list'](undefined as never),
      attention: await handlers['attention.list'](undefined as never),
      history: await handlers['history.list']({ limit: 100, offset: 0 } as never),
    };
    for (const [channel, answer] of Object.entries(answers)) haystacks.push({ where: `window answer ${channel}`, text: JSON.stringify(answer) });
    for (const format of ['csv', 'json'] as const) {
      const exported = await handlers['history.export']({ format } as never);
      expect(exported.content.length).toBeGreaterThan(100);
      haystacks.push({ where: `history export ${format}`, text: exported.content });
    }
    const history = await world.services.history.list();
    expect(history.some((run) => run.error?.kind === 'auth')).toBe(true);
    haystacks.push({ where: 'history (as stored)', text: JSON.stringify(history) });

    // 6b. A run to undo — undo.json holds contents (the iCloud file as it was before an update) — and
    // its undo through the CLI; the window's undo channels answer too.
    world.platform.update(appointment.id, { title: 'Consult (renamed)' });
    const renamed = JSON.parse((await cli(['--json', 'sync'], { env: secretsEnv })).stdout) as { id: string; undoable?: boolean };
    expect(renamed.undoable).toBe(true);
    haystacks.push({ where: 'window answer run.undoPreview', text: JSON.stringify(await handlers['run.undoPreview']({ id: renamed.id })) });
    expect((await cli(['--json', 'undo', renamed.id, '--yes'], { env: secretsEnv })).code).toBe(0);

    // 7. The doctor and the support file, with and without titles, secrets from the environment
    // (first data directory) and from the keychain (second).
    expect((await cli(['--json', 'doctor'], { env: secretsEnv })).code).toBe(0);
    expect((await cli(['doctor'], { dataDir })).code).toBe(0);
    for (const [n, extra] of [[], ['--include-titles']].entries()) {
      for (const [where, options] of [['env', { env: secretsEnv }], ['keychain', { dataDir }]] as const) {
        const out = join(cliDir.dir, `diagnostics-${where}-${n}.json`);
        expect((await cli(['diagnostics', '--out', out, ...extra], options)).code).toBe(0);
        const text = readFileSync(out, 'utf8');
        expect(text).toContain(extra.length ? '"Consult' : '"title-1"');
        // The undo records go in, each whole iCloud file a placeholder unless titles are included.
        const undo = (JSON.parse(text) as { undo: Array<{ entries: Array<{ previousIcs?: string }> }> }).undo;
        const files = undo.flatMap((r) => r.entries.flatMap((e) => (e.previousIcs ? [e.previousIcs] : [])));
        // The second data directory adopted what the first made: nothing of its own to undo.
        if (where === 'env') expect(files.length).toBeGreaterThan(0);
        for (const file of files) expect(file).toMatch(extra.length ? /^BEGIN:VCALENDAR/ : /^note-\d+$/);
        haystacks.push({ where: `diagnostics file (${where}${extra.length ? ', --include-titles' : ''})`, text });
      }
    }

    // 8. Both data directories, byte for byte (latin1 keeps any binary file searchable).
    for (const file of [...filesUnder(world.dataDir), ...filesUnder(dataDir)]) haystacks.push({ where: file, text: readFileSync(file, 'latin1') });
    haystacks.push({ where: 'console output', text: printed.join('\n') });
  }, 180_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await world?.stop();
    await cliDir?.cleanup();
  });

  it('the scenario produced what is searched (data files, history with an auth failure, exports, output)', () => {
    const where = haystacks.map((h) => h.where);
    expect(where.some((w) => w.endsWith('state.json'))).toBe(true);
    expect(where.some((w) => w.endsWith('undo.json'))).toBe(true);
    expect(where.filter((w) => w.startsWith('history export'))).toHaveLength(2);
    expect(where.filter((w) => w.startsWith('diagnostics file'))).toHaveLength(4);
    expect(haystacks.reduce((n, h) => n + h.text.length, 0)).toBeGreaterThan(10_000);
  });

  it('the search works: it finds a secret planted where it looks', () => {
    const planted = [{ where: 'planted', text: `Authorization: Basic ${Buffer.from(`${WORLD_APPLE_ID}:${WORLD_APP_PASSWORD}`).toString('base64')}` }];
    expect(leaks(planted).length).toBeGreaterThanOrEqual(1);
    expect(leaks([{ where: 'planted', text: `token=${encodeURIComponent(PLATFORM_TOKEN)}` }])).toEqual([`${PLATFORM_TOKEN} in planted`]);
    expect(leaks([{ where: 'clean', text: 'Authorization: Bearer ***' }])).toEqual([]);
    expect(leaks([{ where: 'planted', text: `http://user:${URL_SECRET}@127.0.0.1/` }])).toContain(`${URL_SECRET} in planted`);
  });

  it('no test secret appears anywhere, in any encoding', () => {
    expect(leaks(haystacks)).toEqual([]);
  });

  function leaks(places: Array<{ where: string; text: string }>): string[] {
    const found: string[] = [];
    for (const { where, text } of places) for (const needle of needles) if (text.includes(needle)) found.push(`${needle} in ${where}`);
    return found;
  }
});

function icsEvent(uid: string, title: string, start: string, end: string): string {
  const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Leak//EN', 'BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp(new Date().toISOString())}`,
    `DTSTART:${stamp(start)}`, `DTEND:${stamp(end)}`, `SUMMARY:${title}`, 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}
