// How long an event lasts, per RFC 5545 (ical.js adds durations to the wall clock, which is wrong
// across a DST change: PT4H from 23:00 on the night clocks spring forward is 04:00, not 03:00).
//   DTEND given        → the exact elapsed time (all-day: whole days), applied to every occurrence;
//   DURATION given     → weeks/days are nominal (same wall-clock time n days later), h/m/s exact;
//   neither            → one day for a DATE, zero for a DATE-TIME (§3.6.1).
import ICAL from 'ical.js';
import type { EventTime } from './types';
import type { ResolvedZone } from './timezones';
import { isoFromUnix, toEventTime, unixSeconds } from './time';

export type Span =
  | { kind: 'days'; days: number }
  | { kind: 'exact'; seconds: number; /** DTEND's own zone, when it has one (it may differ from DTSTART's). */ endTzid?: string | null }
  | { kind: 'nominal'; days: number; seconds: number };

/** Thrown for spans that cannot be (negative durations); the parser turns it into a per-item error. */
export class BadSpan extends Error {}

export function spanOf(component: ICAL.Component, start: ICAL.Time, floating: ResolvedZone): Span {
  const dtend = component.getFirstPropertyValue('dtend') as ICAL.Time | null;
  const duration = component.getFirstPropertyValue('duration') as ICAL.Duration | null;
  if (dtend) {
    if (start.isDate) return { kind: 'days', days: daysBetween(start, dtend) };
    return {
      kind: 'exact',
      seconds: unixSeconds(dtend, floating) - unixSeconds(start, floating),
      endTzid: dtend.isDate ? null : (toEventTime(dtend, floating).tzid ?? null),
    };
  }
  if (duration) {
    if (duration.isNegative) throw new BadSpan('has a negative DURATION');
    const days = duration.weeks * 7 + duration.days;
    const seconds = duration.hours * 3600 + duration.minutes * 60 + duration.seconds;
    if (start.isDate) return { kind: 'days', days: days + Math.floor(seconds / 86400) };
    return { kind: 'nominal', days, seconds };
  }
  return start.isDate ? { kind: 'days', days: 1 } : { kind: 'exact', seconds: 0 };
}

/** The end of an occurrence that starts at `start`. */
export function endOf(start: ICAL.Time, span: Span, floating: ResolvedZone): EventTime {
  if (span.kind === 'days' || start.isDate) {
    const days = span.kind === 'days' ? span.days : 0;
    const end = start.clone();
    end.isDate = true;
    end.adjust(days, 0, 0, 0);
    return toEventTime(end, floating);
  }
  let seconds: number;
  if (span.kind === 'exact') {
    seconds = unixSeconds(start, floating) + span.seconds;
  } else {
    const wall = start.clone();
    wall.adjust(span.days, 0, 0, 0);
    seconds = unixSeconds(wall, floating) + span.seconds;
  }
  const tzid = span.kind === 'exact' && span.endTzid !== undefined ? span.endTzid : toEventTime(start, floating).tzid;
  return tzid ? { iso: isoFromUnix(seconds), tzid } : { iso: isoFromUnix(seconds) };
}

function daysBetween(start: ICAL.Time, end: ICAL.Time): number {
  const a = Date.UTC(start.year, start.month - 1, start.day);
  const b = Date.UTC(end.year, end.month - 1, end.day);
  return Math.round((b - a) / 86_400_000);
}
