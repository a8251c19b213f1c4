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
  if (time.isDate || isFloating(time)) return placeInZone(time, floating.timezone).toUnixTime();
  return time.toUnixTime();
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
