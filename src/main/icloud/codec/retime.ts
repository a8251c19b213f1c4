// S10 for a single (non-recurring) event: a blocked slot moved on the platform moves its iCloud event.
// The event keeps the way its times are written: in its own TZID, in UTC, floating, or as dates
// (all-day stays VALUE=DATE when the slot still covers whole days in the location's zone, S15).
// Two zones, because they answer different questions: whole days are the location's (S15), floating
// wall clocks the Mac's (that is how Calendar on the Mac shows them, and how the codec reads them).
import ICAL from 'ical.js';
import { registerMissingZones } from './parse';
import { placeInZone } from './time';
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
      // A floating time (or an all-day event that no longer covers whole days): the Mac's wall clock.
      prop.setValue(placeInZone(local(iso, floating.timezone), ICAL.Timezone.localTimezone));
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
