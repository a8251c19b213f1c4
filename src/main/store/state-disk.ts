// state.json on disk (schema 2 on): the same state as in memory, written compactly. The file is
// rewritten every 250 ms during a large sync, so it must stay small: no full URL is repeated (every
// calendar URL is written once, in `calendars`, and hrefs are relative to their calendar), and what
// can be derived is not stored (a pair's key, its iCloud etag/UID when they equal its object's, one
// hash when both sides hash alike). In memory (State) everything is spelled out for the engine.
//
// The file is validated here, where it enters (diskStateSchema); `decodeState` then rebuilds State.
// Migrations (migrations.ts) upgrade older files to this shape before validation.
import { z } from 'zod';
import { eventVersionSchema } from '../../shared/ipc/views';
import { plainLocationId } from './locations';
import { appointmentKey, icloudItemKey, type PairRecord } from './pair-record';
import {
  STATE_SCHEMA_VERSION,
  cursorSchema,
  icloudAccountSchema,
  linksSchema,
  platformAccountSchema,
  schedulerSchema,
  storedSettingsSchema,
  followingSchema,
  intentSchema,
  type State,
} from './state-schema';

/** One iCloud object: e = etag, u = UID (left out when it is the file name without ".ics"; null: none), r = 1 for a series. */
const diskObjectSchema = z.object({ e: z.string().optional(), u: z.string().nullable().optional(), r: z.literal(1).optional() });

/**
 * One pair. k: key (left out when derivable: an iCloud item's href + RECURRENCE-ID, an appointment's
 * platform id); o: owner; s: status (left out: synced); t/b/e: title, start, end; a: 1 all-day;
 * p: platform id; pk: platform kind when not the owner's usual one; m: updatedAt.
 * Its iCloud side: c: calendar (index into `calendars`), f: href relative to it, g: etag (left out:
 * its object's; null: none), u: UID (left out: its object's), r: RECURRENCE-ID, y: 1 from a busy source.
 * h: both hashes when equal, else hi/hp; x: conflict; d: detached.
 * l: its platform location, left out for the location whose keys carry no suffix (locations.ts);
 * xf: [location, appointment] a slot blocking another location's appointment stands for.
 * mv: [calendar index, href, etag or null] the old copy of an appointment being moved to another calendar.
 */
const diskPairSchema = z.object({
  k: z.string().optional(),
  o: z.enum(['icloud', 'platform']),
  s: z.enum(['conflict', 'detached', 'pending']).optional(),
  t: z.string(),
  b: z.string(),
  e: z.string(),
  a: z.literal(1).optional(),
  p: z.string().optional(),
  pk: z.enum(['appointment', 'block']).optional(),
  c: z.number().int().nonnegative().optional(),
  f: z.string().optional(),
  g: z.string().nullable().optional(),
  u: z.string().optional(),
  r: z.string().optional(),
  y: z.literal(1).optional(),
  h: z.string().optional(),
  hi: z.string().optional(),
  hp: z.string().optional(),
  x: z.object({ detectedAt: z.string(), icloud: eventVersionSchema, platform: eventVersionSchema, changed: z.array(z.string()) }).optional(),
  d: z.object({ kind: z.enum(['icloud-mirror-deleted', 'platform-mirror-deleted']), detectedAt: z.string(), dismissed: z.boolean().optional() }).optional(),
  m: z.string(),
  l: z.string().optional(),
  xf: z.tuple([z.string(), z.string()]).optional(),
  mv: z.tuple([z.number().int().nonnegative(), z.string(), z.string().nullable()]).optional(),
});

export const diskStateSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  settings: storedSettingsSchema,
  accounts: z.object({ icloud: icloudAccountSchema.optional(), platforms: z.record(z.string(), platformAccountSchema) }),
  links: linksSchema,
  /** Every calendar URL the rest of the file refers to, once; referred to by index. */
  calendars: z.array(z.string()),
  /** By calendar index. */
  cursors: z.record(z.string(), cursorSchema),
  /** By calendar index, then href relative to the calendar. */
  objects: z.record(z.string(), z.record(z.string(), diskObjectSchema)),
  pairs: z.array(diskPairSchema),
  intents: z.record(z.string(), intentSchema),
  windowDay: z.string().optional(),
  scheduler: schedulerSchema,
  following: followingSchema.optional(),
});
export type DiskState = z.infer<typeof diskStateSchema>;
type DiskPair = DiskState['pairs'][number];
type DiskObject = z.infer<typeof diskObjectSchema>;

const usualKind = { icloud: 'block', platform: 'appointment' } as const;

function relative(href: string, calendarUrl: string): string {
  return href.startsWith(calendarUrl) && href.length > calendarUrl.length ? href.slice(calendarUrl.length) : href;
}

function absolute(rel: string, calendarUrl: string): string {
  // Most hrefs are relative (no "://"): the regex runs only for the few that may not be.
  return rel.includes('://') && /^[a-z][a-z0-9+.-]*:\/\//i.test(rel) ? rel : calendarUrl + rel;
}

function fileStem(href: string): string {
  const file = href.slice(href.lastIndexOf('/') + 1);
  // Run for every object of every read: the regex and the decoding only where they can change something.
  const stem = file.length > 4 && file.charCodeAt(file.length - 4) === 46 && file.slice(-3).toLowerCase() === 'ics' ? file.slice(0, -4) : file;
  return stem.includes('%') ? decodeURIComponent(stem) : stem;
}

function derivedKey(pair: PairRecord): string | undefined {
  if (pair.owner === 'icloud' && pair.icloud) return icloudItemKey(pair.icloud.href, pair.icloud.recurrenceId);
  if (pair.owner === 'platform' && pair.platformId) return appointmentKey(pair.platformId);
  return undefined;
}

export function encodeState(state: State): DiskState {
  const calendars: string[] = [];
  const indexOf = new Map<string, number>();
  const calendar = (url: string): number => {
    let index = indexOf.get(url);
    if (index === undefined) {
      index = calendars.push(url) - 1;
      indexOf.set(url, index);
    }
    return index;
  };
  const cursors: DiskState['cursors'] = {};
  for (const [url, cursor] of Object.entries(state.cursors)) cursors[calendar(url)] = cursor;
  const objects: DiskState['objects'] = {};
  for (const [href, object] of Object.entries(state.objects)) {
    const c = calendar(object.calendarUrl);
    const disk: DiskObject = {};
    if (object.etag !== undefined) disk.e = object.etag;
    if (object.uid === undefined) disk.u = null;
    else if (object.uid !== fileStem(href)) disk.u = object.uid;
    if (object.recurring) disk.r = 1;
    (objects[c] ??= {})[relative(href, object.calendarUrl)] = disk;
  }
  const plain = plainLocationId(state.accounts);
  const pairs = Object.values(state.pairs).map((pair): DiskPair => {
    const disk: DiskPair = { o: pair.owner, t: pair.title, b: pair.start, e: pair.end, m: pair.updatedAt };
    if (pair.locationId !== undefined && pair.locationId !== plain) disk.l = pair.locationId;
    if (derivedKey(pair) !== pair.key) disk.k = pair.key;
    if (pair.status !== 'synced') disk.s = pair.status;
    if (pair.allDay) disk.a = 1;
    if (pair.platformId !== undefined) disk.p = pair.platformId;
    if (pair.platformKind !== usualKind[pair.owner]) disk.pk = pair.platformKind;
    if (pair.icloud) {
      const { href, etag, uid, recurrenceId, calendarUrl, source } = pair.icloud;
      const object = state.objects[href];
      disk.c = calendar(calendarUrl);
      disk.f = relative(href, calendarUrl);
      if (!object || object.etag !== etag) disk.g = etag ?? null;
      if (!object || object.uid !== uid) disk.u = uid;
      if (recurrenceId !== undefined) disk.r = recurrenceId;
      if (source === 'busy') disk.y = 1;
    }
    if (pair.hashes.icloud !== undefined && pair.hashes.icloud === pair.hashes.platform) disk.h = pair.hashes.icloud;
    else {
      if (pair.hashes.icloud !== undefined) disk.hi = pair.hashes.icloud;
      if (pair.hashes.platform !== undefined) disk.hp = pair.hashes.platform;
    }
    if (pair.crossFrom) disk.xf = [pair.crossFrom.location, pair.crossFrom.appointment];
    if (pair.movedFrom) disk.mv = [calendar(pair.movedFrom.calendarUrl), pair.movedFrom.href, pair.movedFrom.etag ?? null];
    if (pair.conflict) disk.x = pair.conflict;
    if (pair.detached) disk.d = pair.detached;
    return disk;
  });
  return {
    schemaVersion: STATE_SCHEMA_VERSION, settings: state.settings, accounts: state.accounts, links: state.links,
    calendars, cursors, objects, pairs, intents: state.intents,
    ...(state.windowDay !== undefined ? { windowDay: state.windowDay } : {}),
    scheduler: state.scheduler,
    ...(state.following !== undefined ? { following: state.following } : {}),
  };
}

export class StateShapeError extends Error {}

/**
 * `lazy` (a file this build wrote and stamped, read without the schema check): the two large maps,
 * `objects` and `pairs`, are built on their first use instead of here. A cycle's first use is after
 * its requests are sent (the idle check needs the accounts, links and cursors only), so at 5,000
 * events the ~40 ms of building them in a fresh CLI process runs while the servers answer instead of
 * before the first request. Only for our own writes: a file from anywhere else is decoded at once, so
 * a shape error sets it aside at its read, as before.
 */
export function decodeState(disk: DiskState, options: { lazy?: boolean } = {}): State {
  const calendar = (index: number | undefined): string => {
    const url = index === undefined ? undefined : disk.calendars[index];
    if (url === undefined) throw new StateShapeError(`it names calendar ${index}, which it does not list`);
    return url;
  };
  const cursors: State['cursors'] = {};
  for (const [index, cursor] of Object.entries(disk.cursors)) cursors[calendar(Number(index))] = { ...cursor };
  const plain = plainLocationId(disk.accounts);
  // The small parts are copied: a State shares no object with the file it came from (json-document.ts
  // decodes the same validated file again for each cached read).
  const { settings, accounts, links, intents, scheduler, following } = structuredClone({
    settings: disk.settings, accounts: disk.accounts, links: disk.links, intents: disk.intents, scheduler: disk.scheduler, following: disk.following,
  });
  const state: State = {
    schemaVersion: STATE_SCHEMA_VERSION, settings, accounts, links, cursors, objects: {}, pairs: {},
    intents: withLocations(intents, plain), ...(disk.windowDay !== undefined ? { windowDay: disk.windowDay } : {}), scheduler,
    ...(following !== undefined ? { following } : {}),
  };
  if (!options.lazy) return Object.assign(state, decodeRecords(disk, calendar, plain));
  let records: Pick<State, 'objects' | 'pairs'> | undefined;
  const built = () => (records ??= decodeRecords(disk, calendar, plain));
  for (const name of ['objects', 'pairs'] as const) {
    // Replaced by a plain property at the first get or set: after that, no cost on any access.
    const settle = (value: unknown) => Object.defineProperty(state, name, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(state, name, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = built()[name];
        settle(value);
        return value;
      },
      set: (value: unknown) => {
        built(); // the other map is built from the file as it was
        settle(value);
      },
    });
  }
  return state;
}

function decodeRecords(disk: DiskState, calendar: (index: number | undefined) => string, plain: string | undefined): Pick<State, 'objects' | 'pairs'> {
  const objects: State['objects'] = {};
  for (const index in disk.objects) {
    const calendarUrl = calendar(Number(index));
    const files = disk.objects[index];
    for (const rel in files) {
      const object = files[rel];
      const href = absolute(rel, calendarUrl);
      const uid = object.u === null ? undefined : (object.u ?? fileStem(href));
      objects[href] = { etag: object.e, calendarUrl, uid, recurring: object.r === 1 };
    }
  }
  const pairs: State['pairs'] = {};
  for (const disk_ of disk.pairs) {
    let icloud: PairRecord['icloud'];
    if (disk_.f !== undefined) {
      const calendarUrl = calendar(disk_.c);
      const href = absolute(disk_.f, calendarUrl);
      const object = objects[href];
      const uid = disk_.u ?? object?.uid;
      if (uid === undefined) throw new StateShapeError(`a pair of ${href} has no UID`);
      // Assigned field by field, not spread: this runs for every pair on every read (issue 16).
      icloud = { href, etag: disk_.g === undefined ? object?.etag : (disk_.g ?? undefined), uid, calendarUrl, source: disk_.y === 1 ? 'busy' : 'linked' };
      if (disk_.r !== undefined) icloud.recurrenceId = disk_.r;
    }
    const pair: PairRecord = {
      key: '', owner: disk_.o, status: disk_.s ?? 'synced', title: disk_.t, start: disk_.b, end: disk_.e, allDay: disk_.a === 1,
      platformKind: disk_.pk ?? usualKind[disk_.o],
      hashes: disk_.h !== undefined ? { icloud: disk_.h, platform: disk_.h } : { icloud: disk_.hi, platform: disk_.hp },
      updatedAt: disk_.m,
    };
    if (disk_.p !== undefined) pair.platformId = disk_.p;
    const locationId = disk_.l ?? plain;
    if (locationId !== undefined) pair.locationId = locationId;
    if (disk_.xf) pair.crossFrom = { location: disk_.xf[0], appointment: disk_.xf[1] };
    if (icloud) pair.icloud = icloud;
    if (disk_.mv) pair.movedFrom = { calendarUrl: calendar(disk_.mv[0]), href: disk_.mv[1], ...(disk_.mv[2] !== null ? { etag: disk_.mv[2] } : {}) };
    if (disk_.x) pair.conflict = structuredClone(disk_.x);
    if (disk_.d) pair.detached = { ...disk_.d };
    const key = disk_.k ?? derivedKey(pair);
    if (key === undefined) throw new StateShapeError('a pair has neither a key nor the ids to derive one');
    pair.key = key;
    pairs[key] = pair;
  }
  return { objects, pairs };
}

/** Intents written before several locations name none: they are the plain-key location's. */
function withLocations(intents: DiskState['intents'], plain: string | undefined): State['intents'] {
  if (plain === undefined) return intents;
  return Object.fromEntries(Object.entries(intents).map(([key, intent]) => [key, intent.locationId ? intent : { ...intent, locationId: plain }]));
}
