// S10 for a single (non-recurring) event: a blocked slot moved on the platform moves its iCloud event.
// The event keeps the way its times are written: in its own TZID, in UTC, floating, or as dates
// (all-day stays VALUE=DATE when the slot still covers whole days in the location's zone, S15).
// Two zones, because they answer different questions: whole days are the location's (S15), floating
// wall clocks the Mac's (that is how Calendar on the Mac shows them, and how the codec reads them).
import ICAL from 'ical.js';
import { registerMissingZones } from './parse';
import { placeInZone, unixSeconds } from './time';
import type { TimezoneResolver } from './timezones';

export interface RetimeInput {
  uid: string;
  start: { iso: string };
  end: { iso: string };
  title?: string;
  now: Date;
  /** The Mac's zone: floating times are written (and read) in it. */
  floatingZone: string;
  /** The platform location's zone: whether the slot covers whole days, and which (S15). */
  dayZone: string;
}

export function retimeEvent(ics: string, input: RetimeInput, zones: TimezoneResolver): string {
  const root = new ICAL.Component(ICAL.parse(ics));
  registerMissingZones(root, zones, [], input.floatingZone);
  const event = root
    .getAllSubcomponents('vevent')
    .find((e) => e.getFirstPropertyValue('uid') === input.uid && !e.hasProperty('recurrence-id'));
  if (!event) throw new Error(`No event with UID "${input.uid}" in this file.`);
  const floating = zones.resolve(input.floatingZone);
  if (!floating) throw new Error(`Unknown time zone "${input.floatingZone}".`);
  const days = zones.resolve(input.dayZone);
  if (!days) throw new Error(`Unknown time zone "${input.dayZone}".`);
  const startProp = event.getFirstProperty('dtstart');
  const old = startProp?.getFirstValue() as ICAL.Time | undefined;
  if (!startProp || !old) throw new Error(`The event "${input.uid}" has no DTSTART.`);
  const tzid = startProp.getParameter('tzid');
  const zone = typeof tzid === 'string' ? (root.getTimeZoneByID(tzid) ?? ICAL.TimezoneService.get(tzid) ?? undefined) : undefined;

  const local = (iso: string, target: ICAL.Timezone) => ICAL.Time.fromJSDate(new Date(iso), true).convertToZone(target);
  const wholeDays = [input.start.iso, input.end.iso].every((iso) => {
    const t = local(iso, days.timezone);
    return t.hour === 0 && t.minute === 0 && t.second === 0;
  });
  const write = (name: 'dtstart' | 'dtend', iso: string) => {
    event.removeAllProperties(name);
    const prop = new ICAL.Property(name);
    if (old.isDate && wholeDays) {
      const t = local(iso, days.timezone);
      prop.resetType('date');
      prop.setValue(ICAL.Time.fromDateString(`${t.year}-${pad(t.month)}-${pad(t.day)}`));
    } else if (zone && typeof tzid === 'string') {
      prop.setValue(local(iso, zone));
      prop.setParameter('tzid', tzid);
    } else if (old.isDate || old.zone === ICAL.Timezone.localTimezone) {
      // A floating time (or an all-day event that no longer covers whole days): the Mac's wall clock,
      // unless that wall clock reads back as another instant — the repeated hour when the clocks go
      // back (ical.js even gave 03:30 for 01:30Z on Berlin's 26 October, a zero-length event read
      // back) or the skipped one: then UTC, the only exact way to write it (found by hostile11).
      const wall = placeInZone(wallClock(iso, input.floatingZone) ?? local(iso, floating.timezone), ICAL.Timezone.localTimezone);
      prop.setValue(unixSeconds(wall, floating) * 1000 === Date.parse(iso) ? wall : ICAL.Time.fromJSDate(new Date(iso), true));
    } else {
      prop.setValue(ICAL.Time.fromJSDate(new Date(iso), true));
    }
    event.addProperty(prop);
  };
  write('dtstart', input.start.iso);
  event.removeAllProperties('duration');
  write('dtend', input.end.iso);
  event.updatePropertyWithValue('sequence', Number(event.getFirstPropertyValue('sequence') ?? 0) + 1);
  event.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(input.now, true));
  if (input.title !== undefined) event.updatePropertyWithValue('summary', input.title);
  return root.toString() + '\r\n';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The wall clock of an instant in an IANA zone, by Intl (right in the repeated hour); undefined for another name. */
function wallClock(iso: string, zone: string): ICAL.Time | undefined {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(iso));
  } catch {
    return undefined;
  }
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return ICAL.Time.fromData({ year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second'), isDate: false });
}
