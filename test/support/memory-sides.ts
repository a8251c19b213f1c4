// In-memory iCloud and platform sides implementing the engine's ports (src/main/sync/ports.ts), for
// property-based tests and benchmarks that run thousands of cycles. They keep the semantics the
// engine relies on: etags change on every write, conditional writes (If-None-Match / If-Match) are
// refused with the same errors the real clients raise, the change feed works by sync token (with a
// full listing when there is none), and the platform lists a user's events overlapping a window.
// Besides the ports, each side has "user" hands: edits made behind the engine's back.
import { SyncError } from '../../src/main/errors';
import { IcloudConflictError, IcsCodec, type CalendarCursor, type ChangeSet, type KnownObjects, type RemoteObject, type WriteResult, knownList } from '../../src/main/icloud';
import type { AppointmentUpdate, BlockSlotInput, EventWindow } from '../../src/main/platform/client';
import type { CalendarEvent } from '../../src/main/platform/schemas';
import type { IcloudPort, PlatformPort } from '../../src/main/sync/ports';
import { RequestCounter } from '../../src/main/request-counter';
import { HistoryStore } from '../../src/main/store/history-store';
import { StateStore } from '../../src/main/store/state-store';
import type { UndoStore } from '../../src/main/store/undo-store';
import { runCycle } from '../../src/main/sync/cycle';
import type { Settings } from '../../src/shared/settings';

interface StoredObject {
  calendarUrl: string;
  etag: string;
  data: string;
}

/** Every write bumps one counter: etags, ctags and sync tokens derive from it. */
export class MemoryIcloud implements IcloudPort {
  readonly objects = new Map<string, StoredObject>();
  /** Change log for sync tokens: [sequence, href]. */
  private readonly log: { seq: number; href: string; calendarUrl: string }[] = [];
  private seq = 0;
  /** Requests the engine made (for benches and cost checks). */
  requests = 0;
  /** Called before every engine request; throw from it to inject a failure. */
  beforeRequest?: (what: string) => void;

  private touch(calendarUrl: string, href: string): string {
    this.seq += 1;
    this.log.push({ seq: this.seq, href, calendarUrl });
    return `"e${this.seq}"`;
  }

  private token(calendarUrl: string): string {
    const last = [...this.log].reverse().find((entry) => entry.calendarUrl === calendarUrl);
    return `tok-${last?.seq ?? 0}`;
  }

  private enter(what: string): void {
    this.requests += 1;
    this.beforeRequest?.(what);
  }

  // ---- the port -------------------------------------------------------------------------------

  async fetchChanges(calendarUrl: string, cursor: CalendarCursor, knownObjects: KnownObjects): Promise<ChangeSet> {
    this.enter('fetchChanges');
    const now = this.token(calendarUrl);
    if (cursor.syncToken === now) return { created: [], updated: [], deleted: [], newSyncToken: now, newCtag: now, method: 'unchanged' };
    const known = knownList(knownObjects);
    const knownEtag = new Map(known.map((k) => [k.href, k.etag]));
    const members = [...this.objects].filter(([, o]) => o.calendarUrl === calendarUrl);
    let candidates: string[];
    let deleted: string[];
    let method: ChangeSet['method'];
    const since = cursor.syncToken?.startsWith('tok-') ? Number(cursor.syncToken.slice(4)) : undefined;
    if (since !== undefined && since <= this.seq) {
      const touched = new Set(this.log.filter((e) => e.seq > since && e.calendarUrl === calendarUrl).map((e) => e.href));
      candidates = [...touched].filter((href) => this.objects.has(href));
      deleted = [...touched].filter((href) => !this.objects.has(href) && knownEtag.has(href));
      method = 'sync-collection';
    } else {
      candidates = members.map(([href]) => href);
      deleted = [...knownEtag.keys()].filter((href) => !this.objects.has(href));
      method = 'full-listing';
    }
    const changed = candidates
      .filter((href) => knownEtag.get(href) !== this.objects.get(href)!.etag || knownEtag.get(href) === '')
      .map((href) => ({ href, ...this.objects.get(href)! }));
    return {
      created: changed.filter((o) => !knownEtag.has(o.href)).map(remote),
      updated: changed.filter((o) => knownEtag.has(o.href)).map(remote),
      deleted,
      newSyncToken: now,
      newCtag: now,
      method,
    };
  }

  async getObject(href: string): Promise<RemoteObject | undefined> {
    this.enter('getObject');
    const object = this.objects.get(href);
    return object ? { href, etag: object.etag, data: object.data } : undefined;
  }

  async createEvent(calendarUrl: string, uuid: string, ics: string): Promise<WriteResult> {
    this.enter('createEvent');
    const href = `${calendarUrl}${uuid}.ics`;
    const existing = this.objects.get(href);
    if (existing) throw new IcloudConflictError('An event already exists at this address in iCloud.', { href, etag: existing.etag, data: existing.data }, 412);
    return this.write(calendarUrl, href, ics);
  }

  async updateEvent(href: string, ics: string, etag: string): Promise<WriteResult> {
    this.enter('updateEvent');
    const existing = this.objects.get(href);
    if (!existing) throw new SyncError('gone', 'The event was deleted in iCloud.', { side: 'icloud', status: 404 });
    if (etag !== '*' && etag !== existing.etag) throw new IcloudConflictError('The event changed in iCloud.', { href, etag: existing.etag, data: existing.data }, 412);
    return this.write(existing.calendarUrl, href, ics);
  }

  async deleteEvent(href: string, etag: string): Promise<'deleted' | 'gone'> {
    this.enter('deleteEvent');
    const existing = this.objects.get(href);
    if (!existing) return 'gone';
    if (etag !== '*' && etag !== existing.etag) throw new IcloudConflictError('The event changed in iCloud.', { href, etag: existing.etag, data: existing.data }, 412);
    this.objects.delete(href);
    this.touch(existing.calendarUrl, href);
    return 'deleted';
  }

  // ---- the user's hands -----------------------------------------------------------------------

  private write(calendarUrl: string, href: string, data: string): WriteResult {
    const etag = this.touch(calendarUrl, href);
    this.objects.set(href, { calendarUrl, etag, data });
    return { href, etag };
  }

  /** The Calendar app writes a file (create or edit). */
  userPut(calendarUrl: string, file: string, ics: string): string {
    const href = `${calendarUrl}${file}`;
    this.write(calendarUrl, href, ics);
    return href;
  }

  userDelete(href: string): void {
    const existing = this.objects.get(href);
    if (!existing) return;
    this.objects.delete(href);
    this.touch(existing.calendarUrl, href);
  }

  in(calendarUrl: string): RemoteObject[] {
    return [...this.objects].filter(([, o]) => o.calendarUrl === calendarUrl).map(([href, o]) => ({ href, etag: o.etag, data: o.data }));
  }
}

function remote(object: { href: string; etag: string; data: string }): RemoteObject {
  return { href: object.href, etag: object.etag, data: object.data };
}

export interface MemoryPlatformOptions {
  locationId?: string;
  now?: () => Date;
  /** How its event ids begin (default "ev"): two locations' ids must not be equal, as on the platform. */
  idPrefix?: string;
}

/** The platform's events for one location; ids are sequential so tests can read them. */
export class MemoryPlatform implements PlatformPort {
  readonly events = new Map<string, CalendarEvent>();
  readonly locationId: string;
  private nextId = 1;
  private readonly now: () => Date;
  private readonly idPrefix: string;
  requests = 0;
  beforeRequest?: (what: string) => void;

  constructor(options: MemoryPlatformOptions = {}) {
    this.locationId = options.locationId ?? 'loc-1';
    this.now = options.now ?? (() => new Date());
    this.idPrefix = options.idPrefix ?? 'ev';
  }

  private enter(what: string): void {
    this.requests += 1;
    this.beforeRequest?.(what);
  }

  private list(window: EventWindow, appointments: boolean): CalendarEvent[] {
    const from = Date.parse(String(new Date(window.startTime).toISOString()));
    const to = Date.parse(String(new Date(window.endTime).toISOString()));
    const userId = 'userId' in window ? window.userId : undefined;
    return [...this.events.values()]
      .filter((e) => Boolean(e.contactId) === appointments)
      .filter((e) => !userId || e.assignedUserId === userId || e.users.includes(userId))
      .filter((e) => Date.parse(e.startTime) < to && Date.parse(e.endTime) > from)
      .map((e) => ({ ...e, users: [...e.users] }));
  }

  async listAppointments(window: EventWindow): Promise<CalendarEvent[]> {
    this.enter('listAppointments');
    return this.list(window, true);
  }

  async listBlockedSlots(window: EventWindow): Promise<CalendarEvent[]> {
    this.enter('listBlockedSlots');
    return this.list(window, false);
  }

  async getEvent(eventId: string): Promise<CalendarEvent> {
    this.enter('getEvent');
    const event = this.events.get(eventId);
    if (!event) throw new SyncError('gone', `Event ${eventId} not found.`, { side: 'platform', status: 404 });
    return { ...event, users: [...event.users] };
  }

  async createBlockSlot(input: BlockSlotInput): Promise<{ id: string; title: string; startTime: string; endTime: string }> {
    this.enter('createBlockSlot');
    const event = this.insert({ title: input.title ?? 'Blocked', assignedUserId: input.assignedUserId, startTime: iso(input.startTime), endTime: iso(input.endTime) });
    return { id: event.id, title: event.title, startTime: event.startTime, endTime: event.endTime };
  }

  async updateBlockSlot(eventId: string, input: BlockSlotInput): Promise<unknown> {
    this.enter('updateBlockSlot');
    const event = this.events.get(eventId);
    if (!event || event.contactId) throw new SyncError('gone', `Blocked slot ${eventId} not found.`, { side: 'platform', status: 404 });
    return this.patch(eventId, { title: input.title ?? event.title, startTime: iso(input.startTime), endTime: iso(input.endTime) });
  }

  async updateAppointment(eventId: string, update: AppointmentUpdate & { description?: string }): Promise<unknown> {
    this.enter('updateAppointment');
    const event = this.events.get(eventId);
    if (!event || !event.contactId) throw new SyncError('gone', `Appointment ${eventId} not found.`, { side: 'platform', status: 404 });
    return this.patch(eventId, {
      ...(update.title !== undefined ? { title: update.title } : {}),
      ...(update.startTime !== undefined ? { startTime: iso(update.startTime) } : {}),
      ...(update.endTime !== undefined ? { endTime: iso(update.endTime) } : {}),
      ...(update.appointmentStatus !== undefined ? { appointmentStatus: update.appointmentStatus } : {}),
      ...(update.address !== undefined ? { address: update.address } : {}),
      ...(update.description !== undefined ? { description: update.description } : {}),
    });
  }

  async deleteEvent(eventId: string): Promise<void> {
    this.enter('deleteEvent');
    if (!this.events.delete(eventId)) throw new SyncError('gone', `Event ${eventId} not found.`, { side: 'platform', status: 404 });
  }

  // ---- the user's (and customers') hands ------------------------------------------------------

  insert(fields: Partial<CalendarEvent> & { startTime: string; endTime: string }): CalendarEvent {
    const id = `${this.idPrefix}${this.nextId++}`;
    const stamp = this.now().toISOString();
    const event: CalendarEvent = { title: '', users: [], locationId: this.locationId, dateAdded: stamp, dateUpdated: stamp, ...fields, id };
    this.events.set(id, event);
    return event;
  }

  /** A customer books an appointment (a contact) for `userId` on `calendarId`. */
  book(fields: { userId: string; calendarId: string; title: string; startTime: string; endTime: string }): CalendarEvent {
    return this.insert({
      contactId: 'contact-1', calendarId: fields.calendarId, assignedUserId: fields.userId, appointmentStatus: 'confirmed',
      title: fields.title, startTime: fields.startTime, endTime: fields.endTime,
    });
  }

  patch(id: string, fields: Partial<CalendarEvent>): CalendarEvent {
    const event = this.events.get(id);
    if (!event) throw new Error(`no event ${id}`);
    Object.assign(event, fields, { dateUpdated: this.now().toISOString() });
    return event;
  }

  appointments(): CalendarEvent[] {
    return [...this.events.values()].filter((e) => e.contactId);
  }

  blocks(): CalendarEvent[] {
    return [...this.events.values()].filter((e) => !e.contactId);
  }
}

function iso(time: BlockSlotInput['startTime']): string {
  return new Date(time).toISOString();
}

// ---- an engine over the memory sides ----------------------------------------------------------

export const MEMORY_CALENDAR = 'mem://icloud/alice/work/';
export const MEMORY_USER = 'user-me';
export const MEMORY_PLATFORM_CALENDAR = 'cal-1';

export interface MemoryEngineOptions {
  dataDir: string;
  now: () => Date;
  settings?: Partial<Settings>;
  /** The platform location's zone (all-day blocks, S15). */
  zone?: string;
  /** The Mac's zone (floating times); default: this process's. */
  localZone?: string;
  /** undo.json: keep what undoes each run (default: none, runs not undoable). */
  undo?: UndoStore;
}

/**
 * The real cycle (plan → guard → execute → record, state.json and history on disk) over the memory
 * sides, connected and linked as after onboarding.
 */
export async function createMemoryEngine(options: MemoryEngineOptions) {
  const icloud = new MemoryIcloud();
  const platform = new MemoryPlatform({ now: options.now });
  const store = new StateStore(options.dataDir);
  const history = new HistoryStore(options.dataDir, { maxRuns: 50, maxAgeDays: 90 });
  const codec = new IcsCodec();
  await store.update((state) => {
    const at = options.now().toISOString();
    state.accounts.icloud = { appleId: 'alice@example.com', caldavUrl: 'mem://icloud/', connectedAt: at };
    state.accounts.platforms = {
      [platform.locationId]: {
        locationId: platform.locationId, userId: MEMORY_USER, apiUrl: 'mem://platform', locationTimezone: options.zone ?? 'UTC', locationCheckedAt: at, connectedAt: at,
        calendars: [MEMORY_PLATFORM_CALENDAR],
      },
    };
    state.links = { icloudCalendar: MEMORY_CALENDAR, busySources: [], names: {} };
    Object.assign(state.settings, options.settings ?? {});
  });
  const deps = { store, history, undo: options.undo, codec, counter: new RequestCounter(), now: options.now, localZone: options.localZone, sides: async () => ({ icloud, platform }) };
  return {
    icloud, platform, store, codec, history,
    sync: (opts: { allowDeletions?: boolean; allowCreations?: boolean } = {}) =>
      runCycle(deps, { trigger: 'manual', allowDeletions: opts.allowDeletions, allowCreations: opts.allowCreations }),
    /** A dry run (sync --dry-run): reads, plans, writes nothing. */
    preview: () => runCycle(deps, { trigger: 'manual', dryRun: true }),
  };
}
