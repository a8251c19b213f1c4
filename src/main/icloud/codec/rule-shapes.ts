// RRULE shapes ical.js cannot iterate. Found by the differential test (codec-oracle.test.ts):
// - a negative BYMONTHDAY in a DAILY (or finer) rule is valid RFC 5545 (§3.3.10, "the last day of
//   the month", a limit on the days) but ical.js compares it with the positive day number, never
//   matches, and loops forever: one such event would hang every sync;
// - BYMONTHDAY in a WEEKLY rule and BYYEARDAY outside YEARLY are invalid (§3.3.10) and ical.js
//   throws on them while expanding, which would fail the whole cycle instead of the one item.
// - a negative BYMONTHDAY in a YEARLY rule: ical.js counts it back from DTSTART's month's length in
//   every month (BYMONTH=1,2;BYMONTHDAY=-1 from a September DTSTART gave Jan 30 and "Feb 30" = Mar 2).
// - an INTERVAL whose one step spans more than a thousand years (FREQ=DAILY;INTERVAL=1000000000;
//   BYHOUR=9 hung ical.js; YEARLY;INTERVAL=1000000 threw "Same occurrence found twice" in the middle
//   of gather, failing the whole cycle — found by the hostile test, expand-hostile.test.ts).
// - a YEARLY rule with several BYHOUR, BYMINUTE or BYSECOND values: ical.js keeps the first only
//   (FREQ=YEARLY;BYDAY=MO;BYHOUR=9,17 gave no 17:00; FREQ=YEARLY;BYHOUR=9,17 one instant over and
//   over) — silently missing instances, so refused (hostile11).
// An invalid shape is a per-item error; the valid one is rewritten, when an equivalent exists, for
// ical.js only (the event keeps the rule as written).
import type ICAL from 'ical.js';

const finerThanMonthly = new Set(['DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY']);

function values(recur: ICAL.Recur, part: string): number[] {
  const raw = (recur.parts as Record<string, unknown> | undefined)?.[part];
  return Array.isArray(raw) ? raw.map(Number) : [];
}

/** Seconds one INTERVAL of 1 spans, at most (a year of 366 days, a month of 31). */
const unitSeconds: Record<string, number> = { SECONDLY: 1, MINUTELY: 60, HOURLY: 3600, DAILY: 86_400, WEEKLY: 604_800, MONTHLY: 31 * 86_400, YEARLY: 366 * 86_400 };
/** No calendar repeats less often than this; past it ical.js loops or throws (see above). */
const longestStepSeconds = 1000 * 366 * 86_400;

/** Why ical.js cannot expand this rule, or undefined when it can (after `rewriteForIcalJs`). */
export function unexpandable(recur: ICAL.Recur): string | undefined {
  const freq = String(recur.freq);
  if ((recur.interval ?? 1) * (unitSeconds[freq] ?? 0) > longestStepSeconds) return `INTERVAL=${recur.interval} makes one ${freq} step longer than 1000 years`;
  const times = ['BYHOUR', 'BYMINUTE', 'BYSECOND'].find((part) => values(recur, part).length > 1);
  if (freq === 'YEARLY' && times) return `several ${times} values in a YEARLY rule are not supported`;
  if (freq === 'WEEKLY' && values(recur, 'BYMONTHDAY').length) return 'BYMONTHDAY is not allowed in a WEEKLY rule';
  if (freq !== 'YEARLY' && values(recur, 'BYYEARDAY').length) return 'BYYEARDAY is only allowed in a YEARLY rule';
  if (finerThanMonthly.has(freq) && values(recur, 'BYMONTHDAY').some((d) => d < 0) && !canBeMonthly(recur)) {
    return `a negative BYMONTHDAY in a ${freq} rule with INTERVAL or BYSETPOS is not supported`;
  }
  if (freq === 'YEARLY' && values(recur, 'BYMONTHDAY').some((d) => d < 0) && !yearlyCanBeMonthly(recur)) {
    return 'a negative BYMONTHDAY in a YEARLY rule with INTERVAL, BYDAY, BYWEEKNO, BYYEARDAY or BYSETPOS is not supported';
  }
  return undefined;
}

/** FREQ=DAILY;BYMONTHDAY=-1 (every day, limited to the last of the month) is FREQ=MONTHLY;BYMONTHDAY=-1. */
function canBeMonthly(recur: ICAL.Recur): boolean {
  return String(recur.freq) === 'DAILY' && (recur.interval ?? 1) === 1 && values(recur, 'BYSETPOS').length === 0;
}

/** FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1 (those month days of those months, each year) is the same MONTHLY rule. */
function yearlyCanBeMonthly(recur: ICAL.Recur): boolean {
  return (recur.interval ?? 1) === 1 && ['BYDAY', 'BYWEEKNO', 'BYYEARDAY', 'BYSETPOS'].every((part) => values(recur, part).length === 0);
}

/**
 * Rewrite, in place, a rule ical.js would loop on into its equivalent. DAILY with BYMONTHDAY limits
 * the days; MONTHLY with BYMONTHDAY expands to the same days, and its other BY parts (BYDAY,
 * BYMONTH) limit them as DAILY's do (§3.3.10, the table of BYxxx rule parts); COUNT and UNTIL count
 * the same instances, at DTSTART's time of day in both.
 */
export function rewriteForIcalJs(recur: ICAL.Recur): void {
  const negative = values(recur, 'BYMONTHDAY').some((d) => d < 0);
  if (negative && finerThanMonthly.has(String(recur.freq)) && canBeMonthly(recur)) recur.freq = 'MONTHLY';
  // YEARLY with BYMONTH and BYMONTHDAY expands those days of those months; MONTHLY with BYMONTHDAY
  // expands the days and BYMONTH limits the months: the same instances, counted alike.
  if (negative && String(recur.freq) === 'YEARLY' && yearlyCanBeMonthly(recur)) recur.freq = 'MONTHLY';
}
