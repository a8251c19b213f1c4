// Recurrence expansion inside the sync window (S14), done locally because servers' `expand` is
// unreliable (Radicale ignores it). ical.js walks RRULE/RDATE minus EXDATE in the series' own zone,
// so a weekly 09:00 Europe/Berlin stays 09:00 local across DST; overrides (RECURRENCE-ID) replace
// their occurrence, including ones moved into the window from outside it and cancelled ones.
// Work is bounded whatever the file describes: at most OCCURRENCE_CAP occurrences per series (the
// nearest from now on, occurrence-cap.ts), iteration stops as soon as no later one can be kept, and
// a rule that would take more than `maxIterations` steps is cut there (both reported in `capped`).
import ICAL from 'ical.js';
import type { DomainEvent, Occurrence, Window } from './types';
import type { ParsedObject } from './parse';
import { recurrenceKey, toEventTime, unixSeconds } from './time';
import { endOf, spanOf } from './span';
import { exclusionsOf } from './exclusions';
import { fastForward, type Iteration } from './fast-forward';
import { NearestOccurrences, type CappedSeries } from './occurrence-cap';
import { countedInstances } from './rule-count';
import { seriesWithYearlySetpos } from './yearly-setpos';

/**
 * Steps one series may take (ical.js: 15–50 µs each, so well under a second): a weekly series with
 * BYDAY from 1990, a daily one with BY* parts for 50 years. Simple rules skip ahead instead of
 * walking (fast-forward.ts), so a runaway FREQ=SECONDLY never comes near it.
 */
const maxIterations = 20_000;

export interface Expansion {
  occurrences: Occurrence[];
  /** Series whose occurrences in the window were cut (the run report says so). */
  capped: CappedSeries[];
}

export function expandObject(object: ParsedObject, window: Window, now: Date = new Date()): Occurrence[] {
  return expandWithLimits(object, window, now).occurrences;
}

export function expandWithLimits(object: ParsedObject, window: Window, now: Date): Expansion {
  const windowStart = window.start.getTime() / 1000;
  const windowEnd = window.end.getTime() / 1000;
  const overlaps = (event: DomainEvent) => {
    const start = Date.parse(event.start.iso) / 1000;
    const end = Date.parse(event.end.iso) / 1000;
    // A zero-length event counts when its instant lies inside the window.
    return end > start ? start < windowEnd && end > windowStart : start >= windowStart && start < windowEnd;
  };

  const result: Occurrence[] = [];
  const capped: CappedSeries[] = [];
  const byUid = groupByUid(object);
  for (const [uid, { master, overrides }] of byUid) {
    if (master && !master.event.recurrence) {
      if (overlaps(master.event)) result.push(occurrenceOf(master.event, false));
      continue;
    }
    const keeper = new NearestOccurrences(now.getTime());
    let complete = true;
    if (master) complete = expandSeries(object, master, overrides, { start: windowStart, end: windowEnd }, overlaps, keeper);
    // Override instances without their series (e.g. an invitation to one occurrence).
    else for (const o of overrides) if (overlaps(o.event)) keeper.offer(occurrenceOf(o.event, true));
    const kept = keeper.result();
    result.push(...kept);
    if (keeper.truncated || !complete) {
      const starts = kept.map((o) => o.start.iso).sort();
      capped.push({
        uid, title: (master ?? overrides[0]).event.title, kept: kept.length, reason: keeper.truncated ? 'cap' : 'budget',
        ...(starts.length ? { keptFrom: starts[0], keptTo: starts.at(-1) } : {}),
      });
    }
  }
  return { occurrences: result.sort((a, b) => a.start.iso.localeCompare(b.start.iso) || a.key.localeCompare(b.key)), capped };
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
  keeper: NearestOccurrences,
): boolean {
  const floating = object.floating;
  const series = new ICAL.Event(master.component, { exceptions: overrides.map((o) => o.component), strictExceptions: true });
  const overrideByKey = new Map(overrides.map((o) => [o.event.recurrenceId as string, o.event]));
  // Only what can still matter: recurrence ids of the window's part of the series (bounded like the rest).
  const seen = new Set<string>();
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
      if (overlaps(override)) keeper.offer(occurrenceOf(override, true));
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
    if (overlaps(occurrence)) keeper.offer(occurrenceOf(occurrence, true));
  };

  // DTSTART is always the first instance (RFC 5545 §3.8.5.2, §3.3.10 "always counts as the first
  // occurrence"); ical.js drops it when there is no RRULE, and for some rules (a YEARLY rule with a
  // negative BYMONTHDAY — found by the differential test) even when it matches.
  const addDtstart = () => {
    if (unixSeconds(dtstart, floating) < window.end) add(dtstart, true);
  };
  addDtstart();
  // A runaway rule starts near the first occurrence that can be kept, not at DTSTART: the window's
  // start, or later when the cap's worth of steps before now begins later (what lies between is cut).
  const longest = span.kind === 'exact' ? Math.max(span.seconds, 0) : 0;
  const walk = (targetFor: (step: number) => number): { complete: boolean; cut: boolean } => {
    let cut = false;
    const skipped = span.kind === 'exact' ? fastForward(master.component, dtstart, floating, (step) => {
      const target = targetFor(step);
      cut = target + longest > window.start;
      return target;
    }) : undefined;
    if (skipped === undefined) cut = false;
    if (skipped === 'ended') return { complete: true, cut };
    // YEARLY+BYSETPOS rules are picked per year by yearly-setpos.ts, the rest by ical.js.
    const iterator: Iteration = skipped ?? seriesWithYearlySetpos(master.component, dtstart, (rule, time) => isValidRuleDate(rule, dtstart, time), new Date(window.start * 1000).getUTCFullYear() - 1) ?? series.iterator();
    for (let i = 0; i < maxIterations && !keeper.saturated; i++) {
      const value = iterator.next() as ICAL.Time | ICAL.Period | undefined;
      const start = value instanceof ICAL.Period ? value.start : value;
      if (!value || !start || unixSeconds(start, floating) >= window.end) return { complete: !iterator.exhausted, cut };
      add(value);
    }
    return { complete: keeper.saturated, cut }; // saturated: cut on purpose (the cap), not for want of steps
  };
  const nearNow = (step: number) => Math.max(window.start, keeper.nowMs / 1000 - keeper.cap * step) - longest;
  let walked = walk(nearNow);
  if (walked.cut && keeper.result().length < keeper.cap) {
    // The series ended (COUNT, UNTIL) soon after the skipped stretch: walk the window's part whole.
    keeper.clear();
    seen.clear();
    addDtstart();
    walked = walk(() => window.start - longest);
  }
  if (walked.cut) keeper.markCut();
  const complete = walked.complete;
  // Overrides whose original time lies beyond the window (or off the rule) but that were moved into it.
  for (const override of overrides) {
    const key = override.event.recurrenceId as string;
    if (!seen.has(key) && overlaps(override.event)) keeper.offer(occurrenceOf(override.event, true));
  }
  return complete;
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
