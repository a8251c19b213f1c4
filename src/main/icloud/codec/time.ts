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
 * differential test. Near a transition at instant T from offset E to offset N, the local time L
 * is the instant L−E if that is before T, else L−N if that is not before T, else (a gap) L−E.
 */
export function firstOccurrence(time: ICAL.Time): number {
  const seconds = time.toUnixTime();
  const zone = time.zone;
  if (!zone || zone === ICAL.Timezone.utcTimezone) return seconds;
  const change = changeNear(zone, seconds);
  if (!change) return seconds;
  const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second) / 1000;
  const [at, before, after] = change;
  if (wall - before < at) return wall - before;
  return wall - after >= at ? wall - after : wall - before;
}

interface Transitions { length: number; at: number[]; before: number[]; after: number[] }
const transitionCache = new WeakMap<ICAL.Timezone, Transitions>();
type RawChange = { year: number; month: number; day: number; hour: number; minute: number; second: number; utcOffset: number; prevUtcOffset: number };

/** The zone's transition within 4 hours of an instant, as [instant, offset before, offset after]. */
function changeNear(zone: ICAL.Timezone, seconds: number): [number, number, number] | undefined {
  const changes = (zone as unknown as { changes?: RawChange[] }).changes ?? [];
  let t = transitionCache.get(zone);
  // ical.js extends `changes` lazily (utcOffset has just covered this year); rebuild when it grew.
  if (!t || t.length !== changes.length) {
    const real = changes.filter((c) => c.utcOffset !== c.prevUtcOffset);
    t = {
      length: changes.length,
      at: real.map((c) => Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) / 1000),
      before: real.map((c) => c.prevUtcOffset),
      after: real.map((c) => c.utcOffset),
    };
    transitionCache.set(zone, t);
  }
  let lo = 0;
  let hi = t.at.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const distance = t.at[mid] - seconds;
    if (Math.abs(distance) <= 4 * 3600) return [t.at[mid], t.before[mid], t.after[mid]];
    if (distance < 0) lo = mid + 1;
    else hi = mid - 1;
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
