// Writing iCalendar: mirrors of platform appointments (S1/S3) and override instances of an iCloud
// series (S10). Mirrors carry no ORGANIZER/ATTENDEE (iCloud could email people), always a DTEND
// (iCloud answers a VEVENT without one with 404), a VTIMEZONE for their TZID, and X-properties
// that let a later first sync adopt them instead of duplicating them.
import ICAL from 'ical.js';
import type { TimezoneResolver } from './timezones';
import { firstOccurrence, placeInZone } from './time';
import { registerMissingZones } from './parse';

export const PRODID = '-//iCloudSyncCompanion//0.1//EN';
export const ORIGIN_PROP = 'X-ICLOUDSYNC-ORIGIN';
export const PLATFORM_ID_PROP = 'X-ICLOUDSYNC-PLATFORM-ID';

/** An instant (ISO with zone or Z) for timed events, or a calendar date for all-day ones. */
export type TimeInput = { iso: string } | { date: string };

export interface MirrorInput {
  uid: string;
  platformId: string;
  title: string;
  notes?: string;
  location?: string;
  start: TimeInput;
  /** Exclusive; for all-day, the day after the last day. */
  end: TimeInput;
  /** IANA zone the times are written in (the platform location's). */
  tzid: string;
  now: Date;
  sequence?: number;
}

export interface OverrideInput {
  uid: string;
  /** The occurrence to override, as the codec keys it (UTC ISO or YYYY-MM-DD). */
  recurrenceId: string;
  start: TimeInput;
  end: TimeInput;
  title?: string;
  notes?: string;
  location?: string;
  now: Date;
  /** The Mac's zone: the series' floating times are read (as when parsing) and written in it. */
  floatingZone: string;
  /**
   * The platform location's zone (S15): an occurrence of an all-day series moved to whole days
   * there stays all-day (VALUE=DATE). Without it, or when the slot is not whole days, it is timed.
   */
  dayZone?: string;
}

export function generateMirror(input: MirrorInput, zones: TimezoneResolver): string {
  const zone = zones.resolve(input.tzid);
  if (!zone) throw new Error(`Unknown time zone "${input.tzid}".`);
  const calendar = newCalendar();
  const event = new ICAL.Component('vevent');
  event.addPropertyWithValue('uid', input.uid);
  event.addPropertyWithValue('dtstamp', utcTime(input.now));
  setTime(event, 'dtstart', input.start, zone.timezone, zone.iana);
  setTime(event, 'dtend', input.end, zone.timezone, zone.iana);
  event.addPropertyWithValue('sequence', input.sequence ?? 0);
  event.addPropertyWithValue('summary', input.title);
  if (input.notes) event.addPropertyWithValue('description', input.notes);
  if (input.location) event.addPropertyWithValue('location', input.location);
  event.addPropertyWithValue('transp', 'OPAQUE');
  event.addPropertyWithValue(ORIGIN_PROP.toLowerCase(), 'platform');
  event.addPropertyWithValue(PLATFORM_ID_PROP.toLowerCase(), input.platformId);
  if (!('date' in input.start)) addZone(calendar, zone.iana, zones);
  calendar.addSubcomponent(event);
  return calendar.toString() + '\r\n';
}

/**
 * Add (or replace) the override instance for one occurrence of a series, keeping everything else
 * of the file as it was. Times are written in the series' own zone so RECURRENCE-ID matches.
 */
export function addOverrideInstance(ics: string, input: OverrideInput, zones: TimezoneResolver): string {
  const root = new ICAL.Component(ICAL.parse(ics));
  registerMissingZones(root, zones, [], input.floatingZone);
  const events = root.getAllSubcomponents('vevent').filter((e) => e.getFirstPropertyValue('uid') === input.uid);
  const master = events.find((e) => !e.hasProperty('recurrence-id'));
  if (!master) throw new Error(`No series with UID "${input.uid}" in this file.`);
  const floating = zones.resolve(input.floatingZone);
  if (!floating) throw new Error(`Unknown time zone "${input.floatingZone}".`);
  const startProp = master.getFirstProperty('dtstart');
  const tzid = startProp?.getParameter('tzid');
  const masterStart = startProp?.getFirstValue() as ICAL.Time | undefined;
  if (!startProp || !masterStart) throw new Error(`The series "${input.uid}" has no DTSTART.`);
  // The zone the series is written in: its TZID, UTC, or floating (read in the floating zone).
  const seriesZone = masterStart.isDate || typeof tzid !== 'string' ? undefined : seriesTimezone(root, tzid, zones);
  const isUtc = !masterStart.isDate && masterStart.zone === ICAL.Timezone.utcTimezone;

  let override = events.find((e) => matchesRecurrence(e, input.recurrenceId, floating.timezone));
  const sequence = Number(master.getFirstPropertyValue('sequence') ?? 0) + 1;
  if (!override) {
    override = new ICAL.Component('vevent');
    for (const prop of master.getAllProperties()) {
      if (!['rrule', 'rdate', 'exdate', 'dtstart', 'dtend', 'duration', 'dtstamp', 'sequence'].includes(prop.name)) {
        override.addProperty(ICAL.Property.fromString(prop.toICALString()));
      }
    }
    const rid = new ICAL.Property('recurrence-id');
    if (masterStart.isDate) {
      rid.resetType('date');
      rid.setValue(ICAL.Time.fromDateString(input.recurrenceId));
    } else {
      const instant = ICAL.Time.fromJSDate(new Date(input.recurrenceId), true);
      const target = isUtc ? ICAL.Timezone.utcTimezone : (seriesZone ?? floating.timezone);
      const local = instant.convertToZone(target);
      rid.setValue(seriesZone || isUtc ? local : placeInZone(local, ICAL.Timezone.localTimezone));
      if (seriesZone && tzid) rid.setParameter('tzid', String(tzid));
    }
    override.addProperty(rid);
    root.addSubcomponent(override);
  }
  for (const name of ['dtstart', 'dtend', 'duration', 'dtstamp', 'sequence']) override.removeAllProperties(name);
  override.addPropertyWithValue('dtstamp', utcTime(input.now));
  const writeZone = isUtc ? ICAL.Timezone.utcTimezone : (seriesZone ?? floating.timezone);
  const start = masterStart.isDate ? asWholeDay(input.start, input.end, input.dayZone, zones) : input.start;
  const end = masterStart.isDate ? asWholeDay(input.end, input.start, input.dayZone, zones) : input.end;
  setTime(override, 'dtstart', start, writeZone, seriesZone ? String(tzid) : undefined, !seriesZone && !isUtc);
  setTime(override, 'dtend', end, writeZone, seriesZone ? String(tzid) : undefined, !seriesZone && !isUtc);
  override.addPropertyWithValue('sequence', sequence);
  if (input.title !== undefined) override.updatePropertyWithValue('summary', input.title);
  if (input.notes !== undefined) override.updatePropertyWithValue('description', input.notes);
  if (input.location !== undefined) override.updatePropertyWithValue('location', input.location);
  return root.toString() + '\r\n';
}

/** `time` as a date of `dayZone` when it and `other` are both midnights there; else as it is. */
function asWholeDay(time: TimeInput, other: TimeInput, dayZone: string | undefined, zones: TimezoneResolver): TimeInput {
  if ('date' in time || 'date' in other || !dayZone) return time;
  const zone = zones.resolve(dayZone);
  if (!zone) throw new Error(`Unknown time zone "${dayZone}".`);
  const local = (iso: string) => ICAL.Time.fromJSDate(new Date(iso), true).convertToZone(zone.timezone);
  const [t, o] = [local(time.iso), local(other.iso)];
  const midnight = (x: ICAL.Time) => x.hour === 0 && x.minute === 0 && x.second === 0;
  if (!midnight(t) || !midnight(o)) return time;
  return { date: `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}` };
}

/** The file's own VTIMEZONE for a TZID, else the IANA/Windows definition, else undefined (floating). */
function seriesTimezone(root: ICAL.Component, tzid: string, zones: TimezoneResolver): ICAL.Timezone | undefined {
  return root.getTimeZoneByID(tzid) ?? zones.resolve(tzid)?.timezone ?? undefined;
}

function matchesRecurrence(event: ICAL.Component, key: string, floating: ICAL.Timezone): boolean {
  const value = event.getFirstPropertyValue('recurrence-id') as ICAL.Time | null;
  if (!value) return false;
  if (value.isDate) return value.toString() === key;
  const zoned = value.zone === ICAL.Timezone.localTimezone ? placeInZone(value, floating) : value;
  return zoned.toUnixTime() * 1000 === Date.parse(key);
}

function newCalendar(): ICAL.Component {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('prodid', PRODID);
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  return calendar;
}

function addZone(calendar: ICAL.Component, iana: string, zones: TimezoneResolver): void {
  const text = zones.vtimezoneText(iana);
  if (!text) return; // UTC needs none
  const vtimezone = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR`)).getFirstSubcomponent('vtimezone');
  if (vtimezone) calendar.addSubcomponent(vtimezone);
}

function utcTime(date: Date): ICAL.Time {
  return ICAL.Time.fromJSDate(date, true);
}

/** Set DTSTART/DTEND, writing ;TZID= ourselves (ical.js does not) or ;VALUE=DATE for all-day. */
function setTime(
  event: ICAL.Component,
  name: string,
  value: TimeInput,
  zone: ICAL.Timezone,
  tzid: string | undefined,
  floating = false,
): void {
  const prop = new ICAL.Property(name);
  if ('date' in value) {
    prop.resetType('date');
    prop.setValue(ICAL.Time.fromDateString(value.date));
  } else {
    const instant = ICAL.Time.fromJSDate(new Date(value.iso), true);
    if (Number.isNaN(instant.year)) throw new Error(`Invalid time "${value.iso}".`);
    const local = zone === ICAL.Timezone.utcTimezone ? instant : instant.convertToZone(zone);
    // A wall clock that reads back as another instant (the repeated hour when clocks go back: ical.js
    // wrote 03:30 Berlin for 01:30Z on 26 October, read back an hour late — hostile11) is written in
    // UTC instead, the only exact way to say it.
    const exact = zone === ICAL.Timezone.utcTimezone || firstOccurrence(placeInZone(local, zone)) === instant.toUnixTime();
    prop.setValue(!exact ? instant : floating ? placeInZone(local, ICAL.Timezone.localTimezone) : local);
    if (exact && tzid && zone !== ICAL.Timezone.utcTimezone) prop.setParameter('tzid', tzid);
  }
  event.addProperty(prop);
}
