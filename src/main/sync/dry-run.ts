// The dry run (`sync --dry-run`, the onboarding preview): the whole cycle runs — full read, plan,
// guards, the executor — but against a scratch copy of the state and sides that only read. Running
// the real executor (not a separate description of the plan) is what makes the preview report
// exactly what the following sync does: the same code decides the items and counts. Nothing is
// saved: the scratch transaction's save() is a no-op and the real transaction is never saved.
import type { Settings } from '../../shared/settings';
import { platformAccounts } from '../store/locations';
import { rebaseline } from '../store/rebaseline';
import type { State } from '../store/state-schema';
import type { CycleSides } from './cycle-locations';
import type { StateTransaction } from '../store/state-store';
import type { Operation } from './operations';
import type { PlatformPort } from './ports';

/**
 * Calendars the user is choosing but has not saved (onboarding's last step, Settings → Calendars):
 * previewed as if linked, so nothing is linked — and no scheduled sync can start — before they
 * press "Start Syncing" or "Apply".
 */
export interface ProposedLinks {
  icloud: string;
  busy: string[];
  platformCalendars: string[];
  /**
   * Each location's platform calendars, when only some change (`link --location-id`): a location not
   * listed keeps its saved ones. Absent: every location syncs those of `platformCalendars` in it.
   */
  perLocation?: { locationId: string; calendars: string[] }[];
  /** Every location's own iCloud calendar as proposed (undefined: the main one); absent: as saved. */
  locationCalendars?: Record<string, string | undefined>;
}

/** What a preview plans with instead of what is saved: settings and calendars proposed, not applied. */
export interface ProposedChanges {
  links?: ProposedLinks;
  /** Already validated (the IPC contract, parseSettingText): the scratch copy takes them as they are. */
  settings?: Partial<Settings>;
}

/** A copy of the state the executor may change freely; never written to disk. */
export function scratchTransaction(tx: StateTransaction, proposed: ProposedChanges = {}): StateTransaction {
  const state: State = structuredClone(tx.state);
  const { links, settings } = proposed;
  if (links) {
    // As AccountsService.link does on saving: another linked calendar starts a new baseline.
    if (state.links.icloudCalendar && state.links.icloudCalendar !== links.icloud) rebaseline(state, 'icloud');
    state.links = { ...state.links, icloudCalendar: links.icloud, busySources: [...new Set(links.busy)] };
    // Calendar ids are the platform's, unique across locations: each location syncs those of its own.
    // A location whose calendars are not proposed keeps its saved list (the preview of one location must
    // not read the others as having synced nothing).
    const proposedFor = (id: string) => (links.perLocation ? links.perLocation.find((entry) => entry.locationId === id)?.calendars : links.platformCalendars);
    for (const account of platformAccounts(state)) {
      const { icloudCalendar: _saved, ...rest } = account;
      const own = links.locationCalendars ? links.locationCalendars[account.locationId] : account.icloudCalendar;
      state.accounts.platforms[account.locationId] = { ...rest, calendars: proposedFor(account.locationId) ?? account.calendars, ...(own !== undefined ? { icloudCalendar: own } : {}) };
    }
  }
  if (settings) state.settings = { ...state.settings, ...settings };
  return { state, save: async () => undefined };
}

/**
 * The two sides with every write answered locally: reads go to the servers, writes never leave the
 * process. The answers are what the executor needs to go on (an href, an id), marked as previews.
 */
export function readOnlySides(sides: CycleSides): CycleSides {
  const { icloud } = sides;
  const slots = { made: 0 };
  const locations = sides.locations
    ? Object.fromEntries(Object.entries(sides.locations).map(([id, side]) => [id, { ...side, platform: readOnlyPlatform(side.platform, slots) }]))
    : undefined;
  return {
    ...(locations ? { locations } : {}),
    platform: readOnlyPlatform(sides.platform, slots),
    icloud: {
      fetchChanges: (...args) => icloud.fetchChanges(...args),
      getObject: (href) => icloud.getObject(href),
      createEvent: async (calendarUrl, uuid) => ({ href: new URL(`${uuid}.ics`, withSlash(calendarUrl)).toString(), etag: PREVIEW_ETAG }),
      updateEvent: async (href) => ({ href, etag: PREVIEW_ETAG }),
      deleteEvent: async () => 'deleted',
    },
  };
}

function readOnlyPlatform(platform: PlatformPort, slots: { made: number }): PlatformPort {
  return {
    listAppointments: (window) => platform.listAppointments(window),
    listBlockedSlots: (window) => platform.listBlockedSlots(window),
    getEvent: (id) => platform.getEvent(id),
    createBlockSlot: async (input) => ({ id: `dry-run-${++slots.made}`, title: input.title ?? '', startTime: isoOf(input.startTime), endTime: isoOf(input.endTime) }),
    updateBlockSlot: async () => undefined,
    updateAppointment: async () => undefined,
    deleteEvent: async () => undefined,
  };
}

/** A cursor "settles" by reading the calendar again after our own writes; a dry run wrote nothing. */
export function withoutSettling(ops: Operation[]): Operation[] {
  return ops.map((op) => (op.type === 'cursor.commit' && op.settle ? { ...op, settle: false } : op));
}

/** No server gave it: only the scratch state ever holds it. */
const PREVIEW_ETAG = '"dry-run"';

function isoOf(time: Date | number | string): string {
  return typeof time === 'string' ? time : new Date(time).toISOString();
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
