// Working hours (DESIGN "What crosses"): a block is clipped to the working hours it overlaps — from
// the first working minute it covers to the last — or skipped when it overlaps none. One event stays
// one block: an event over two working days also blocks the night between them (nobody works then).
// The hours are the person's, in the Mac's zone; each day's hours are placed on that day's own UTC
// offset, so a DST change moves them with the clock, as the person's day moves.
import type { WorkingInterval } from '../../shared/working-hours';

export interface TimeRange {
  start: string;
  end: string;
}

/**
 * Days scanned at each end: the schedule repeats weekly, so the first working minute an event
 * covers lies in its first 8 days (the day before, for a zone behind UTC, and a week) and the last in
 * its last 8; the days between cannot change the clip. (It scanned at most 560 days from the start:
 * a two-year event under `mon-sun 00:00-24:00` was cut 5 months short — found by the hostile test.)
 */
const EDGE_DAYS = 9;

export function clipToWorkingHours(range: TimeRange, intervals: readonly WorkingInterval[], zone: string): TimeRange | undefined {
  if (intervals.length === 0) return range;
  const start = Date.parse(range.start);
  const end = Date.parse(range.end);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  // From the day before (its hours cannot reach past midnight, but the zone's date may lag the UTC one).
  let date = addDays(dateInZone(range.start, zone), -1);
  const lastDate = dateInZone(range.end, zone);
  for (let n = 0; date <= lastDate; n++, date = addDays(date, 1)) {
    if (n === EDGE_DAYS && addDays(date, EDGE_DAYS) < lastDate) date = addDays(lastDate, -EDGE_DAYS);
    const day = weekday(date);
    for (const interval of intervals) {
      if (interval.day !== day) continue;
      const from = Math.max(start, localTime(date, interval.from, zone));
      const to = Math.min(end, localTime(date, interval.to, zone));
      if (from >= to) continue;
      first = Math.min(first, from);
      last = Math.max(last, to);
    }
  }
  if (!Number.isFinite(first)) return undefined;
  return { start: new Date(first).toISOString(), end: new Date(last).toISOString() };
}

/** Instants already placed, by zone, date and minutes: a window holds a few hundred days and a schedule a few times. */
const placed = new Map<string, number>();

/** The instant of `minutes` after midnight of a date in a zone (24:00 is the next midnight). */
function localTime(date: string, minutes: number, zone: string): number {
  const key = `${zone}|${date}|${minutes}`;
  let instant = placed.get(key);
  if (instant === undefined) {
    if (placed.size > 20_000) placed.clear();
    instant = placeLocalTime(date, minutes, zone);
    placed.set(key, instant);
  }
  return instant;
}

function placeLocalTime(date: string, minutes: number, zone: string): number {
  const dayOffset = Math.floor(minutes / 1440);
  const midnight = midnightIn(addDays(date, dayOffset), zone);
  const wall = minutes % 1440;
  if (wall === 0) return midnight;
  // The wall clock time on that day: midnight plus the minutes, corrected by the offset change
  // between midnight and then (a DST change in the small hours).
  const naive = midnight + wall * 60_000;
  return naive - (offsetAt(naive, zone) - offsetAt(midnight, zone)) * 60_000;
}

// zoned-midnight.ts makes a formatter per call (fine once per all-day event); clipping asks for a
// few instants per event per day, so it keeps one formatter per zone (measured: 10,000 events took
// 26 s with a formatter per call, see the report of this change).
const formatters = new Map<string, Intl.DateTimeFormat>();
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
function dateInZone(iso: string, zone: string): string {
  let format = dateFormatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(zone, format);
  }
  return format.format(new Date(iso));
}

/** Midnight of a date in a zone, as epoch ms; two passes settle the offset on a DST-change day. */
function midnightIn(date: string, zone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const naive = Date.UTC(y, m - 1, d);
  const guess = naive - offsetAt(naive, zone) * 60_000;
  return naive - offsetAt(guess, zone) * 60_000;
}

/** The zone's offset from UTC at an instant, in minutes (one formatter per zone: making one is slow). */
function offsetAt(utcMs: number, zone: string): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(zone, format);
  }
  const parts = format.formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Math.round((Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday, as in WorkingInterval. */
function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}
