// Disagreements between the codec and rrule.js that are decided and listed (codec-oracle.test.ts
// fails on any other). Each names the engine that is wrong and the RFC 5545 clause. A defect of
// rrule.js carries the RFC reading, computed independently, which the codec must then match
// exactly; a defect of the codec that is not fixed yet says so (`open`).
import { unionOfRules, type Window } from './rrule-oracle';
import type { Series } from './series';

export interface KnownDefect {
  id: string;
  engine: 'rrule.js' | 'codec (ical.js)';
  rfc: string;
  what: string;
  applies(series: Series): boolean;
  /** rrule.js defects: the RRULE's wall clocks as RFC 5545 reads them. */
  rfcRuleInstances?(series: Series, window: Window): number[];
  /** Codec defects not fixed yet: why, and where it is tracked. */
  open?: string;
}

const picksOrdinalAndPlain = (s: Series) =>
  (s.freq === 'MONTHLY' || s.freq === 'YEARLY') && s.byday.some((b) => b.n) && s.byday.some((b) => !b.n);

export const knownDefects: KnownDefect[] = [
  {
    id: 'rrule-byday-plain-and-ordinal-intersected',
    engine: 'rrule.js',
    rfc: 'RFC 5545 §3.3.10 (BYDAY: "a list of days of the week"; each value, with or without an ordinal, selects days — the list is their union)',
    what: 'BYDAY=TH,4TH in a MONTHLY rule: rrule.js (like python-dateutil) keeps only days that match a plain weekday AND an ordinal one (the 4th Thursday); RFC 5545 means every Thursday (the 4th is one of them).',
    applies: picksOrdinalAndPlain,
    rfcRuleInstances: (series, window) =>
      unionOfRules(series, [
        { ...series, byday: series.byday.filter((b) => !b.n) },
        { ...series, byday: series.byday.filter((b) => b.n) },
      ], window),
  },
  {
    id: 'codec-yearly-bysetpos-per-month',
    engine: 'codec (ical.js)',
    rfc: 'RFC 5545 §3.3.10 (BYSETPOS selects among the set of instances "within the interval of the frequency": a year for YEARLY)',
    what: 'FREQ=YEARLY;BYMONTH=10,11,12;BYDAY=SA,MO;BYSETPOS=1: ical.js applies BYSETPOS within each month (one instance per month); RFC 5545 and rrule.js within the year (one per year).',
    applies: (s) => s.freq === 'YEARLY' && s.bysetpos.length > 0,
    open: 'not fixed (issue 11 report): ical.js expands YEARLY+BYSETPOS month by month; no calendar UI we know writes this shape',
  },
];
