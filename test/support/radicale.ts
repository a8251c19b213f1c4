// A real CalDAV server for integration tests: Radicale started from a throwaway config on
// 127.0.0.1 with a free port, plain htpasswd users, no auth delay (otherwise every 401 sleeps
// ~1 s), and a rights file that makes `{user}/readonly…` calendars read-only.
// Calendars can be seeded straight into the filesystem storage before start (fast for thousands of
// events, and the only way to get a read-only calendar with content), or made later with MKCALENDAR.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SeedCalendar {
  user: string;
  /** The path segment, e.g. "work" → /<user>/work/. Names starting with "readonly" are read-only. */
  name: string;
  displayName?: string;
  color?: string;
  /** File name (must end in .ics) → iCalendar text. */
  events?: Record<string, string>;
}

export interface RadicaleOptions {
  /** user → password. Default: one user with an app-specific-password-shaped password. */
  users?: Record<string, string>;
  seed?: SeedCalendar[];
}

export interface RadicaleServer {
  /** Base URL, e.g. http://127.0.0.1:5232/ */
  url: string;
  users: Record<string, string>;
  storageDir: string;
  calendarUrl(user: string, name: string): string;
  mkcalendar(user: string, name: string, props?: { displayName?: string; color?: string }): Promise<string>;
  /** Raw PUT/DELETE behind the app's back (not counted, no etag checks). */
  putEvent(user: string, calendar: string, file: string, ics: string): Promise<Response>;
  deleteEvent(user: string, calendar: string, file: string): Promise<Response>;
  stop(): Promise<void>;
}

export const defaultRadicaleUsers: Record<string, string> = { 'alice@example.com': 'abcd-efgh-ijkl-mnop' };

const rightsFile = `
[root]
user: .+
collection:
permissions: R

[principal]
user: .+
collection: {user}
permissions: RW

[readonly]
user: .+
collection: {user}/readonly[^/]*
permissions: r

[calendars]
user: .+
collection: {user}/[^/]+
permissions: rw
`;

/** The command that runs Radicale here, or undefined when it is not installed. */
export function radicaleCommand(): string[] | undefined {
  if (spawnSync('radicale', ['--version'], { stdio: 'ignore' }).status === 0) return ['radicale'];
  // The Debian package installs into the system Python, which may not be the `python3` on PATH.
  for (const python of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(python, ['-m', 'radicale', '--version'], { stdio: 'ignore' }).status === 0) {
      return [python, '-m', 'radicale'];
    }
  }
  return undefined;
}

/**
 * Why Radicale suites must be skipped, or undefined when they must run. Skipping is allowed only
 * when the binary is missing outside CI; under CI=true a missing Radicale fails the suite.
 */
export function radicaleSkipReason(): string | undefined {
  if (radicaleCommand()) return undefined;
  if (process.env.CI === 'true') return undefined;
  const reason = 'Radicale is not installed (apt install radicale): CalDAV integration tests skipped.';
  console.warn(`NOTICE: ${reason}`);
  return reason;
}

export async function startRadicale(options: RadicaleOptions = {}): Promise<RadicaleServer> {
  const command = radicaleCommand();
  if (!command) throw new Error('Radicale is not installed: apt install radicale');
  const users = options.users ?? defaultRadicaleUsers;
  const dir = mkdtempSync(join(tmpdir(), 'radicale-'));
  const storageDir = join(dir, 'collections');
  writeFileSync(join(dir, 'users'), Object.entries(users).map(([u, p]) => `${u}:${p}`).join('\n') + '\n');
  writeFileSync(join(dir, 'rights'), rightsFile);
  for (const calendar of options.seed ?? []) seedCalendar(storageDir, calendar);

  // A port can be taken between probing and binding; try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    writeFileSync(join(dir, 'config'), configText(dir, port));
    const child = spawn(command[0], [...command.slice(1), '--config', join(dir, 'config')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const url = `http://127.0.0.1:${port}/`;
    if (await waitUntilAnswering(url, child)) {
      return makeServer(url, users, storageDir, dir, child);
    }
    await killAndWait(child);
    if (!/address already in use/i.test(stderr)) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Radicale did not start: ${stderr.trim() || 'no output'}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error('Radicale did not start: no free port');
}

function configText(dir: string, port: number): string {
  return `[server]
hosts = 127.0.0.1:${port}

[auth]
type = htpasswd
htpasswd_filename = ${join(dir, 'users')}
htpasswd_encryption = plain
delay = 0

[rights]
type = from_file
file = ${join(dir, 'rights')}

[storage]
filesystem_folder = ${join(dir, 'collections')}

[web]
type = none

[logging]
level = warning
`;
}

/** Write a calendar collection in Radicale's multifilesystem layout (valid before start). */
function seedCalendar(storageDir: string, calendar: SeedCalendar): void {
  const folder = join(storageDir, 'collection-root', calendar.user, calendar.name);
  mkdirSync(folder, { recursive: true });
  const props: Record<string, string> = { tag: 'VCALENDAR' };
  if (calendar.displayName) props['D:displayname'] = calendar.displayName;
  if (calendar.color) props['ICAL:calendar-color'] = calendar.color;
  writeFileSync(join(folder, '.Radicale.props'), JSON.stringify(props));
  for (const [file, ics] of Object.entries(calendar.events ?? {})) {
    writeFileSync(join(folder, file), ics);
  }
}

function makeServer(
  url: string,
  users: Record<string, string>,
  storageDir: string,
  dir: string,
  child: ChildProcess,
): RadicaleServer {
  const auth = (user: string) => 'Basic ' + Buffer.from(`${user}:${users[user]}`).toString('base64');
  const calendarUrl = (user: string, name: string) => new URL(`${encodeURIComponent(user)}/${name}/`, url).href;
  return {
    url,
    users,
    storageDir,
    calendarUrl,
    async mkcalendar(user, name, props = {}) {
      const target = calendarUrl(user, name);
      const set = [
        props.displayName ? `<D:displayname>${escapeXml(props.displayName)}</D:displayname>` : '',
        props.color ? `<I:calendar-color>${escapeXml(props.color)}</I:calendar-color>` : '',
      ].join('');
      const body =
        `<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" ` +
        `xmlns:I="http://apple.com/ns/ical/"><D:set><D:prop>${set}</D:prop></D:set></C:mkcalendar>`;
      const response = await fetch(target, {
        method: 'MKCALENDAR',
        headers: { Authorization: auth(user), 'Content-Type': 'application/xml; charset=utf-8' },
        body,
      });
      if (response.status !== 201) throw new Error(`MKCALENDAR ${target} → ${response.status}`);
      return target;
    },
    putEvent(user, calendar, file, ics) {
      return fetch(calendarUrl(user, calendar) + file, {
        method: 'PUT',
        headers: { Authorization: auth(user), 'Content-Type': 'text/calendar; charset=utf-8' },
        body: ics,
      });
    },
    deleteEvent(user, calendar, file) {
      return fetch(calendarUrl(user, calendar) + file, { method: 'DELETE', headers: { Authorization: auth(user) } });
    },
    async stop() {
      await killAndWait(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Poll until the server answers any HTTP status; false if the process exits or 15 s pass. */
async function waitUntilAnswering(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(1000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return false;
}

function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
