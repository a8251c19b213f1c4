// The second engine: rrule.js (a port of python-dateutil's rrule, written independently of
// ical.js) expands the series as wall-clock times ("floating", its UTC fields are the wall clock),
// and Node's Intl data turns each wall clock into an instant (zone-clock.ts). We do not use
// rrule.js's own `tzid` option: it returns dates whose meaning depends on the machine's zone and it
// has no rule for local times in a DST gap; RFC 5545 expands rules in local time anyway (§3.3.10),
// so floating expansion + an independent zone conversion is the faithful split.
import { RRule, RRuleSet, type Options, type Weekday } from 'rrule';
import { instantOfWallMs, iso, wallMs, wallMsAt, type Wall } from './zone-clock';
import { wallAfter, type Series } from './series';

const weekday: Record<string, Weekday> = { MO: RRule.MO, TU: RRule.TU, WE: RRule.WE, TH: RRule.TH, FR: RRule.FR, SA: RRule.SA, SU: RRule.SU };
const frequency = { DAILY: RRule.DAILY, WEEKLY: RRule.WEEKLY, MONTHLY: RRule.MONTHLY, YEARLY: RRule.YEARLY } as const;

export interface Window { start: number; end: number }

/** UNTIL as the series writes it: a UTC instant for timed series, a date for all-day ones. */
export function untilOf(series: Series): { ms: number; text: string } | undefined {
  if (series.end.kind !== 'until') return undefined;
  if (series.allDay) {
    const w = wallAfter(series, series.end.days, 'same');
    return { ms: wallMs(w), text: `${w.y}${String(w.m).padStart(2, '0')}${String(w.d).padStart(2, '0')}` };
  }
  // The last minute of the chosen day in the zone: never before DTSTART, never in a gap or overlap.
  const ms = instantOfWallMs(wallMs({ ...wallAfter(series, series.end.days, 'same'), h: 23, mi: 59 }), series.zone);
  return { ms, text: iso(ms).replace(/[-:]/g, '') };
}

export function utcTextOf(series: Series, w: Wall): string {
  return iso(instantOfWallMs(wallMs(w), series.zone)).replace(/[-:]/g, '');
}

function ruleOptions(series: Series): Partial<Options> {
  const options: Partial<Options> = {
    freq: frequency[series.freq],
    interval: series.interval,
    dtstart: new Date(wallMs(series.start)),
    wkst: RRule.MO,
  };
  if (series.byday.length) options.byweekday = series.byday.map((b) => (b.n ? weekday[b.day].nth(b.n) : weekday[b.day]));
  if (series.bymonthday.length) options.bymonthday = series.bymonthday;
  if (series.bymonth.length) options.bymonth = series.bymonth;
  if (series.bysetpos.length) options.bysetpos = series.bysetpos;
  if (series.end.kind === 'count') options.count = series.end.count;
  return options;
}

/**
 * The series with DTSTART moved to the rule's first instance at or after it, or undefined when the
 * rule has none within three years. RFC 5545 §3.8.5.3: a recurrence set whose DTSTART is not
 * synchronized with its RRULE is undefined, so only synchronized series can be compared.
 */
export function synchronized(series: Series): Series | undefined {
  const from = wallMs(series.start);
  const first = new RRule({ ...ruleOptions(series), count: null, until: new Date(from + 3 * 366 * 86_400_000) }).after(new Date(from - 1), true);
  if (!first) return undefined;
  const d = new Date(first.getTime());
  return { ...series, start: { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes() } };
}

/** The instances' starts in the window: UTC ISO for timed series, YYYY-MM-DD for all-day ones. */
/**
 * `ruleInstances`: the RRULE's wall clocks as another reading gives them (known-defects.ts), used
 * instead of rrule.js's; RDATE, EXDATE and the zone conversion are the same.
 */
export function expandWithRrule(series: Series, window: Window, ruleInstances?: number[]): string[] {
  const options = ruleOptions(series);
  const until = untilOf(series);
  // UNTIL bounds the RRULE only, not RDATE (RFC 5545 §3.3.10). rrule.js compares wall clocks: a
  // timed UNTIL (UTC) is given as its wall clock in the zone (23:59 there, never ambiguous).
  if (until) options.until = new Date(series.allDay ? until.ms : wallMsAt(until.ms, series.zone));
  const set = new RRuleSet();
  if (ruleInstances) for (const wall of ruleInstances) set.rdate(new Date(wall));
  else set.rrule(new RRule(options));
  for (const r of series.rdates) set.rdate(new Date(wallMs(wallAfter(series, r.days, r.at))));
  for (const x of series.exdates) {
    const w = wallAfter(series, x.days, x.at);
    // A UTC EXDATE names an instant: its wall clock in the zone is what the set removes.
    const ms = x.utc && !series.allDay ? wallMsAt(instantOfWallMs(wallMs(w), series.zone), series.zone) : wallMs(w);
    set.exdate(new Date(ms));
  }
  const day = 86_400_000;
  // Wall clocks a little beyond the window either side; the exact bounds are applied to instants.
  const walls = set.between(new Date(window.start - 2 * day), new Date(window.end + 2 * day), true).map((d) => d.getTime());
  const out = new Set<string>();
  for (const wall of walls) {
    if (series.allDay) {
      if (wall + day > window.start && wall < window.end) out.add(iso(wall).slice(0, 10));
      continue;
    }
    const start = instantOfWallMs(wall, series.zone);
    if (start + 3_600_000 > window.start && start < window.end) out.add(iso(start));
  }
  return [...out].sort();
}

/** The RRULE's wall clocks from several rules read as one (each with COUNT removed, COUNT applied to the union). */
export function unionOfRules(series: Series, parts: Series[], window: Window): number[] {
  const set = new RRuleSet();
  for (const part of parts) {
    const options = ruleOptions(part);
    delete options.count;
    const until = untilOf(series);
    if (until) options.until = new Date(series.allDay ? until.ms : wallMsAt(until.ms, series.zone));
    set.rrule(new RRule(options));
  }
  const walls = set.between(new Date(wallMs(series.start) - 1), new Date(window.end + 2 * 86_400_000), true).map((d) => d.getTime());
  return series.end.kind === 'count' ? walls.slice(0, series.end.count) : walls;
}
