// Reads what changed in the followed iCloud calendars and expands it in the window. Nothing is
// recorded here: cursors and etags are committed only after the cycle's operations ran (commit()).
import type { RunItem } from '../../shared/run-report';
import type { IcsCodec } from '../icloud';
import type { State } from '../store/state-schema';
import { checkNotEmpty } from './guards';
import type { IcloudChanges, IcloudObjectChange } from './plan-input';
import type { IcloudPort } from './ports';

const allTime = { start: new Date(Date.UTC(1900, 0, 1)), end: new Date(Date.UTC(2200, 0, 1)) };

export interface FollowedCalendar {
  url: string;
  source: 'linked' | 'busy';
}

export interface GatheredIcloud {
  changes: IcloudChanges;
  /** Run-report `notice` items: what the codec read leniently (an unknown TZID), per event. */
  notices: RunItem[];
  /**
   * Apply the new cursors and object etags to state, after the operations ran. Objects in `retry`
   * (their operation failed) are left as they were, and their calendar's cursor is not advanced, so
   * the next cycle reads and plans them again instead of taking them as done.
   */
  commit(state: State, retry?: ReadonlySet<string>): void;
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
   * unchanged events must be judged again. One listing and a multiget per 100 events, once a day.
   */
  options: { window: { start: Date; end: Date }; zone: string; rereadAll: boolean; allowEmpty: boolean },
): Promise<GatheredIcloud> {
  const changes: IcloudChanges = { changed: [], deleted: [], failures: [] };
  const notices: RunItem[] = [];
  const commits: ((state: State, retry: ReadonlySet<string>) => void)[] = [];
  for (const calendar of calendars) {
    const known = Object.entries(state.objects)
      .filter(([, object]) => object.calendarUrl === calendar.url)
      .map(([href, object]) => ({ href, etag: options.rereadAll ? '' : (object.etag ?? '') }));
    const cursor = options.rereadAll ? {} : (state.cursors[calendar.url] ?? {});
    const result = await icloud.fetchChanges(calendar.url, cursor, known);
    const fetched = [...result.created, ...result.updated];
    if (result.method === 'full-listing' && !options.allowEmpty) {
      const synced = Object.values(state.pairs).filter((p) => p.icloud?.calendarUrl === calendar.url).length;
      checkNotEmpty('iCloud', `the calendar ${calendar.url}`, fetched.length + (known.length - result.deleted.length), synced);
    }
    const objectUpdates: [string, State['objects'][string]][] = [];
    for (const remote of fetched) {
      const parsed = codec.parse(remote.data, { floatingZone: options.zone, source: remote.href });
      if (!parsed.ok) {
        changes.failures.push({ href: remote.href, calendarUrl: calendar.url, error: parsed.error });
        continue;
      }
      const recurring = parsed.object.events.some((e) => e.recurrence);
      const title = parsed.object.events[0]?.title ?? remote.href;
      for (const warning of parsed.object.warnings) notices.push({ op: 'notice', side: 'icloud', pair: remote.href, title, reason: warning });
      const change: IcloudObjectChange = {
        href: remote.href, etag: remote.etag, calendarUrl: calendar.url, source: calendar.source, recurring,
        // A single event keeps its one occurrence wherever it moved, so its pair follows it (S9)
        // instead of reading "moved out of the window" as a deletion; series expand in the window.
        occurrences: codec.expand(parsed.object, recurring ? options.window : allTime),
      };
      changes.changed.push(change);
      objectUpdates.push([remote.href, { etag: remote.etag, calendarUrl: calendar.url, uid: parsed.object.events[0]?.uid, recurring }]);
    }
    changes.deleted.push(...result.deleted);
    // What we knew of each fetched object when the cycle started: the executor may write (or delete)
    // one of them before commit, and its newer etag must not be overwritten by the one read here.
    const before = new Map(objectUpdates.map(([href]) => [href, state.objects[href]?.etag]));
    commits.push((draft, retry) => {
      const retried = [...objectUpdates.map(([href]) => href), ...result.deleted].some((href) => retry.has(href));
      if (!retried) draft.cursors[calendar.url] = { syncToken: result.newSyncToken, ctag: result.newCtag };
      for (const [href, object] of objectUpdates) {
        if (retry.has(href) || draft.objects[href]?.etag !== before.get(href)) continue;
        draft.objects[href] = object;
      }
      for (const href of result.deleted) if (!retry.has(href)) delete draft.objects[href];
    });
  }
  return { changes, notices, commit: (draft, retry = new Set()) => commits.forEach((apply) => apply(draft, retry)) };
}
