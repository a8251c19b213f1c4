// Builds planner inputs for one pair in a named situation, with no server: the owner, what iCloud
// says (new, same, changed, gone, left the window) and what the platform says (same, changed, gone,
// unknown). Used by the table-driven test of plan() (plan.table.test.ts).
import { IcsCodec } from '../../../src/main/icloud';
import type { CalendarEvent } from '../../../src/main/platform/schemas';
import { appointmentContentFromIcloud, appointmentContentFromPlatform, blockContentFromIcloud, hashContent } from '../../../src/main/sync/content';
import { appointmentKey, icloudItemKey, type PairRecord } from '../../../src/main/sync/pair';
import type { IcloudObjectChange, PlanContext, PlanInput } from '../../../src/main/sync/plan-input';
import { syncWindow } from '../../../src/main/sync/sync-window';
import { defaultSettings, type Settings } from '../../../src/shared/settings';

export type Owner = 'icloud' | 'platform';
export type IcloudState = 'new' | 'same' | 'changed' | 'gone' | 'left the window';
export type PlatformState = 'new' | 'same' | 'changed' | 'gone' | 'unknown';

export const NOW = new Date('2031-03-01T00:00:00Z');
export const CAL = 'cal://alice/work/';
export const BUSY = 'cal://alice/family/';
const USER = 'user-me';
const HOUR = 3_600_000;
const codec = new IcsCodec();
const allTime = { start: new Date(Date.UTC(1900, 0, 1)), end: new Date(Date.UTC(2200, 0, 1)) };

export const iso = (ms: number) => new Date(ms).toISOString();
const stamp = (ms: number) => iso(ms).replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function userIcs(uid: string, title: string, startMs: number, lines: string[] = []): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20310101T000000Z',
    `DTSTART:${stamp(startMs)}`, `DTEND:${stamp(startMs + HOUR)}`, `SUMMARY:${title}`, ...lines, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
}

export function objectChange(href: string, ics: string, etag: string, calendarUrl = CAL, source: 'linked' | 'busy' = 'linked'): IcloudObjectChange {
  const parsed = codec.parse(ics, { floatingZone: 'UTC' });
  if (!parsed.ok) throw new Error(parsed.error);
  const recurring = parsed.object.events.some((e) => e.recurrence);
  return { href, etag, calendarUrl, source, recurring, uid: parsed.object.events[0]?.uid, occurrences: codec.expand(parsed.object, allTime) };
}

export interface Situation {
  owner: Owner;
  icloud: IcloudState;
  platform: PlatformState;
  policy?: Settings['conflictPolicy'];
  settings?: Partial<Settings>;
  /** iCloud's and the platform's edits are the same change. */
  sameEdit?: boolean;
  /** LAST-MODIFIED of the iCloud edit and dateUpdated of the platform one (policy "newest"). */
  icloudModified?: string;
  platformModified?: string;
  /** The event lives in a busy source (one way). */
  busy?: boolean;
  /** The iCloud event is free (TRANSP:TRANSPARENT): S13. */
  free?: boolean;
}

export function situation(s: Situation): PlanInput {
  const settings: Settings = { ...defaultSettings, conflictPolicy: s.policy ?? 'ask', ...s.settings };
  const window = syncWindow(NOW, settings);
  const context: PlanContext = { userId: USER, linkedCalendarUrl: CAL, platformCalendarIds: ['cal-rr'], zone: 'UTC', floatingZone: 'UTC', window };
  // "Left the window": the pair's event ended before the window began, and neither side says more.
  const startMs = s.icloud === 'left the window' ? window.start.getTime() - 10 * 24 * HOUR : NOW.getTime() + 2 * 24 * HOUR + 10 * HOUR;
  const input: PlanInput = {
    pairs: {}, intents: {}, icloud: { changed: [], deleted: [], failures: [], calendars: [{ url: CAL, cursor: { syncToken: 'tok-2' }, hrefs: [] }] },
    platform: { events: [], lookups: {} }, settings, context, now: NOW, judgedWith: 'day-2',
  };
  const lastModified = s.icloudModified ? [`LAST-MODIFIED:${s.icloudModified}`] : [];
  if (s.owner === 'icloud') {
    const calendarUrl = s.busy ? BUSY : CAL;
    const href = `${calendarUrl}u1.ics`;
    const before = objectChange(href, userIcs('u1', 'Dentist', startMs), '"e1"', calendarUrl, s.busy ? 'busy' : 'linked');
    const occ = before.occurrences[0];
    const content = blockContentFromIcloud(occ, settings, 'UTC');
    const hash = hashContent(content);
    const pair: PairRecord = {
      key: icloudItemKey(href), owner: 'icloud', status: 'synced', title: 'Dentist', start: content.start, end: content.end, allDay: false,
      platformId: 'blk1', platformKind: 'block', icloud: { href, etag: '"e1"', uid: 'u1', calendarUrl, source: s.busy ? 'busy' : 'linked' },
      hashes: { icloud: hash, platform: hash }, updatedAt: iso(NOW.getTime()),
    };
    if (s.icloud !== 'new') input.pairs[pair.key] = pair;
    const free = s.free ? ['TRANSP:TRANSPARENT'] : [];
    if (s.icloud === 'new') input.icloud.changed.push(objectChange(href, userIcs('u1', 'Dentist', startMs, [...free, ...lastModified]), '"e1"', calendarUrl));
    if (s.icloud === 'changed') {
      const edit = s.sameEdit ? startMs + HOUR : startMs + 2 * HOUR;
      input.icloud.changed.push(objectChange(href, userIcs('u1', 'Dentist', edit, [...free, ...lastModified]), '"e2"', calendarUrl, s.busy ? 'busy' : 'linked'));
    }
    if (s.icloud === 'gone') input.icloud.deleted.push(href);
    const block: CalendarEvent = { id: 'blk1', title: 'Dentist', locationId: 'loc', assignedUserId: USER, users: [], startTime: content.start, endTime: content.end };
    if (s.platform === 'same') input.platform.events.push(block);
    if (s.platform === 'changed') {
      const moved = startMs + HOUR;
      input.platform.events.push({ ...block, startTime: iso(moved), endTime: iso(moved + HOUR), ...(s.platformModified ? { dateUpdated: s.platformModified } : {}) });
    }
    return input;
  }
  const href = `${CAL}m1.ics`;
  const appointment: CalendarEvent = {
    id: 'a1', title: 'Consult', calendarId: 'cal-rr', locationId: 'loc', contactId: 'c1', assignedUserId: USER, users: [], appointmentStatus: 'confirmed',
    startTime: iso(startMs), endTime: iso(startMs + HOUR), ...(s.platformModified ? { dateUpdated: s.platformModified } : {}),
  };
  const mirror = (title: string) => codec.mirror({ uid: 'm1@icloud-sync-companion', platformId: 'a1', title, start: { iso: iso(startMs) }, end: { iso: iso(startMs + HOUR) }, tzid: 'UTC', now: NOW })
    .replace('END:VEVENT', [...lastModified, 'END:VEVENT'].join('\r\n'));
  const occ = objectChange(href, mirror('Consult'), '"m1"').occurrences[0];
  const hash = hashContent(appointmentContentFromPlatform(appointment));
  const pair: PairRecord = {
    key: appointmentKey('a1'), owner: 'platform', status: 'synced', title: 'Consult', start: appointment.startTime, end: appointment.endTime, allDay: false,
    platformId: 'a1', platformKind: 'appointment', icloud: { href, etag: '"m1"', uid: occ.uid, calendarUrl: CAL, source: 'linked' },
    hashes: { icloud: hashContent(appointmentContentFromIcloud(occ)), platform: hash }, updatedAt: iso(NOW.getTime()),
  };
  if (s.platform !== 'new') input.pairs[pair.key] = pair;
  const platformTitle = s.sameEdit ? 'Consult (edited)' : 'Consult (platform)';
  if (s.platform === 'same' || s.platform === 'new') input.platform.events.push(appointment);
  if (s.platform === 'changed') input.platform.events.push({ ...appointment, title: platformTitle });
  if (s.platform === 'gone') input.platform.events.push({ ...appointment, appointmentStatus: 'cancelled' });
  if (s.icloud === 'changed') input.icloud.changed.push(objectChange(href, mirror(s.sameEdit ? 'Consult (edited)' : 'Consult (iCloud)'), '"m2"'));
  if (s.icloud === 'gone') input.icloud.deleted.push(href);
  return input;
}
