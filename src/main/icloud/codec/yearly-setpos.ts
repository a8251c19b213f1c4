// BYSETPOS in a YEARLY rule, expanded as RFC 5545 §3.3.10 says: it picks among "the set of
// recurrence instances within the interval of the frequency", i.e. within the year. ical.js picks
// within each month instead (FREQ=YEARLY;BYMONTH=10,11,12;BYDAY=SA,MO;BYSETPOS=1 gave one instance a
// month, RFC 5545 and rrule.js one a year — found by the differential test). So for such a rule the
// codec lets ical.js expand the rule *without* BYSETPOS (the year's candidate set), takes one year's
// candidates at a time, in order, and picks the positions itself (negative ones from the end). UNTIL
// and COUNT bound the picked instances, not the candidates (a BYSETPOS=-1 year whose last candidate
// lies past UNTIL has no instance); DTSTART is the first instance (§3.3.10) and what comes before it
// is left out. RDATE, EXDATE, overrides and the window stay with expand.ts, as for any rule.
import ICAL from 'ical.js';
import type { Iteration } from './fast-forward';

/**
 * Candidate steps one rule may take in all, as expand.ts's budget (a daily candidate set from 1970;
 * a rule that picks nothing ends here): then `exhausted` says the series was cut, not complete.
 */
const maxCandidates = 20_000;

const daysPicked = ['BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO'];

type Parts = Record<string, unknown[]>;

export type RuleDateCheck = (rule: ICAL.Recur, time: ICAL.Time) => boolean;

/**
 * The series' RRULE and RDATE instances in order (as ical.js's own iterator gives them), when one
 * of its rules is a YEARLY one with BYSETPOS; undefined otherwise (ical.js iterates it).
 */
export function seriesWithYearlySetpos(component: ICAL.Component, dtstart: ICAL.Time, isValid: RuleDateCheck, fromYear?: number): Iteration | undefined {
  const rules = component.getAllProperties('rrule').map((p) => p.getFirstValue() as ICAL.Recur);
  if (!rules.some(isYearlySetpos)) return undefined;
  const rdates = component.getAllProperties('rdate').flatMap((p) => p.getValues() as (ICAL.Time | ICAL.Period)[]);
  const streams: Iteration[] = rules.map((rule) => {
    if (isYearlySetpos(rule)) return yearlySetposInstances(rule, dtstart, isValid, fromYear);
    const iterator = rule.iterator(dtstart);
    // ical.js reuses the time it yields.
    return { next: () => (iterator.next() as ICAL.Time | null)?.clone() ?? undefined };
  });
  streams.push(listed(rdates));
  return merged(streams);
}

const startOf = (value: ICAL.Time | ICAL.Period) => (value instanceof ICAL.Period ? value.start : value);

function listed(values: (ICAL.Time | ICAL.Period)[]): Iteration {
  const sorted = [...values].sort((a, b) => startOf(a).compare(startOf(b)));
  return { next: () => sorted.shift() };
}

/** Several ordered streams as one ordered stream. */
function merged(streams: Iteration[]): Iteration {
  const heads = streams.map((s) => s.next());
  return {
    get exhausted() {
      return streams.some((s) => s.exhausted);
    },
    next() {
      let best = -1;
      heads.forEach((head, i) => {
        const current = best >= 0 ? heads[best] : undefined;
        if (head && (!current || startOf(head).compare(startOf(current)) < 0)) best = i;
      });
      if (best < 0) return undefined;
      const value = heads[best];
      heads[best] = streams[best].next();
      return value;
    },
  };
}

export function isYearlySetpos(rule: ICAL.Recur): boolean {
  const setpos = (rule.parts as Parts | undefined)?.BYSETPOS;
  return String(rule.freq) === 'YEARLY' && Array.isArray(setpos) && setpos.length > 0;
}

/**
 * The rule's instances in order, DTSTART first (each a fresh ICAL.Time). `rule.count` applies when
 * the rule still has it (rule-count.ts takes it off and counts the instances of this iterator).
 * `fromYear` (expand.ts: the window's first year) skips the years before it: a year's picks depend
 * on that year alone, so what follows is exact — but COUNT would miscount, so never with one.
 * Without it a "first Monday of the year" from 1601 spent the budget before 2020 and was dropped.
 */
export function yearlySetposInstances(rule: ICAL.Recur, dtstart: ICAL.Time, isValid: RuleDateCheck, fromYear?: number): Iteration {
  const positions = ((rule.parts as Parts).BYSETPOS ?? []).map(Number);
  const { stripped, candidates } = candidateIterator(rule, dtstart, rule.count ? undefined : fromYear);
  const until = rule.until ?? undefined;
  let left = rule.count || Infinity;
  const pending: ICAL.Time[] = [dtstart.clone()];
  let lookahead = candidates.next();
  let steps = 0;
  let ended = false;
  let exhausted = false;

  const nextYear = (first: ICAL.Time): void => {
    // Every later candidate, hence every later pick, lies past UNTIL too.
    if (until && first.compare(until) > 0) {
      ended = true;
      return;
    }
    const year = first.year;
    const set: ICAL.Time[] = [];
    const seen = new Set<string>();
    while (lookahead && lookahead.year === year) {
      // ical.js shifts impossible dates (Feb 30 → Mar 2) and may yield one twice: neither is a candidate.
      const key = lookahead.toString();
      if (isValid(stripped, lookahead) && !seen.has(key)) {
        seen.add(key);
        set.push(lookahead);
      }
      if (++steps >= maxCandidates) exhausted = true;
      lookahead = exhausted ? undefined : candidates.next();
    }
    // A year cut short by the budget has no known last candidate: nothing of it is picked.
    if (exhausted) return;
    set.sort((a, b) => a.compare(b));
    const picked = [...new Set(positions.map((p) => set[p > 0 ? p - 1 : set.length + p]).filter((t) => t !== undefined))];
    picked.sort((a, b) => a.compare(b));
    for (const time of picked) {
      if (until && time.compare(until) > 0) {
        ended = true;
        break;
      }
      if (time.compare(dtstart) > 0) pending.push(time);
    }
  };

  return {
    get exhausted() {
      return exhausted;
    },
    next() {
      while (!pending.length && !ended && lookahead) nextYear(lookahead);
      const time = pending.shift();
      if (!time || left <= 0) return undefined;
      left -= 1;
      return time;
    },
  };
}

/**
 * ical.js's walk of the rule without BYSETPOS, COUNT and UNTIL from the start of DTSTART's year: the
 * positions count from the year's first candidate, also when DTSTART is a later one. ical.js yields
 * the start it is given first, matching or not, so it starts on Dec 31 INTERVAL years earlier (the
 * same years of the INTERVAL, at DTSTART's time of day) and that value, and the year it is in, are dropped.
 */
function candidateIterator(rule: ICAL.Recur, dtstart: ICAL.Time, fromYear?: number): { stripped: ICAL.Recur; candidates: { next(): ICAL.Time | undefined } } {
  const stripped = rule.clone();
  const parts = stripped.parts as Parts;
  delete parts.BYSETPOS;
  stripped.count = null as unknown as number;
  stripped.until = null as unknown as ICAL.Time;
  // Without a part that picks days the rule means DTSTART's day (and month): say so, since the
  // iteration no longer starts at DTSTART.
  if (!daysPicked.some((p) => parts[p]?.length)) {
    parts.BYMONTHDAY = [dtstart.day];
    if (!parts.BYMONTH?.length) parts.BYMONTH = [dtstart.month];
  }
  const interval = stripped.interval || 1;
  // The first year of the INTERVAL's years at or before fromYear (DTSTART's year without it).
  const firstYear = fromYear && fromYear > dtstart.year ? dtstart.year + Math.floor((fromYear - dtstart.year) / interval) * interval : dtstart.year;
  const { hour, minute, second, isDate } = dtstart;
  const start = ICAL.Time.fromData({ year: firstYear - interval, month: 12, day: 31, hour, minute, second, isDate }, dtstart.zone);
  const iterator = stripped.iterator(start);
  const candidates = {
    next() {
      for (;;) {
        const value = iterator.next() as ICAL.Time | null;
        if (!value) return undefined;
        if (value.year >= firstYear) return value.clone();
      }
    },
  };
  return { stripped, candidates };
}
