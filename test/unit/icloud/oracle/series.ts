// Generated recurring series for the differential test (codec-oracle.test.ts): a fast-check
// arbitrary and the iCalendar text the codec reads. Times are drawn near the small hours so that
// series in zones with DST meet the transitions (a gap, a repeated hour, Lord Howe's 30 minutes,
// Chatham's 02:45) often, not by luck.
import fc from 'fast-check';
import type { Wall } from './zone-clock';

export const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'] as const;
export const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface ByDay { day: (typeof weekdays)[number]; n?: number }

/** An extra date of the series (RDATE) or an excluded one (EXDATE), as days after DTSTART. */
export interface Extra {
  days: number;
  /** Timed series: the wall-clock time (RDATE), or "same" = DTSTART's time (hits the rule's instances). */
  at: { h: number; mi: number } | 'same';
  /** Timed EXDATE: written in UTC (`…Z`) instead of DTSTART's zone (RFC 5545 allows either). */
  utc: boolean;
}

export interface Series {
  zone: (typeof zones)[number];
  allDay: boolean;
  start: Wall;
  freq: Freq;
  interval: number;
  byday: ByDay[];
  bymonthday: number[];
  bymonth: number[];
  bysetpos: number[];
  end: { kind: 'count'; count: number } | { kind: 'until'; days: number } | { kind: 'none' };
  rdates: Extra[];
  exdates: Extra[];
}

const hour = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 3) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 23 }) });
const minute = fc.constantFrom(0, 15, 30, 45);
const extra = fc.record({
  days: fc.integer({ min: 0, max: 200 }),
  at: fc.oneof({ weight: 3, arbitrary: fc.constant('same' as const) }, { weight: 1, arbitrary: fc.record({ h: hour, mi: minute }) }),
  utc: fc.boolean(),
});
const uniqueSorted = <T>(arb: fc.Arbitrary<T[]>) => arb.map((xs) => [...new Set(xs)].sort((a, b) => Number(a) - Number(b)));

function byDayFor(freq: Freq): fc.Arbitrary<ByDay[]> {
  const day = fc.constantFrom(...weekdays);
  // An ordinal (1MO, -1FR) only means something in a MONTHLY or YEARLY rule (RFC 5545 §3.3.10).
  const ordinal = freq === 'MONTHLY' || freq === 'YEARLY'
    ? fc.option(fc.constantFrom(1, 2, 3, 4, -1, -2), { nil: undefined, freq: 2 })
    : fc.constant(undefined);
  const entry = fc.record({ day, n: ordinal }).map((b): ByDay => (b.n === undefined ? { day: b.day } : { day: b.day, n: b.n }));
  return fc.uniqueArray(entry, { maxLength: 3, selector: (b) => `${b.n ?? ''}${b.day}` });
}

export const seriesArb: fc.Arbitrary<Series> = fc
  .record({
    zone: fc.constantFrom(...zones),
    allDay: fc.boolean(),
    freq: fc.constantFrom<Freq>('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    y: fc.constant(2025),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: hour,
    mi: minute,
    interval: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 4 }) }),
    end: fc.oneof(
      fc.record({ kind: fc.constant('count' as const), count: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ kind: fc.constant('until' as const), days: fc.integer({ min: 0, max: 400 }) }),
      fc.record({ kind: fc.constant('none' as const) }),
    ),
    rdates: fc.array(extra, { maxLength: 3 }),
    exdates: fc.array(extra, { maxLength: 4 }),
  })
  .chain((base) =>
    fc.record({
      byday: fc.oneof(fc.constant<ByDay[]>([]), byDayFor(base.freq)),
      bymonthday: fc.oneof(
        { weight: 3, arbitrary: fc.constant<number[]>([]) },
        { weight: 1, arbitrary: uniqueSorted(fc.array(fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: -3, max: -1 })), { minLength: 1, maxLength: 3 })) },
      ),
      bymonth: base.freq === 'YEARLY'
        ? fc.oneof(fc.constant<number[]>([]), uniqueSorted(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 })))
        : fc.constant<number[]>([]),
      setpos: fc.option(uniqueSorted(fc.array(fc.constantFrom(1, 2, -1, -2), { minLength: 1, maxLength: 2 })), { nil: undefined, freq: 3 }),
      extraMonth: fc.integer({ min: 1, max: 12 }),
    }).map((by): Series => {
      // BYMONTHDAY with a WEEKLY rule is not allowed (RFC 5545 §3.3.10).
      let bymonthday = base.freq === 'WEEKLY' ? [] : by.bymonthday;
      let byday = by.byday;
      // The shapes calendar apps write: BYSETPOS picks among plain weekdays ("last weekday of the
      // month"), not among ordinals or month days; a YEARLY rule that picks days names its months.
      // (Unsatisfiable mixes of these cost ical.js seconds each: see the report of issue 11.)
      const setpos = by.setpos && byday.length >= 2 && (base.freq === 'MONTHLY' || base.freq === 'YEARLY') ? by.setpos : undefined;
      if (setpos) {
        byday = byday.map((b) => ({ day: b.day }));
        bymonthday = [];
      }
      if (base.freq === 'YEARLY' && byday.length) bymonthday = bymonthday.filter((d) => d > 0);
      if (byday.length && bymonthday.length) {
        // Both: the "Friday the 13th" shape (plain weekdays, days counted from the month's start).
        byday = byday.map((b) => ({ day: b.day }));
        bymonthday = [...new Set(bymonthday.map((d) => Math.abs(d)))].sort((a, b) => a - b);
      }
      let bymonth = base.freq === 'YEARLY' && (byday.length || bymonthday.length) && !by.bymonth.length ? [base.m] : by.bymonth;
      // YEARLY+BYSETPOS picks within the year, not the month (yearly-setpos.ts): only a rule of
      // several months tells the two apart, so such rules mostly get a second month.
      if (setpos && base.freq === 'YEARLY') bymonth = [...new Set([...bymonth, by.extraMonth])].sort((a, b) => a - b);
      return {
      zone: base.zone,
      allDay: base.allDay,
      start: { y: base.y, m: base.m, d: base.d, h: base.allDay ? 0 : base.h, mi: base.allDay ? 0 : base.mi },
      freq: base.freq,
      // The shapes the codec refuses (rule-shapes.ts): a negative BYMONTHDAY with an INTERVAL in a
      // DAILY rule, or in a YEARLY one (which also refuses it with BYDAY, tested in codec-rule-shapes).
      interval: (base.freq === 'DAILY' || base.freq === 'YEARLY') && bymonthday.some((d) => d < 0) ? 1 : base.interval,
      byday: [...new Map(byday.map((b) => [`${b.n ?? ''}${b.day}`, b])).values()],
      bymonthday,
      bymonth,
      bysetpos: setpos ?? [],
      end: base.end,
      rdates: base.rdates,
      exdates: base.exdates,
      };
    }),
  );

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const dateText = (w: Wall) => `${pad(w.y, 4)}${pad(w.m)}${pad(w.d)}`;
export const dateTimeText = (w: Wall) => `${dateText(w)}T${pad(w.h)}${pad(w.mi)}00`;

/** DTSTART's wall clock plus whole days, at a given time of day. */
export function wallAfter(series: Series, days: number, at: Extra['at']): Wall {
  const d = new Date(Date.UTC(series.start.y, series.start.m - 1, series.start.d + days));
  const time = at === 'same' ? series.start : at;
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: series.allDay ? 0 : time.h, mi: series.allDay ? 0 : time.mi };
}

export function rruleText(series: Series, untilText?: string): string {
  const parts = [`FREQ=${series.freq}`];
  if (series.interval > 1) parts.push(`INTERVAL=${series.interval}`);
  if (series.byday.length) parts.push(`BYDAY=${series.byday.map((b) => `${b.n ?? ''}${b.day}`).join(',')}`);
  if (series.bymonthday.length) parts.push(`BYMONTHDAY=${series.bymonthday.join(',')}`);
  if (series.bymonth.length) parts.push(`BYMONTH=${series.bymonth.join(',')}`);
  if (series.bysetpos.length) parts.push(`BYSETPOS=${series.bysetpos.join(',')}`);
  if (series.end.kind === 'count') parts.push(`COUNT=${series.end.count}`);
  if (untilText) parts.push(`UNTIL=${untilText}`);
  return parts.join(';');
}

/**
 * The series as iCloud would store it (TZID without VTIMEZONE: the codec supplies IANA rules).
 * `untilText` is the UNTIL value (UTC for timed series, RFC 5545 §3.3.10; a DATE for all-day).
 * `utcOf` turns a wall clock of the series' zone into the `…Z` text of its instant.
 */
export function seriesIcs(series: Series, untilText: string | undefined, utcOf: (w: Wall) => string): string {
  const zoned = (name: string, w: Wall) => `${name};TZID=${series.zone}:${dateTimeText(w)}`;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//oracle//EN', 'BEGIN:VEVENT', 'UID:series-1', 'DTSTAMP:20250101T000000Z'];
  if (series.allDay) lines.push(`DTSTART;VALUE=DATE:${dateText(series.start)}`, 'DURATION:P1D');
  else lines.push(zoned('DTSTART', series.start), 'DURATION:PT1H');
  lines.push(`RRULE:${rruleText(series, untilText)}`);
  for (const r of series.rdates) {
    const w = wallAfter(series, r.days, r.at);
    lines.push(series.allDay ? `RDATE;VALUE=DATE:${dateText(w)}` : zoned('RDATE', w));
  }
  for (const x of series.exdates) {
    const w = wallAfter(series, x.days, x.at);
    if (series.allDay) lines.push(`EXDATE;VALUE=DATE:${dateText(w)}`);
    else lines.push(x.utc ? `EXDATE:${utcOf(w)}` : zoned('EXDATE', w));
  }
  lines.push('SUMMARY:Generated', 'END:VEVENT', 'END:VCALENDAR', '');
  return lines.join('\r\n');
}
