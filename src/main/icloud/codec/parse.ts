// iCalendar text → domain events. A bad file is a per-item error with its name and what is wrong,
// never an exception that stops a batch (DESIGN §1: "an item that fails is logged and skipped").
import ICAL from 'ical.js';
import { owned } from '../owned-string';
import { readParticipation } from './participants';
import type { DomainEvent, EventStatus, ParseOptions } from './types';
import { TimezoneResolver, type ResolvedZone } from './timezones';
import { isoFromUnix, recurrenceKey, toEventTime } from './time';
import { BadSpan, endOf, spanOf, type Span } from './span';
import { rewriteForIcalJs, unexpandable } from './rule-shapes';
import { takeCount } from './rule-count';

export interface ParsedObject {
  source: string;
  /** Singles and series masters first, then override instances, in file order. */
  events: DomainEvent[];
  /** Things we read leniently (e.g. an unknown TZID read as floating), each naming its event. */
  warnings: string[];
  /** The VEVENT components, same order as `events`, kept for recurrence expansion. */
  components: ICAL.Component[];
  floating: ResolvedZone;
}

export type ParseOutcome = { ok: true; object: ParsedObject } | { ok: false; source: string; error: string };

/** Thrown inside the parser for a problem with the data; turned into a per-item error. */
class BadData extends Error {}

const timeProps = ['dtstart', 'dtend', 'recurrence-id', 'exdate', 'rdate', 'due'];
const statuses: EventStatus[] = ['CONFIRMED', 'TENTATIVE', 'CANCELLED'];
const frequencies = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

export function floatingZone(name: string, zones: TimezoneResolver): ResolvedZone {
  const zone = zones.resolve(name);
  if (!zone) throw new Error(`Unknown time zone "${name}" for floating times.`);
  return zone;
}

export function parseIcs(text: string, options: ParseOptions, zones: TimezoneResolver): ParseOutcome {
  const source = options.source ?? 'event';
  const floating = floatingZone(options.floatingZone, zones);
  try {
    return { ok: true, object: parseOrThrow(text, source, floating, zones) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const what = error instanceof BadData ? message : `not valid iCalendar (${message})`;
    return { ok: false, source, error: `${source}: ${what}` };
  }
}

function parseOrThrow(text: string, source: string, floating: ResolvedZone, zones: TimezoneResolver): ParsedObject {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) throw new BadData('not iCalendar data (it does not start with BEGIN:VCALENDAR)');
  if (!/END:VCALENDAR\s*$/i.test(text)) throw new BadData('the file is cut off (no END:VCALENDAR at the end)');
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (error) {
    throw new BadData(`not valid iCalendar: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (Array.isArray(jcal) && Array.isArray(jcal[0])) throw new BadData('more than one VCALENDAR in one object');
  const root = new ICAL.Component(jcal as unknown[]);
  if (root.name !== 'vcalendar') throw new BadData(`expected a VCALENDAR, found ${root.name.toUpperCase()}`);
  const warnings: string[] = [];
  shareFileZones(root, zones);
  registerMissingZones(root, zones, warnings, floating.iana);
  const components = root.getAllSubcomponents('vevent');
  const ordered = [
    ...components.filter((c) => !c.hasProperty('recurrence-id')),
    ...components.filter((c) => c.hasProperty('recurrence-id')),
  ];
  const events = ordered.map((component, index) => readEvent(component, index, floating));
  return { source, events, warnings, components: ordered, floating };
}

/**
 * Hand ical.js, for each VTIMEZONE in the file, the zone we chose for it (TimezoneResolver.fileZone:
 * IANA rules for an IANA-named TZID, else the file's rules extended backwards), shared between
 * files. This uses ical.js's per-file zone cache (an internal field); if a future version drops it,
 * times are read from the file's own VTIMEZONE as written — the codec fixtures for truncated and
 * stale VTIMEZONEs then fail, which is the signal.
 */
function shareFileZones(root: ICAL.Component, zones: TimezoneResolver): void {
  for (const vtimezone of root.getAllSubcomponents('vtimezone')) checkOffsets(vtimezone);
  const cache = (root as unknown as { _timezoneCache?: unknown })._timezoneCache;
  if (!(cache instanceof Map)) return;
  for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
    const tzid = vtimezone.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string' && !cache.has(tzid)) cache.set(tzid, zones.fileZone(vtimezone));
  }
}

/**
 * RFC 5545 §3.3.14: an offset is ±hhmm with hh < 24 and mm < 60. ical.js reads `+2400` and `-9999`
 * as some other offset without a word (hostile11): the file's times would land anywhere.
 */
function checkOffsets(vtimezone: ICAL.Component): void {
  for (const observance of vtimezone.getAllSubcomponents()) {
    for (const name of ['tzoffsetfrom', 'tzoffsetto']) {
      for (const prop of observance.getAllProperties(name)) {
        const text = prop.toICALString().split(':').pop() ?? '';
        const parts = /^[+-](\d{2})(\d{2})(\d{2})?$/.exec(text.trim());
        if (!parts || Number(parts[1]) > 23 || Number(parts[2]) > 59 || Number(parts[3] ?? 0) > 59) {
          throw new BadData(`the time zone ${String(vtimezone.getFirstPropertyValue('tzid'))} has an invalid ${name.toUpperCase()} "${text}"`);
        }
      }
    }
  }
}

/**
 * ical.js looks a TZID up in the file's VTIMEZONEs first, then in its global TimezoneService, and
 * silently reads the time as floating when both fail. For TZIDs the file does not define we
 * register the IANA definition (mapping Windows names) in that service. Registering is safe to
 * share between files: an IANA or Windows name means the same rules everywhere, and a file's own
 * VTIMEZONE still wins over it.
 */
export function registerMissingZones(root: ICAL.Component, zones: TimezoneResolver, warnings: string[], fallbackZone: string): void {
  const defined = new Set(root.getAllSubcomponents('vtimezone').map((tz) => String(tz.getFirstPropertyValue('tzid'))));
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
    for (const name of timeProps) {
      for (const prop of vevent.getAllProperties(name)) {
        const tzid = prop.getParameter('tzid');
        if (typeof tzid !== 'string' || defined.has(tzid) || ICAL.TimezoneService.has(tzid)) continue;
        const resolved = zones.resolve(tzid);
        if (resolved) {
          ICAL.TimezoneService.register(resolved.timezone, tzid);
        } else {
          // Named with its event: the engine turns each warning into a run-report notice (gather-icloud.ts).
          warnings.push(`unknown time zone "${tzid}" in event "${uid}": its times are read in ${fallbackZone}`);
        }
        defined.add(tzid);
      }
    }
  }
}

function readEvent(component: ICAL.Component, index: number, floating: ResolvedZone): DomainEvent {
  const uid = text(component, 'uid');
  if (!uid) throw new BadData(`event #${index + 1} has no UID`);
  const label = `event "${uid}"`;
  const startProp = component.getFirstProperty('dtstart');
  if (!startProp) throw new BadData(`${label} has no DTSTART`);
  checkRawTimes(component, label);
  const start = checkedTime(() => startProp.getFirstValue() as ICAL.Time, 'DTSTART', label);
  const span = readSpan(component, start, floating, label);
  if ((span.kind === 'days' ? span.days : span.seconds) < 0) throw new BadData(`${label} ends (DTEND) before it starts`);

  const result: DomainEvent = {
    uid,
    start: toEventTime(start, floating),
    end: endOf(start, span, floating),
    allDay: start.isDate,
    title: text(component, 'summary'),
    notes: text(component, 'description'),
    location: text(component, 'location'),
    transparent: text(component, 'transp').toUpperCase() === 'TRANSPARENT',
    sequence: sequenceOf(component),
    xProps: xProps(component),
  };
  const status = text(component, 'status').toUpperCase() as EventStatus;
  if (statuses.includes(status)) result.status = status;
  const participation = readParticipation(component);
  if (participation) result.participation = participation;
  const lastModified = component.getFirstPropertyValue('last-modified');
  if (lastModified instanceof ICAL.Time) result.lastModified = isoFromUnix(lastModified.toUnixTime());
  const recurrenceId = component.getFirstPropertyValue('recurrence-id');
  if (recurrenceId) {
    result.recurrenceId = recurrenceKey(checkedTime(() => recurrenceId as ICAL.Time, 'RECURRENCE-ID', label), floating);
  } else if (component.hasProperty('rrule') || component.hasProperty('rdate')) {
    result.recurrence = readRecurrence(component, label, floating);
  }
  return result;
}

function readRecurrence(component: ICAL.Component, label: string, floating: ResolvedZone): NonNullable<DomainEvent['recurrence']> {
  const rrule = component.getAllProperties('rrule').map((prop) => {
    const recur = prop.getFirstValue() as ICAL.Recur;
    if (!recur || !frequencies.has(String(recur.freq))) throw new BadData(`${label} has an RRULE without a valid FREQ`);
    const written = recur.toString();
    const problem = unexpandable(recur);
    if (problem) throw new BadData(`${label} has an RRULE the codec cannot expand (${problem})`);
    // Only the component used for expansion changes; the event keeps the rule as written.
    rewriteForIcalJs(recur);
    takeCount(component, recur);
    return written;
  });
  const times = (name: string) =>
    component.getAllProperties(name).flatMap((prop) =>
      prop.getValues().map((value) => {
        // RDATE may be a PERIOD; its start is the occurrence.
        const time = value instanceof ICAL.Period ? value.start : (value as ICAL.Time);
        return recurrenceKey(checkedTime(() => time, name.toUpperCase(), label), floating);
      }),
    );
  return { rrule, rdate: times('rdate'), exdate: times('exdate') };
}

function readSpan(component: ICAL.Component, start: ICAL.Time, floating: ResolvedZone, label: string): Span {
  try {
    return spanOf(component, start, floating);
  } catch (error) {
    if (error instanceof BadSpan) throw new BadData(`${label} ${error.message}`);
    throw new BadData(`${label} has an unreadable DTEND or DURATION (${error instanceof Error ? error.message : String(error)})`);
  }
}

const rawTime = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * ical.js quietly normalises impossible values (month 13 becomes next year's January), which would
 * put an event on a day nobody wrote. Check the written values before reading them.
 */
function checkRawTimes(component: ICAL.Component, label: string): void {
  for (const name of ['dtstart', 'dtend', 'recurrence-id', 'exdate', 'rdate']) {
    for (const prop of component.getAllProperties(name)) {
      const values = (prop.toJSON() as unknown[]).slice(3);
      for (const value of values) {
        const text = String(Array.isArray(value) ? value[0] : value); // PERIOD: [start, end-or-duration]
        const match = rawTime.exec(text);
        const ok =
          match !== null &&
          Number(match[2]) >= 1 && Number(match[2]) <= 12 &&
          Number(match[3]) >= 1 && Number(match[3]) <= daysInMonth(Number(match[1]), Number(match[2])) &&
          (match[4] === undefined || (Number(match[4]) < 24 && Number(match[5]) < 60 && Number(match[6]) < 61));
        if (!ok) throw new BadData(`${label} has an invalid ${name.toUpperCase()} value "${String(value)}"`);
      }
    }
  }
}

/** Read a time and reject values ical.js would silently normalise (month 13, day 45…). */
function checkedTime(read: () => ICAL.Time, name: string, label: string): ICAL.Time {
  let time: ICAL.Time;
  try {
    time = read();
  } catch (error) {
    throw new BadData(`${label} has an unreadable ${name} (${error instanceof Error ? error.message : String(error)})`);
  }
  const valid =
    time instanceof ICAL.Time &&
    [time.year, time.month, time.day, time.hour, time.minute, time.second].every(Number.isInteger) &&
    time.month >= 1 && time.month <= 12 && time.day >= 1 && time.day <= daysInMonth(time.year, time.month) &&
    time.hour < 24 && time.minute < 60 && time.second < 61;
  if (!valid) throw new BadData(`${label} has an invalid ${name} date or time`);
  return time;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A property's text, as a string of its own: the event's values outlive its ICS (owned-string.ts). */
function text(component: ICAL.Component, name: string): string {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? '' : owned(String(value));
}

function sequenceOf(component: ICAL.Component): number {
  const value = Number(component.getFirstPropertyValue('sequence'));
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

function xProps(component: ICAL.Component): Record<string, string> {
  const result: Record<string, string> = {};
  for (const prop of component.getAllProperties()) {
    const name = prop.name.toUpperCase();
    if (!name.startsWith('X-') || name in result) continue;
    result[name] = owned(String(prop.getFirstValue() ?? ''));
  }
  return result;
}
