// A whole world for end-to-end tests of the product: a real CalDAV server (Radicale, optionally
// behind a fault-injecting proxy), the platform emulator, a data directory, and the services
// connected to both and linked — exactly what a user has after onboarding. The world also gives
// "behind the app's back" handles: edit iCloud as the Calendar app would, book or cancel on the
// platform as a customer or an admin would, and read both sides to check the outcome.
//
//   const world = await startSyncWorld();           // connected + linked to the "work" calendar
//   await world.platform.book({ title: 'Consult', start: '…', end: '…' });
//   const report = await world.sync();              // one cycle through services.sync.run
//   world.icloud.events('work');                    // what Radicale holds now (parsed)
//   await world.stop();
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from '../../src/shared/run-report';
import type { Settings } from '../../src/shared/settings';
import { IcsCodec, type DomainEvent } from '../../src/main/icloud';
import { createServices, type Services, type ServicesConfig } from '../../src/main/services';
import type { SecretStore } from '../../src/main/secrets/secret-store';
import { runCli } from '../../src/main/cli/run-cli';
import { startDavProxy, type DavProxy, type ProxyFaults } from './dav-proxy';
import { defaultSeed, startEmulator, type RunningEmulator, type Seed, type StoredEvent } from './emulator';
import { TEST_LOCATION, TEST_TOKEN, TEST_USER } from './emulator/default-seed';
import type { FaultOptions } from './emulator/faults';
import { spawnEmulator } from './spawn-emulator';
import { startRadicale, type RadicaleServer, type SeedCalendar } from './radicale';
import { makeTempDir } from './temp-dir';

export const WORLD_APPLE_ID = 'alice@example.com';
/** Shaped like an app-specific password: the iCloud connect code refuses anything else. */
export const WORLD_APP_PASSWORD = 'abcd-efgh-ijkl-mnop';

export interface SyncWorldOptions {
  /** The emulator's world; default: defaultSeed() with a rate limit no test will hit. */
  seed?: Seed;
  /**
   * Run the emulator out of process, one child process per seed location (spawn-emulator.ts), as the
   * platform serves each location and not the user's Mac: for benchmarks, so the server's work is not
   * charged to the client. The emulator's state is then out of reach: `emulator` keeps only its
   * url and port, and the `platform` hands and `emulatorFaults` are not available. Default false.
   */
  emulatorProcess?: boolean;
  /** Random faults of the emulator, switched on once the world is connected and linked. */
  emulatorFaults?: FaultOptions;
  /** Calendars made with MKCALENDAR before connecting (default ['work']). The first is linked. */
  calendars?: string[];
  /** Calendars written straight into Radicale's storage before it starts (read-only ones, thousands of events); one named in `calendars` is used as is. */
  radicaleSeed?: SeedCalendar[];
  /** Busy sources to link (calendar names). */
  busy?: string[];
  /** Connect and link (default true). False leaves the data directory empty. */
  link?: boolean;
  /** Put Radicale behind a proxy (for rewrites, and faults switched on once connected); the app talks to the proxy. */
  proxy?: boolean | ProxyFaults;
  settings?: Partial<Settings>;
  /**
   * Overrides the location's time zone the app read at connect (S15), as if the platform had said
   * this one. Default: what connect read from the emulator (the seed location's `timezone`).
   */
  zone?: string;
  /** The Mac's zone for the app (ServicesConfig.localZone); default: this process's. */
  localZone?: string;
  now?: () => Date;
}

export interface SyncWorld {
  radicale: RadicaleServer;
  proxy?: DavProxy;
  emulator: RunningEmulator;
  /** The platform URL serving a seed location (the one emulator's, or that location's own child process). */
  platformUrl(locationId: string): string;
  services: Services;
  dataDir: string;
  /** Env for a CLI process (data dir + both secrets, so the keychain is never touched). */
  env: NodeJS.ProcessEnv;
  appleId: string;
  userId: string;
  locationId: string;
  token: string;
  /** URL of the calendar named `name` as the app sees it (through the proxy when there is one). */
  calendarUrl(name: string): string;
  linkedUrl: string;
  /** One cycle through the services (what "Sync now" does). */
  sync(options?: { allowDeletions?: boolean }): Promise<RunReport>;
  /** The CLI in-process (fast) with the world's data dir and secrets. */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string; json<T = unknown>(): T }>;
  /** Connect both sides and link as configured (again, e.g. after state.json was lost). */
  connect(target?: Services): Promise<void>;
  /** New services on the same data directory (an app restart). */
  reopen(config?: Partial<ServicesConfig>): Services;
  icloud: IcloudHands;
  platform: PlatformHands;
  stop(): Promise<void>;
}

export interface IcloudEvent extends DomainEvent {
  /** The file name in the calendar. */
  file: string;
  ics: string;
}

export interface IcloudHands {
  /** PUT an event as the Calendar app would (raw ICS). */
  put(calendar: string, file: string, ics: string): Promise<void>;
  remove(calendar: string, file: string): Promise<void>;
  /** Every VEVENT (masters and overrides) in a calendar, read from Radicale's storage. */
  events(calendar: string): IcloudEvent[];
  /** Raw ICS of one file. */
  read(calendar: string, file: string): string | undefined;
}

export interface BookInput {
  title: string;
  start: string;
  end: string;
  calendarId?: string;
  contactId?: string;
  assignedUserId?: string;
  users?: string[];
  notes?: string;
  address?: string;
}

export interface PlatformHands {
  /** Book an appointment through the API, as the booking widget would for a customer. */
  book(input: BookInput): Promise<StoredEvent>;
  /** A blocked slot made by the user on the platform (S7). */
  block(input: { title: string; start: string; end: string }): Promise<StoredEvent>;
  update(id: string, patch: Partial<Pick<StoredEvent, 'title' | 'notes' | 'address' | 'appointmentStatus' | 'assignedUserId'>> & { start?: string; end?: string }): StoredEvent;
  cancel(id: string): StoredEvent;
  remove(id: string): void;
  get(id: string): StoredEvent | undefined;
  appointments(): StoredEvent[];
  blocks(): StoredEvent[];
}

/** A keychain that must never be used: the world passes both secrets through the environment. */
const forbiddenKeychain: SecretStore = {
  get: () => Promise.reject(new Error('the keychain must not be touched in tests')),
  set: () => Promise.reject(new Error('the keychain must not be touched in tests')),
  delete: () => Promise.reject(new Error('the keychain must not be touched in tests')),
};

const codec = new IcsCodec();

export async function startSyncWorld(options: SyncWorldOptions = {}): Promise<SyncWorld> {
  const seed = options.seed ?? defaultSeed({ rateLimit: { max: 100_000, intervalMs: 10_000, daily: 10_000_000 } });
  const location = seed.locations[0];
  const calendars = options.calendars ?? ['work'];
  const { dir: dataDir, cleanup } = await makeTempDir('sync-world-');
  const radicale = await startRadicale({ users: { [WORLD_APPLE_ID]: WORLD_APP_PASSWORD }, seed: options.radicaleSeed });
  // Faults start after onboarding (connect and link must succeed to have a world at all).
  if (options.emulatorProcess && options.emulatorFaults) throw new Error('emulatorFaults need the emulator in this process (emulatorProcess: false)');
  const children = options.emulatorProcess ? await Promise.all(seed.locations.map((one) => spawnEmulator({ ...seed, locations: [one] }))) : [];
  const emulator = children.length ? outOfReach(children[0].url) : await startEmulator({ seed, port: 0 });
  const urls = new Map(seed.locations.map((one, index) => [one.id, children[index]?.url ?? emulator.url]));
  const platformUrl = (locationId: string) => {
    const url = urls.get(locationId);
    if (!url) throw new Error(`no emulator serves location ${locationId}`);
    return url;
  };
  const proxy = options.proxy ? await startDavProxy(radicale.url, {}) : undefined;
  const davUrl = proxy?.url ?? radicale.url;
  const seeded = new Set((options.radicaleSeed ?? []).map((c) => c.name));
  for (const name of calendars) if (!seeded.has(name)) await radicale.mkcalendar(WORLD_APPLE_ID, name, { displayName: name });

  const env: NodeJS.ProcessEnv = {
    ICLOUD_SYNC_DATA_DIR: dataDir,
    ICLOUD_SYNC_APP_PASSWORD: WORLD_APP_PASSWORD,
    ICLOUD_SYNC_PLATFORM_TOKEN: location.tokens[0] ?? TEST_TOKEN,
  };
  const servicesConfig = (extra: Partial<ServicesConfig> = {}): ServicesConfig => ({
    dataDir, env, keychain: forbiddenKeychain, ...(options.now ? { now: options.now } : {}), ...(options.localZone ? { localZone: options.localZone } : {}), ...extra,
  });
  const services = createServices(servicesConfig());
  const calendarUrl = (name: string) => new URL(`${encodeURIComponent(WORLD_APPLE_ID)}/${name}/`, davUrl).href;
  const userId = location.users?.[0]?.id ?? TEST_USER;
  const token = env.ICLOUD_SYNC_PLATFORM_TOKEN!;

  /** What onboarding does: connect both sides, then link. */
  async function connect(target: Services = services): Promise<void> {
    await target.accounts.connectIcloud({ appleId: WORLD_APPLE_ID, password: WORLD_APP_PASSWORD, caldavUrl: davUrl });
    const connected = await target.accounts.connectPlatform({ locationId: location.id, token, apiUrl: platformUrl(location.id), userId });
    if (connected.status !== 'connected') throw new Error('the world could not connect the platform');
    await target.state.update((state) => {
      if (options.zone) state.accounts.platforms[location.id]!.locationTimezone = options.zone;
      Object.assign(state.settings, options.settings ?? {});
    });
    await target.accounts.link({ icloud: calendarUrl(calendars[0]), busy: (options.busy ?? []).map(calendarUrl) });
  }
  if (options.link !== false) await connect();
  if (options.emulatorFaults) emulator.faults.options = options.emulatorFaults;
  if (proxy && typeof options.proxy === 'object') proxy.faults = options.proxy;

  const calendarDir = (name: string) => join(radicale.storageDir, 'collection-root', WORLD_APPLE_ID, name);
  const icloud: IcloudHands = {
    async put(calendar, file, ics) {
      const response = await radicale.putEvent(WORLD_APPLE_ID, calendar, file, ics);
      if (response.status >= 300) throw new Error(`PUT ${file} → ${response.status}: ${await response.text()}`);
    },
    async remove(calendar, file) {
      const response = await radicale.deleteEvent(WORLD_APPLE_ID, calendar, file);
      if (response.status >= 300 && response.status !== 404) throw new Error(`DELETE ${file} → ${response.status}`);
    },
    events(calendar) {
      const files = readdirSync(calendarDir(calendar)).filter((f) => f.endsWith('.ics'));
      return files.flatMap((file) => {
        const ics = readFileSync(join(calendarDir(calendar), file), 'utf8');
        const parsed = codec.parse(ics, { floatingZone: 'UTC', source: file });
        if (!parsed.ok) throw new Error(`${file} in ${calendar} does not parse: ${parsed.error}`);
        return parsed.object.events.map((event) => ({ ...event, file, ics }));
      });
    },
    read(calendar, file) {
      try {
        return readFileSync(join(calendarDir(calendar), file), 'utf8');
      } catch {
        return undefined;
      }
    },
  };

  const api = async (method: string, path: string, body: Record<string, unknown>) => {
    const response = await fetch(new URL(path, emulator.url), {
      method,
      headers: { Authorization: `Bearer ${token}`, Version: '2021-04-15', 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ locationId: location.id, ...body }),
    });
    const json = (await response.json()) as { id?: string; event?: { id: string } };
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(json)}`);
    const id = json.id ?? json.event?.id;
    const stored = id ? emulator.state.events.get(id) : undefined;
    if (!stored) throw new Error(`${method} ${path}: the emulator did not store the event`);
    return stored;
  };
  const mine = (kind: StoredEvent['kind']) => () =>
    emulator.state.eventsOf(location.id, kind).filter((e) => e.assignedUserId === userId || e.users.includes(userId));
  const platform: PlatformHands = {
    async book(input) {
      const booked = await api('POST', '/calendars/events/appointments', {
        calendarId: input.calendarId ?? 'cal-rr', contactId: input.contactId ?? 'contact-1', assignedUserId: input.assignedUserId ?? userId,
        title: input.title, startTime: input.start, endTime: input.end,
        ...(input.notes ? { description: input.notes } : {}), ...(input.address ? { address: input.address } : {}),
      });
      // The emulator keeps no secondary owners from a booking: set them as the platform's own UI would.
      if (input.notes || input.users) return emulator.state.update(booked.id, { notes: input.notes, description: input.notes, users: input.users });
      return booked;
    },
    block: (input) => api('POST', '/calendars/events/block-slots', { assignedUserId: userId, title: input.title, startTime: input.start, endTime: input.end }),
    update: (id, patch) => {
      const { start, end, ...rest } = patch;
      // An appointment's notes are its description (what create/edit bodies send): keep both in step.
      const notes = rest.notes !== undefined ? { description: rest.notes } : {};
      return emulator.state.update(id, { ...rest, ...notes, ...(start ? { startMs: Date.parse(start) } : {}), ...(end ? { endMs: Date.parse(end) } : {}) });
    },
    cancel: (id) => emulator.state.update(id, { appointmentStatus: 'cancelled' }),
    remove: (id) => void emulator.state.remove(id),
    get: (id) => emulator.state.events.get(id),
    appointments: mine('appointment'),
    blocks: mine('blocked'),
  };

  return {
    radicale, proxy, emulator, platformUrl, services, dataDir, env, appleId: WORLD_APPLE_ID, userId, locationId: location.id, token,
    calendarUrl,
    connect,
    linkedUrl: calendarUrl(calendars[0]),
    sync: (opts = {}) => services.sync.run('manual', opts).report,
    async cli(args) {
      let stdout = '';
      let stderr = '';
      const code = await runCli(args, {
        stdout: (text) => (stdout += text), stderr: (text) => (stderr += text),
        stdin: process.stdin, env: { ...process.env, ...env }, services: { keychain: forbiddenKeychain },
      });
      return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
    },
    reopen: (extra) => createServices(servicesConfig(extra)),
    icloud,
    platform,
    async stop() {
      await Promise.allSettled([proxy?.stop(), emulator.stop(), ...children.map((child) => child.stop()), radicale.stop()]);
      await cleanup();
    },
  };
}

/** An emulator in another process, seen from here: its url and port; asking for its state is a mistake said plainly. */
function outOfReach(url: string): RunningEmulator {
  const unreachable = (): never => {
    throw new Error('the emulator runs in a child process (emulatorProcess): its state, limits and faults are not in this process');
  };
  return {
    url, port: Number(new URL(url).port),
    get state() { return unreachable(); },
    get limits() { return unreachable(); },
    get faults() { return unreachable(); },
    get doctor() { return unreachable(); },
    get exchanges() { return unreachable(); },
    requestCount: unreachable,
    stop: async () => undefined, // the children are stopped by the world
  };
}

/** ISO instant `days` days and `hours` hours from now, on a whole hour (UTC). */
export function hoursFromNow(hours: number, days = 0): string {
  const now = new Date();
  now.setUTCMinutes(0, 0, 0);
  return new Date(now.getTime() + (days * 24 + hours) * 3_600_000).toISOString();
}

/** A plain VEVENT file as the Calendar app would write it (times UTC unless `extra` says otherwise). */
export function icsEvent(uid: string, fields: { title: string; start: string; end?: string; lines?: string[] }): string {
  const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Apple Inc.//macOS 15//EN', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250101T000000Z',
    `DTSTART:${stamp(fields.start)}`, ...(fields.end ? [`DTEND:${stamp(fields.end)}`] : []), `SUMMARY:${fields.title}`,
    ...(fields.lines ?? []), 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

export { TEST_LOCATION, TEST_TOKEN, TEST_USER };
