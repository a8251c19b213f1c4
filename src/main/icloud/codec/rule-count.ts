// COUNT counted as RFC 5545 §3.3.10 counts it: distinct, valid instances, DTSTART the first. ical.js
// counts the dates it shifts (FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31 makes "Mar 3") and the duplicates
// it yields for some MONTHLY rules, so a COUNT=3 series ended after two — found by the differential
// test. The parser takes COUNT off the rule ical.js iterates (recording it here) and the expansion
// keeps only the instances counted below.
import type ICAL from 'ical.js';
import type { ResolvedZone } from './timezones';
import { recurrenceKey } from './time';
import { isYearlySetpos, yearlySetposInstances } from './yearly-setpos';

/** COUNT of the one RRULE of a VEVENT, taken off the rule ical.js iterates. */
const counts = new WeakMap<ICAL.Component, number>();

/** Take COUNT off the (only) RRULE ical.js will iterate, and remember it. */
export function takeCount(component: ICAL.Component, recur: ICAL.Recur): void {
  if (component.getAllProperties('rrule').length !== 1 || !recur.count) return;
  // A rule with no BY* part steps by its interval alone: ical.js counts it right, and it keeps its COUNT
  // so that fast-forward.ts can skip ahead in a runaway series (and know when it ended) without a walk.
  if (Object.keys(recur.parts ?? {}).length === 0) return;
  counts.set(component, recur.count);
  recur.count = null as unknown as number;
}

const maxIterations = 100_000;

/** The recurrence keys of the rule's first COUNT instances, or undefined when it has no COUNT. */
export function countedInstances(
  component: ICAL.Component,
  rule: ICAL.Recur,
  dtstart: ICAL.Time,
  floating: ResolvedZone,
  isValid: (rule: ICAL.Recur, dtstart: ICAL.Time, occurrence: ICAL.Time) => boolean,
): Set<string> | undefined {
  const count = counts.get(component);
  if (!count) return undefined;
  const keys = new Set([recurrenceKey(dtstart, floating)]);
  const iterator = isYearlySetpos(rule)
    ? yearlySetposInstances(rule, dtstart, (r, t) => isValid(r, dtstart, t))
    : rule.iterator(dtstart);
  for (let i = 0; i < maxIterations && keys.size < count; i++) {
    const next = iterator.next() as ICAL.Time | null | undefined;
    if (!next) break;
    if (isValid(rule, dtstart, next)) keys.add(recurrenceKey(next, floating));
  }
  return keys;
}
