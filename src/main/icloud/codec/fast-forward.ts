// Skipping the part of a series that lies before the window without walking it. ical.js can only
// iterate from DTSTART: an FREQ=SECONDLY series begun a week ago is 600,000 steps (~9 s) before the
// first one that matters, a daily one from 1950 about 30,000. For the simple rules a runaway series
// is made of — one RRULE, FREQ=SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY, no BY* part, no RDATE —
// occurrence k is DTSTART + k × INTERVAL units on the wall clock, so the iteration can start at a
// later k instead, with COUNT reduced by k (UNTIL and EXDATE stay as they are). Anything else is
// walked from DTSTART, within expand.ts's budget.
import ICAL from 'ical.js';
import type { ResolvedZone } from './timezones';
import { unixSeconds } from './time';

const unitSeconds: Record<string, number> = { SECONDLY: 1, MINUTELY: 60, HOURLY: 3600, DAILY: 86_400, WEEKLY: 604_800 };
/** Wall-clock and UTC steps differ by a DST shift (≤ 1 h in every zone today): start that much earlier. */
const dstMargin = 3600;

export interface Iteration {
  next(): ICAL.Time | ICAL.Period | undefined;
  /** The iteration stopped at its own step budget, not at the rule's end (yearly-setpos.ts). */
  readonly exhausted?: boolean;
}

/**
 * An iterator over the series from about `targetFor(step)` (UTC seconds; `step` is the rule's
 * period in seconds) on, or undefined when the rule is not one we can skip ahead in (walk it from
 * DTSTART). 'ended' when the rule's COUNT runs out before the target.
 */
export function fastForward(
  master: ICAL.Component,
  dtstart: ICAL.Time,
  floating: ResolvedZone,
  targetFor: (step: number) => number,
): Iteration | 'ended' | undefined {
  const rules = master.getAllProperties('rrule').map((p) => p.getFirstValue() as ICAL.Recur);
  if (rules.length !== 1 || dtstart.isDate || master.hasProperty('rdate')) return undefined;
  const [rule] = rules;
  const unit = unitSeconds[rule.freq];
  if (!unit || Object.keys(rule.parts ?? {}).length > 0) return undefined;
  const step = unit * (rule.interval || 1);
  const margin = dtstart.zone === ICAL.Timezone.utcTimezone ? 0 : dstMargin;
  const skip = Math.floor((targetFor(step) - margin - unixSeconds(dtstart, floating)) / step);
  if (skip <= 0) return undefined;
  const recur = rule.clone();
  if (recur.count) {
    if (recur.count - skip <= 0) return 'ended';
    recur.count -= skip;
  }
  // Time#adjust works on the wall-clock fields: k × 86,400 s is k days later at the same local time.
  const start = dtstart.clone();
  start.adjust(0, 0, 0, skip * step);
  const copy = new ICAL.Component(structuredClone(master.toJSON()));
  copy.removeAllProperties('rrule');
  copy.addPropertyWithValue('rrule', recur);
  return new ICAL.Event(copy).iterator(start) as Iteration;
}
