// Recurrence expansion inside the sync window (S14), done locally because servers' `expand` is
// unreliable (Radicale ignores it). ical.js walks RRULE/RDATE minus EXDATE in the series' own zone,
// so a weekly 09:00 Europe/Berlin stays 09:00 local across DST; overrides (RECURRENCE-ID) replace
// their occurrence, including ones moved into the window from outside it and cancelled ones.
import ICAL from 'ical.js';
import type { DomainEvent, Occurrence, Window } from './types';
import type { ParsedObject } from './parse';
import { recurrenceKey, toEventTime, unixSeconds } from './time';
import { endOf, spanOf } from './span';
import { exclusionsOf } from './exclusions';
import { countedInstances } from './rule-count';

/** Guards against runaway rules (e.g. FREQ=SECONDLY without an end). */
const maxIterations = 100_000;

export function expandObject(object: ParsedObject, window: Window): Occurrence[] {
  const windowStart = window.start.getTime() / 1000;
  const windowEnd = window.end.getTime() / 1000;
  const overlaps = (event: DomainEvent) => {
    const start = Date.parse(event.start.iso) / 1000;
    const end = Date.parse(event.end.iso) / 1000;
    // A zero-length event counts when its instant lies inside the window.
    return end > start ? start < windowEnd && end > windowStart : start >= windowStart && start < windowEnd;
  };

  const result: Occurrence[] = [];
  const byUid = groupByUid(object);
  for (const { master, overrides } of byUid.values()) {
    if (!master) {
      // Override instances without their series (e.g. an invitation to one occurrence).
      for (const o of overrides) if (overlaps(o.event)) result.push(occurrenceOf(o.event, true));
      continue;
    }
    if (!master.event.recurrence) {
      if (overlaps(master.event)) result.push(occurrenceOf(master.event, false));
      continue;
    }
    result.push(...expandSeries(object, master, overrides, { start: windowStart, end: windowEnd }, overlaps));
  }
  return result.sort((a, b) => a.start.iso.localeCompare(b.start.iso) || a.key.localeCompare(b.key));
}

interface Part {
  event: DomainEvent;
  component: ICAL.Component;
}

function groupByUid(object: ParsedObject): Map<string, { master?: Part; overrides: Part[] }> {
  const groups = new Map<string, { master?: Part; overrides: Part[] }>();
  object.events.forEach((event, index) => {
    const part = { event, component: object.components[index] };
    const group = groups.get(event.uid) ?? { overrides: [] };
    if (event.recurrenceId) group.overrides.push(part);
    else group.master ??= part;
    groups.set(event.uid, group);
  });
  return groups;
}

function expandSeries(
  object: ParsedObject,
  master: Part,
  overrides: Part[],
  window: { start: number; end: number },
  overlaps: (event: DomainEvent) => boolean,
): Occurrence[] {
  const floating = object.floating;
  const series = new ICAL.Event(master.component, { exceptions: overrides.map((o) => o.component), strictExceptions: true });
  const overrideByKey = new Map(overrides.map((o) => [o.event.recurrenceId as string, o.event]));
  const seen = new Set<string>();
  const result: Occurrence[] = [];
  const dtstart = master.component.getFirstPropertyValue('dtstart') as ICAL.Time;
  const span = spanOf(master.component, dtstart, floating);
  const rdates = new Set(master.event.recurrence?.rdate ?? []);
  const rules = master.component.getAllProperties('rrule').map((p) => p.getFirstValue() as ICAL.Recur);
  const excluded = exclusionsOf(master.component, dtstart, floating);
  const counted = rules.length === 1 ? countedInstances(master.component, rules[0], dtstart, floating, isValidRuleDate) : undefined;

  const add = (value: ICAL.Time | ICAL.Period, isDtstart = false) => {
    const start = value instanceof ICAL.Period ? value.start : value;
    const recurrenceId = recurrenceKey(start, floating);
    // ical.js may yield a date twice (RRULE and RDATE) and yields impossible dates shifted (below).
    if (seen.has(recurrenceId)) return;
    // RFC 5545 §3.8.5.3: EXDATE removes an instance however many of RRULE, RDATE and DTSTART give it.
    if (excluded(start)) return;
    if (!isDtstart && !rdates.has(recurrenceId) && !rules.every((rule) => isValidRuleDate(rule, dtstart, start))) return;
    // COUNT bounds the rule's instances (rule-count.ts), never RDATE's.
    if (counted && !counted.has(recurrenceId) && !rdates.has(recurrenceId)) return;
    seen.add(recurrenceId);
    const override = overrideByKey.get(recurrenceId);
    if (override) {
      if (overlaps(override)) result.push(occurrenceOf(override, true));
      return;
    }
    // Cheap skip of occurrences that end before the window (most of a long series).
    if (span.kind !== 'days' && !(value instanceof ICAL.Period)) {
      const startSeconds = unixSeconds(start, floating);
      const longest = span.kind === 'exact' ? span.seconds : span.days * 90_000 + span.seconds;
      if (startSeconds + Math.max(longest, 0) < window.start) return;
    }
    const occurrence: DomainEvent = {
      ...withoutRecurrence(master.event),
      recurrenceId,
      start: toEventTime(start, floating),
      // RDATE;VALUE=PERIOD brings its own end.
      end: value instanceof ICAL.Period ? toEventTime(value.getEnd(), floating) : endOf(start, span, floating),
    };
    if (overlaps(occurrence)) result.push(occurrenceOf(occurrence, true));
  };

  // DTSTART is always the first instance (RFC 5545 §3.8.5.2, §3.3.10 "always counts as the first
  // occurrence"); ical.js drops it when there is no RRULE, and for some rules (a YEARLY rule with a
  // negative BYMONTHDAY — found by the differential test) even when it matches.
  if (unixSeconds(dtstart, floating) < window.end) add(dtstart, true);
  const iterator = series.iterator();
  for (let i = 0; i < maxIterations; i++) {
    const value = iterator.next() as ICAL.Time | ICAL.Period | undefined;
    const start = value instanceof ICAL.Period ? value.start : value;
    if (!value || !start || unixSeconds(start, floating) >= window.end) break;
    add(value);
  }
  // Overrides whose original time lies beyond the window (or off the rule) but that were moved into it.
  for (const override of overrides) {
    const key = override.event.recurrenceId as string;
    if (!seen.has(key) && overlaps(override.event)) result.push(occurrenceOf(override.event, true));
  }
  return result;
}

/**
 * RFC 5545 §3.3.10: a rule that lands on an invalid date (Feb 29 in a common year, the 31st of a
 * short month) skips it. ical.js instead shifts yearly Feb 29 to Mar 1: when a rule has no BY* part
 * that picks the day, the occurrence must keep DTSTART's day (and month, for YEARLY).
 */
function isValidRuleDate(rule: ICAL.Recur, dtstart: ICAL.Time, occurrence: ICAL.Time): boolean {
  const parts = rule.parts ?? {};
  // ical.js also normalises a BYMONTHDAY past the month's end (YEARLY;BYMONTH=2;BYMONTHDAY=31 gave
  // Mar 3 — found by the differential test): an instance outside BYMONTH, or on a day BYMONTHDAY
  // does not name, is such a shifted one.
  const months = (parts.BYMONTH as number[] | undefined) ?? [];
  if (months.length && !months.map(Number).includes(occurrence.month)) return false;
  const monthDays = ((parts.BYMONTHDAY as number[] | undefined) ?? []).map(Number);
  if (monthDays.length) {
    const length = ICAL.Time.daysInMonth(occurrence.month, occurrence.year);
    if (!monthDays.some((d) => (d > 0 ? d : length + 1 + d) === occurrence.day)) return false;
  }
  const picksDay = ['BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYSETPOS'].some((p) => p in parts);
  if (picksDay) return true;
  if (rule.freq === 'YEARLY') return occurrence.day === dtstart.day && ('BYMONTH' in parts || occurrence.month === dtstart.month);
  if (rule.freq === 'MONTHLY') return occurrence.day === dtstart.day;
  return true;
}

function withoutRecurrence(event: DomainEvent): DomainEvent {
  const copy = { ...event };
  delete copy.recurrence;
  return copy;
}

function occurrenceOf(event: DomainEvent, recurring: boolean): Occurrence {
  const clean = withoutRecurrence(event);
  return { ...clean, key: clean.recurrenceId ? `${clean.uid}::${clean.recurrenceId}` : clean.uid, recurring };
}
