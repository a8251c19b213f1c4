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
];
