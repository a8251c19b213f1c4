// Turning ical.js times into EventTime: UTC instants for everything, floating times and all-day
// dates read in the caller's zone (the platform location's), TZIDs reported by their IANA name.
import ICAL from 'ical.js';
import type { EventTime } from './types';
import { ianaNameFor, type ResolvedZone } from './timezones';

export function isoFromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function dateString(time: ICAL.Time): string {
  return `${String(time.year).padStart(4, '0')}-${pad(time.month)}-${pad(time.day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Whether ical.js read this time as floating (no zone, or a TZID it could not resolve). */
export function isFloating(time: ICAL.Time): boolean {
  return time.zone === ICAL.Timezone.localTimezone || !time.zone || time.zone.tzid === 'floating';
}

/** The same wall-clock time placed in another zone (not converted). */
export function placeInZone(time: ICAL.Time, zone: ICAL.Timezone): ICAL.Time {
  return ICAL.Time.fromData(
    { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second, isDate: false },
    zone,
  );
}

/** The UTC instant of a time, reading floating times and dates in `floating`. */
export function unixSeconds(time: ICAL.Time, floating: ResolvedZone): number {
  if (time.isDate || isFloating(time)) return firstOccurrence(placeInZone(time, floating.timezone));
  return firstOccurrence(time);
}

/**
 * RFC 5545 §3.3.5: a local time that occurs twice (the hour clocks go back) is its first
 * occurrence; one that does not occur (clocks jump forward) is read with the offset before the
 * gap. ical.js picks the second occurrence (`want_daylight = false // TODO`) and, in zones whose
 * transitions are not on the hour (Chatham's 02:45), the offset after the gap — found by the
 * differential test. Near a transition we decide from its instant T: with E the offset before and
 * N after, the local time L is the instant L−E if that is before T, else L−N if that is not
 * before T, else (a gap) L−E.
 */
function firstOccurrence(time: ICAL.Time): number {
  const seconds = time.toUnixTime();
  const zone = time.zone;
  if (!zone || zone === ICAL.Timezone.utcTimezone) return seconds;
  const now = zone.utcOffset(time);
  const before = time.clone();
  before.adjust(0, -3, 0, 0);
  const earlier = zone.utcOffset(before);
  if (earlier === now) return seconds;
  const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second) / 1000;
  const transition = transitionNear(zone, wall, earlier, now);
  if (transition === undefined) return seconds;
  if (wall - earlier < transition) return wall - earlier;
  return wall - now >= transition ? wall - now : wall - earlier;
}

/** The UTC instant (seconds) of the zone's change from offset `from` to `to` within a day of `wall`. */
function transitionNear(zone: ICAL.Timezone, wall: number, from: number, to: number): number | undefined {
  const changes = (zone as unknown as { changes?: { year: number; month: number; day: number; hour: number; minute: number; second: number; utcOffset: number; prevUtcOffset: number }[] }).changes ?? [];
  for (const c of changes) {
    if (c.prevUtcOffset !== from || c.utcOffset !== to) continue;
    const at = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) / 1000;
    if (Math.abs(at - wall) <= 86_400) return at;
  }
  return undefined;
}

export function toEventTime(time: ICAL.Time, floating: ResolvedZone): EventTime {
  const iso = isoFromUnix(unixSeconds(time, floating));
  if (time.isDate) return { iso, date: dateString(time) };
  if (isFloating(time) || time.zone === ICAL.Timezone.utcTimezone) return { iso };
  const tzid = time.zone.tzid;
  if (!tzid || tzid === 'UTC') return { iso };
  return { iso, tzid: ianaNameFor(tzid) ?? tzid };
}

/** The key form of a recurrence id: YYYY-MM-DD for dates, the UTC instant otherwise. */
export function recurrenceKey(time: ICAL.Time, floating: ResolvedZone): string {
  return time.isDate ? dateString(time) : isoFromUnix(unixSeconds(time, floating));
}
