// Bounded expansion (issue 10, "bounded work"): a hostile series costs the same small, fixed work
// whatever its rule says, keeps the occurrences nearest to now, and says that it was cut.
import { describe, expect, it } from 'vitest';
import { IcsCodec } from '../../../src/main/icloud';
import { expandWithLimits } from '../../../src/main/icloud/codec/expand';
import { OCCURRENCE_CAP } from '../../../src/main/icloud/codec/occurrence-cap';
import { syncWindow } from '../../../src/main/sync/sync-window';

const codec = new IcsCodec();
const now = new Date('2031-03-05T10:00:30Z');
const defaultWindow = syncWindow(now, { pastDays: 7, futureDays: 90 });
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function series(rrule: string, startMs: number, durationSeconds = 1) {
  const ics = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:hostile', 'DTSTAMP:20310101T000000Z',
    `DTSTART:${stamp(startMs)}`, `DTEND:${stamp(startMs + durationSeconds * 1000)}`, 'SUMMARY:Hostile', `RRULE:${rrule}`, 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
  const parsed = codec.parse(ics, { floatingZone: 'UTC' });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.object;
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const begun = performance.now();
  const value = work();
  return { value, ms: performance.now() - begun };
}

describe('the occurrence cap', () => {
  it('FREQ=SECONDLY without an end: the 500 occurrences nearest from now on, reported, in well under a second', () => {
    const { value, ms } = timed(() => expandWithLimits(series('FREQ=SECONDLY', now.getTime() - 3_600_000), defaultWindow, now));
    expect(value.occurrences).toHaveLength(OCCURRENCE_CAP);
    // The first kept one is the one running now; the rest follow second by second.
    expect(value.occurrences[0].start.iso).toBe('2031-03-05T10:00:30Z');
    expect(value.occurrences.at(-1)!.start.iso).toBe(new Date(now.getTime() + (OCCURRENCE_CAP - 1) * 1000).toISOString().replace('.000Z', 'Z'));
    expect(value.capped).toEqual([
      { uid: 'hostile', title: 'Hostile', kept: OCCURRENCE_CAP, reason: 'cap', keptFrom: '2031-03-05T10:00:30Z', keptTo: value.occurrences.at(-1)!.start.iso },
    ]);
    expect(ms).toBeLessThan(1000);
  });

  it('skips ahead instead of walking a SECONDLY series begun long before the window', () => {
    const { value, ms } = timed(() => expandWithLimits(series('FREQ=SECONDLY', Date.parse('2030-01-01T00:00:00Z')), defaultWindow, now));
    expect(value.occurrences).toHaveLength(OCCURRENCE_CAP);
    expect(value.occurrences[0].start.iso).toBe('2031-03-05T10:00:30Z');
    expect(value.capped[0].reason).toBe('cap');
    expect(ms).toBeLessThan(1000);
  });

  it('FREQ=HOURLY;COUNT=1000000 is capped too, not expanded to its 2,000-odd hours in the window', () => {
    const { value } = { value: expandWithLimits(series('FREQ=HOURLY;COUNT=1000000', Date.parse('2031-03-01T00:00:00Z'), 1800), defaultWindow, now) };
    expect(value.occurrences).toHaveLength(OCCURRENCE_CAP);
    // 10:00–10:30 has ended by 10:00:30? No: it runs until 10:30, so it is the first kept.
    expect(value.occurrences[0].start.iso).toBe('2031-03-05T10:00:00Z');
    expect(value.capped).toHaveLength(1);
  });

  it('never caps a daily series, even in the largest window the settings allow', () => {
    const largest = syncWindow(now, { pastDays: 90, futureDays: 365 });
    const value = expandWithLimits(series('FREQ=DAILY', Date.parse('2020-01-01T09:00:00Z'), 3600), largest, now);
    expect(value.occurrences).toHaveLength(456);
    expect(value.capped).toEqual([]);
  });

  it('fills the cap with the most recent past occurrences when few lie ahead', () => {
    const until = stamp(now.getTime() + 99_000);
    const value = expandWithLimits(series(`FREQ=SECONDLY;UNTIL=${until}`, Date.parse('2031-03-04T00:00:00Z')), defaultWindow, now);
    expect(value.occurrences).toHaveLength(OCCURRENCE_CAP);
    const starts = value.occurrences.map((o) => Date.parse(o.start.iso));
    expect(starts.at(-1)).toBe(now.getTime() + 99_000); // the last one the rule allows
    expect(starts[0]).toBe(now.getTime() + 99_000 - (OCCURRENCE_CAP - 1) * 1000); // contiguous back from it
    expect(value.capped[0].reason).toBe('cap');
  });

  it('skipping ahead gives exactly what walking from DTSTART gives (phase and COUNT kept)', () => {
    const start = Date.parse('2031-02-20T08:03:00Z'); // before the window (2031-02-26)
    for (const rule of ['FREQ=MINUTELY;INTERVAL=7', 'FREQ=MINUTELY;INTERVAL=7;COUNT=4000', 'FREQ=DAILY;INTERVAL=3', 'FREQ=WEEKLY;COUNT=30']) {
      const skipped = expandWithLimits(series(rule, start, 60), defaultWindow, now);
      // BYSECOND=0 says nothing new (DTSTART is on second 0) but makes the rule one we walk.
      const walked = expandWithLimits(series(`${rule};BYSECOND=0`, start, 60), defaultWindow, now);
      expect(skipped.occurrences.map((o) => o.start.iso), rule).toEqual(walked.occurrences.map((o) => o.start.iso));
      expect(skipped.occurrences.length, rule).toBeGreaterThan(0);
    }
  });

  it('a COUNT that ran out in the window, hours ago, keeps its last 500 and says it was capped', () => {
    const start = now.getTime() - 86_400_000; // MINUTELY × 1000 ended ~7 h ago, inside the window
    const value = expandWithLimits(series('FREQ=MINUTELY;COUNT=1000', start, 30), defaultWindow, now);
    expect(value.occurrences).toHaveLength(OCCURRENCE_CAP);
    expect(Date.parse(value.occurrences.at(-1)!.start.iso)).toBe(start + 999 * 60_000);
    expect(Date.parse(value.occurrences[0].start.iso)).toBe(start + 500 * 60_000);
    expect(value.capped[0].reason).toBe('cap');
  });

  it('says it was capped when it skipped over past occurrences of the window, even with few ahead', () => {
    const until = stamp(now.getTime() + 30 * 60_000);
    const value = expandWithLimits(series(`FREQ=MINUTELY;UNTIL=${until}`, now.getTime() - 3 * 86_400_000, 30), defaultWindow, now);
    expect(value.occurrences).toHaveLength(OCCURRENCE_CAP);
    expect(value.capped).toHaveLength(1);
  });

  it('a COUNT that ran out before the window yields nothing, cheaply', () => {
    const { value, ms } = timed(() => expandWithLimits(series('FREQ=SECONDLY;COUNT=10', Date.parse('2025-01-01T00:00:00Z')), defaultWindow, now));
    expect(value).toEqual({ occurrences: [], capped: [] });
    expect(ms).toBeLessThan(200);
  });

  it('a rule too costly to walk stops at the iteration budget and says so', () => {
    const { value, ms } = timed(() => expandWithLimits(series('FREQ=MINUTELY;BYSECOND=0', Date.parse('2029-01-01T00:00:00Z')), defaultWindow, now));
    expect(value.capped).toEqual([{ uid: 'hostile', title: 'Hostile', kept: 0, reason: 'budget' }]);
    expect(ms).toBeLessThan(2000);
  });

  it('a YEARLY+BYSETPOS rule whose years are too costly to walk stops at its budget and says so (yearly-setpos.ts)', () => {
    // Every day of every year is a candidate and none is ever picked (BYSETPOS=0): 365 steps a year
    // from the window on, past the budget. (From 1900 with BYSETPOS=-1 it was cut too, until the
    // walk began at the window's year: hostile11, expand-hostile.test.ts.)
    const rule = 'FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYSETPOS=-1';
    const { value, ms } = timed(() => expandWithLimits(series(rule.replace('-1', '0'), Date.parse('1900-12-31T09:00:00Z')), defaultWindow, now));
    expect(value.capped).toEqual([{ uid: 'hostile', title: 'Hostile', kept: 0, reason: 'budget' }]);
    expect(ms).toBeLessThan(5000);
    // The 1900 series that picks the last day of each year is walked from the window's year: exact, not cut.
    const old = expandWithLimits(series(rule, Date.parse('1900-12-31T09:00:00Z')), { start: new Date('2029-01-01T00:00:00Z'), end: new Date('2032-01-01T00:00:00Z') }, now);
    expect(old.occurrences.map((o) => o.start.iso)).toEqual(['2029-12-31T09:00:00Z', '2030-12-31T09:00:00Z', '2031-12-31T09:00:00Z']);
    expect(old.capped).toEqual([]);
    // From a recent year the same rule is walked to its end: the last day of each year, none cut.
    const recent = expandWithLimits(series(rule, Date.parse('2028-12-31T09:00:00Z')), { start: new Date('2029-01-01T00:00:00Z'), end: new Date('2032-01-01T00:00:00Z') }, now);
    expect(recent.occurrences.map((o) => o.start.iso)).toEqual(['2029-12-31T09:00:00Z', '2030-12-31T09:00:00Z', '2031-12-31T09:00:00Z']);
    expect(recent.capped).toEqual([]);
  });
});
