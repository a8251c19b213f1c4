// Listing iCloud calendars with our own PROPFIND on the home: tsdav's fetchCalendars silently drops
// subscribed (webcal) calendars, and we must show them with the reason they cannot be used (S16).
import type { DAVResponse } from 'tsdav';
import type { CalendarEntry } from '../../shared/calendars';
import { DavSession, NS, requireMultistatus, textOf } from './dav';
import { rebaseOnto, sameHref } from './hrefs';

export interface IcloudCalendar {
  entry: CalendarEntry;
  url: string;
  ctag?: string;
  syncToken?: string;
  /** Subscribed calendars: the feed they follow. */
  sourceUrl?: string;
}

export const SUBSCRIBED_REASON = 'subscribed calendar';
export const READ_ONLY_REASON = 'read-only calendar';
export const NO_EVENTS_REASON = 'holds reminders, not events';

const listBody = `<?xml version="1.0" encoding="utf-8"?>
<d:propfind ${NS}>
  <d:prop>
    <d:displayname/>
    <d:resourcetype/>
    <ca:calendar-color/>
    <cs:source/>
    <d:current-user-privilege-set/>
    <cs:getctag/>
    <d:sync-token/>
    <c:supported-calendar-component-set/>
  </d:prop>
</d:propfind>`;

export async function listCalendars(session: DavSession, homeUrl: string): Promise<IcloudCalendar[]> {
  const reply = await session.xml(homeUrl, 'PROPFIND', listBody, { Depth: '1' });
  const responses = requireMultistatus(reply, 'listing your iCloud calendars');
  return calendarsFromResponses(responses, homeUrl);
}

/** Pure mapping from the PROPFIND answer (tested with recorded iCloud XML). */
export function calendarsFromResponses(responses: DAVResponse[], homeUrl: string): IcloudCalendar[] {
  const result: IcloudCalendar[] = [];
  for (const response of responses) {
    if (!response.href || !response.ok || sameHref(response.href, homeUrl, homeUrl)) continue;
    const props = (response.props ?? {}) as Record<string, unknown>;
    const types = keysOf(props.resourcetype);
    const subscribed = types.has('subscribed');
    if (!types.has('calendar') && !subscribed) continue; // inbox, outbox, notifications…
    const url = rebaseOnto(response.href, homeUrl);
    result.push({
      url,
      entry: toEntry(url, props, subscribed),
      ctag: textOf(props.getctag),
      syncToken: textOf(props.syncToken),
      sourceUrl: subscribed ? textOf((props.source as Record<string, unknown> | undefined)?.href) : undefined,
    });
  }
  return result;
}

function toEntry(url: string, props: Record<string, unknown>, subscribed: boolean): CalendarEntry {
  const name = textOf(props.displayname)?.trim() || decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? url);
  const color = normaliseColor(textOf(props.calendarColor));
  const base = { side: 'icloud' as const, id: url, name, ...(color ? { color } : {}) };
  if (subscribed) {
    return { ...base, type: 'subscribed', eligible: false, busySourceEligible: false, writable: false, reason: SUBSCRIBED_REASON };
  }
  if (!holdsEvents(props.supportedCalendarComponentSet)) {
    return { ...base, type: 'calendar', eligible: false, busySourceEligible: false, writable: isWritable(props), reason: NO_EVENTS_REASON };
  }
  if (!isWritable(props)) {
    return { ...base, type: 'calendar', eligible: false, busySourceEligible: true, writable: false, reason: READ_ONLY_REASON };
  }
  return { ...base, type: 'calendar', eligible: true, busySourceEligible: true, writable: true };
}

/** Write access per current-user-privilege-set; servers that omit it let the owner write. */
function isWritable(props: Record<string, unknown>): boolean {
  if (props.currentUserPrivilegeSet === undefined) return true;
  const privileges = asArray((props.currentUserPrivilegeSet as Record<string, unknown> | undefined)?.privilege);
  const names = new Set(privileges.flatMap((p) => [...keysOf(p)]));
  return ['all', 'write', 'writeContent', 'bind'].some((name) => names.has(name));
}

/** Whether VEVENT is among the supported components (absent set = everything). */
function holdsEvents(set: unknown): boolean {
  if (set === undefined || set === null || set === '') return true;
  const comps = asArray((set as Record<string, unknown>).comp);
  if (comps.length === 0) return true;
  return comps.some((comp) => {
    const name = (comp as { _attributes?: { name?: string } } | undefined)?._attributes?.name;
    return typeof name === 'string' && name.toUpperCase() === 'VEVENT';
  });
}

/** iCloud writes #RRGGBBAA; the window and CLI show #RRGGBB. */
function normaliseColor(color: string | undefined): string | undefined {
  if (!color) return undefined;
  const match = /^#([0-9a-f]{6})(?:[0-9a-f]{2})?$/i.exec(color.trim());
  return match ? `#${match[1].toUpperCase()}` : color.trim();
}

function keysOf(value: unknown): Set<string> {
  return new Set(value && typeof value === 'object' ? Object.keys(value) : []);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
