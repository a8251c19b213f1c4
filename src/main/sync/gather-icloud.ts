// Reads what changed in the followed iCloud calendars and expands it in the window. It changes no
// state: what it read (objects with their etags, each calendar's new cursor) is data for the planner,
// which turns it into operations the executor records (DESIGN §2: one writer).
import { own } from '../../shared/own';
import type { KnownObject, RemoteObject } from '../icloud';
import type { IcsCodec } from '../icloud';
import type { State } from '../store/state-schema';
import { cappedSeriesNotice } from './bounds-notices';
import { keptRangesOf } from './kept-range';
import { goneForLocations } from './location-calendar-gone';
import { checkNotEmpty } from './guards';
import type { IcloudChanges } from './plan-input';
import type { IcloudPort } from './ports';

const allTime = { start: new Date(Date.UTC(1900, 0, 1)), end: new Date(Date.UTC(2200, 0, 1)) };

export interface FollowedCalendar {
  url: string;
  source: 'linked' | 'busy';
}

/**
 * What we know of a calendar's objects: their records, and also every href a pair or a blocked-slot
 * intent names that has no record (etag ''), so it is read again and its deletion is seen. A state written by a cycle that was
 * interrupted between a pair and its object record (or by an older version that recorded objects only
 * at the end of a cycle) thus still finds, follows and, when its event goes, removes every slot.
 */
export function knownObjects(state: State, calendarUrl: string, rereadAll: boolean): KnownObject[] {
  const known = new Map<string, string>();
  for (const [href, object] of Object.entries(state.objects)) {
    if (object.calendarUrl === calendarUrl) known.set(href, rereadAll ? '' : (object.etag ?? ''));
  }
  for (const pair of Object.values(state.pairs)) {
    if (pair.icloud?.calendarUrl === calendarUrl && !known.has(pair.icloud.href)) known.set(pair.icloud.href, '');
  }
  // A create sent before an interruption: its event must be read, or its deletion seen, to settle it.
  for (const intent of Object.values(state.intents)) {
    if (intent.href && intent.calendarUrl === calendarUrl && !known.has(intent.href)) known.set(intent.href, '');
  }
  return [...known].map(([href, etag]) => ({ href, etag }));
}

export async function gatherIcloud(
  icloud: IcloudPort,
  codec: IcsCodec,
  state: State,
  calendars: FollowedCalendar[],
  /**
   * rereadAll: read every object again, not only the changed ones. Needed when the window moved (a
   * day passed: series and far-ahead single events have occurrences entering it) or when a setting
   * changed how events are projected (freeEventsBlock, blockTitles, the window size, the zone):
   * unchanged events must be judged again. One listing and a multiget per 250 events, once a day.
   */
  options: { window: { start: Date; end: Date }; floatingZone: string; rereadAll: boolean; allowEmpty: boolean; now?: Date },
): Promise<IcloudChanges> {
  const changes: Required<IcloudChanges> = { changed: [], deleted: [], failures: [], calendars: [], notices: [], goneCalendars: [] };
  for (const calendar of calendars) {
    // What was taken of it before it answered 404 (a batch read before the calendar went) is dropped.
    const taken = { changed: changes.changed.length, failures: changes.failures.length, notices: changes.notices.length };
    // Listed only once the calendar changed: an idle one is one request and no walk over the state.
    let known: KnownObject[] | undefined;
    const knownNow = () => (known ??= knownObjects(state, calendar.url, options.rereadAll));
    const cursor = options.rereadAll ? {} : (state.cursors[calendar.url] ?? {});
    // Each batch of objects is parsed into its compact change as it arrives and its raw ICS dropped,
    // so a first sync of thousands of events holds their occurrences, never all their texts.
    const read: string[] = [];
    const take = (objects: RemoteObject[]) => {
      for (const remote of objects) {
        read.push(remote.href);
        takeObject(changes, codec, remote, calendar, options);
      }
    };
    // A location's own calendar gone is its locations' loss only: they are left out, the others read on.
    const result = await icloud.fetchChanges(calendar.url, cursor, knownNow, take).catch((error: unknown) => goneForLocations(error, state, calendar.url));
    if ('error' in result) {
      changes.changed.length = taken.changed;
      changes.failures.length = taken.failures;
      changes.notices.length = taken.notices;
      changes.goneCalendars.push(result);
      continue;
    }
    take([...result.created, ...result.updated]); // a side that returned them instead
    const unreadable = result.unreadable ?? [];
    if (result.method === 'full-listing' && !options.allowEmpty) {
      const synced = Object.values(state.pairs).filter((p) => p.icloud?.calendarUrl === calendar.url);
      const name = own(state.links.names, calendar.url);
      const listed = read.length + unreadable.length + (knownNow().length - result.deleted.length);
      checkNotEmpty('icloud', name ? `the calendar “${name}”` : `the calendar ${calendar.url}`, listed, synced);
    }
    for (const item of unreadable) changes.failures.push({ href: item.href, calendarUrl: calendar.url, error: item.error });
    changes.deleted.push(...result.deleted);
    changes.calendars.push({
      url: calendar.url,
      cursor: { syncToken: result.newSyncToken, ctag: result.newCtag },
      hrefs: [...read, ...unreadable.map((o) => o.href), ...result.deleted],
    });
  }
  return changes;
}

type GatherOptions = Parameters<typeof gatherIcloud>[4];
type Parsed = Parameters<IcsCodec['expandWithLimits']>[0];

/** One object as read: parsed once, expanded, and kept only as its change (or its failure). */
function takeObject(changes: Required<IcloudChanges>, codec: IcsCodec, remote: RemoteObject, calendar: FollowedCalendar, options: GatherOptions): void {
  const parsed = codec.parse(remote.data, { floatingZone: options.floatingZone, source: remote.href });
  if (!parsed.ok) {
    changes.failures.push({ href: remote.href, calendarUrl: calendar.url, error: parsed.error });
    return;
  }
  if (parsed.object.events.length === 0) {
    changes.failures.push({ href: remote.href, calendarUrl: calendar.url, error: 'it holds no event (no VEVENT): a task, a journal entry or an empty file' });
    return;
  }
  const recurring = parsed.object.events.some((e) => e.recurrence);
  // A single event keeps its one occurrence wherever it moved, so its pair follows it (S9)
  // instead of reading "moved out of the window" as a deletion; series expand in the window,
  // capped per series from now on (what was cut becomes a notice).
  const expanded = expandOrFail(changes, codec, parsed.object, recurring ? options.window : allTime, remote, calendar, options);
  if (!expanded) return;
  changes.notices.push(...expanded.capped.map((capped) => cappedSeriesNotice(remote.href, capped)));
  // What the codec read leniently (an unknown TZID: floating), named by the event: a notice.
  const title = parsed.object.events[0]?.title ?? remote.href;
  for (const warning of parsed.object.warnings) changes.notices.push({ href: remote.href, key: remote.href, title, reason: warning });
  changes.changed.push({
    href: remote.href, etag: remote.etag, calendarUrl: calendar.url, source: calendar.source, recurring, uid: parsed.object.events[0]?.uid,
    occurrences: expanded.occurrences,
    ...keptRangesOf(expanded.capped),
  });
}

/**
 * The object's occurrences, or undefined (and a per-item failure) when ical.js throws on a rule the
 * codec let through: one hostile event fails only itself, never the whole cycle.
 */
function expandOrFail(
  changes: Required<IcloudChanges>, codec: IcsCodec, object: Parsed, window: Parameters<IcsCodec['expandWithLimits']>[1], remote: RemoteObject, calendar: FollowedCalendar, options: GatherOptions,
): ReturnType<IcsCodec['expandWithLimits']> | undefined {
  try {
    return codec.expandWithLimits(object, window, options.now ?? new Date());
  } catch (error) {
    changes.failures.push({ href: remote.href, calendarUrl: calendar.url, error: `its recurrence could not be expanded: ${(error as Error).message}` });
    return undefined;
  }
}
