// EXDATE as RFC 5545 §3.8.5.1 and §3.8.5.3 mean it: the recurrence set is every RRULE and RDATE
// instance (and DTSTART) minus every EXDATE. ical.js applies EXDATE inside its iterator with one
// moving pointer, which misses an instant that both an RRULE and an RDATE give (the pointer has
// moved past it when the second copy comes), and never applies it to DTSTART of a series without
// RRULE. So the codec applies EXDATE itself, to every instance it is handed.
//
// Matching across value types and zones (RFC 5545 leaves it to the reader):
// - EXDATE DATE-TIME vs a timed instance: the same UTC instant, whatever zone either is written in
//   (UTC, another TZID, floating read in the floating zone).
// - EXDATE DATE vs a timed instance: every instance on that date in DTSTART's zone (as ical.js and
//   libical do).
// - EXDATE DATE-TIME vs an all-day instance: the date the EXDATE is written with (Outlook writes
//   `EXDATE;TZID=…:20250710T000000` for all-day series).
import ICAL from 'ical.js';
import type { ResolvedZone } from './timezones';
import { dateString, isFloating, unixSeconds } from './time';

export type Excluded = (instance: ICAL.Time) => boolean;

export function exclusionsOf(component: ICAL.Component, dtstart: ICAL.Time, floating: ResolvedZone): Excluded {
  const instants = new Set<number>();
  const dates = new Set<string>();
  const writtenDates = new Set<string>();
  for (const prop of component.getAllProperties('exdate')) {
    for (const value of prop.getValues()) {
      if (!(value instanceof ICAL.Time)) continue;
      if (value.isDate) {
        dates.add(dateString(value));
      } else {
        instants.add(unixSeconds(value, floating));
        writtenDates.add(dateString(value));
      }
    }
  }
  if (instants.size === 0 && dates.size === 0) return () => false;
  const seriesZone = dtstart.isDate || isFloating(dtstart) ? floating.timezone : dtstart.zone;
  return (instance) => {
    if (instance.isDate) return dates.has(dateString(instance)) || writtenDates.has(dateString(instance));
    if (instants.has(unixSeconds(instance, floating))) return true;
    if (dates.size === 0) return false;
    const local = isFloating(instance) ? instance : instance.convertToZone(seriesZone);
    return dates.has(dateString(local));
  };
}
