// Working hours: the schedule text, and clipping a block to it in the Mac's zone across DST changes.
process.env.TZ = 'America/New_York';
import { describe, expect, it } from 'vitest';
import { clipToWorkingHours } from '../../../src/main/sync/working-hours-clip';
import { macZone } from '../../../src/main/sync/zoned-midnight';
import { parseWorkingHours } from '../../../src/shared/working-hours';

const hours = (text: string) => {
  const parsed = parseWorkingHours(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.intervals;
};

describe('working hours: the schedule', () => {
  it('reads day ranges and single days, normalising the text', () => {
    const parsed = parseWorkingHours(' Mon-Fri 9:00-17:30,sat  10:00 - 14:00 ');
    expect(parsed).toEqual({ ok: true, text: 'mon-fri 09:00-17:30, sat 10:00-14:00', intervals: [
      ...[0, 1, 2, 3, 4].map((day) => ({ day, from: 540, to: 1050 })), { day: 5, from: 600, to: 840 },
    ] });
    expect(parseWorkingHours('none')).toEqual({ ok: true, intervals: [], text: '' });
    expect(parseWorkingHours('sun 20:00-24:00')).toMatchObject({ ok: true, intervals: [{ day: 6, from: 1200, to: 1440 }] });
  });

  it('refuses what it cannot read, saying what is wrong', () => {
    const problem = (text: string) => {
      const parsed = parseWorkingHours(text);
      return parsed.ok ? undefined : parsed.message;
    };
    expect(problem('weekdays 9-5')).toMatch(/is not a day and hours.*mon-fri 09:00-17:30/);
    expect(problem('fri-mon 09:00-17:00')).toContain('runs forward');
    expect(problem('mon 17:00-09:00')).toContain('end must be after the start');
    expect(problem('mon 09:00-25:00')).toContain('00:00 to 24:00');
    expect(problem('mon 09:61-10:00')).toContain('00:00 to 24:00');
    expect(problem('xyz 09:00-10:00')).toContain('days are mon, tue');
  });
});

describe('working hours: clipping a block, in the Mac’s zone (TZ set)', () => {
  const zone = macZone();
  const weekdays = hours('mon-fri 09:00-17:30');

  it('the test runs in the zone it set', () => {
    expect(zone).toBe('America/New_York');
  });

  it('a block partly inside is clipped to the part inside; one wholly outside is skipped', () => {
    // Tue 4 March 2031, EST (UTC-5): 08:00-10:00 local → 09:00-10:00.
    expect(clipToWorkingHours({ start: '2031-03-04T13:00:00.000Z', end: '2031-03-04T15:00:00.000Z' }, weekdays, zone))
      .toEqual({ start: '2031-03-04T14:00:00.000Z', end: '2031-03-04T15:00:00.000Z' });
    // 18:00-20:00 local: after hours.
    expect(clipToWorkingHours({ start: '2031-03-04T23:00:00.000Z', end: '2031-03-05T01:00:00.000Z' }, weekdays, zone)).toBeUndefined();
    // Saturday: no hours at all.
    expect(clipToWorkingHours({ start: '2031-03-08T15:00:00.000Z', end: '2031-03-08T17:00:00.000Z' }, weekdays, zone)).toBeUndefined();
  });

  it('DST starts (9 March 2031): Friday’s hours are at UTC-5, Monday’s at UTC-4 — a week-long block spans both', () => {
    const clipped = clipToWorkingHours({ start: '2031-03-07T00:00:00.000Z', end: '2031-03-11T00:00:00.000Z' }, weekdays, zone);
    // Fri 7 March 09:00 EST = 14:00Z … Mon 10 March 17:30 EDT = 21:30Z.
    expect(clipped).toEqual({ start: '2031-03-07T14:00:00.000Z', end: '2031-03-10T21:30:00.000Z' });
  });

  it('DST ends (2 November 2031): Monday 3 November 09:00 is 14:00Z again', () => {
    const clipped = clipToWorkingHours({ start: '2031-11-03T00:00:00.000Z', end: '2031-11-04T00:00:00.000Z' }, weekdays, zone);
    expect(clipped).toEqual({ start: '2031-11-03T14:00:00.000Z', end: '2031-11-03T22:30:00.000Z' });
  });

  it('on the DST day itself, hours after the change are at the new offset', () => {
    const sunday = hours('sun 01:00-04:00');
    // 9 March 2031: 01:00 EST = 06:00Z; 04:00 EDT = 08:00Z (02:00–03:00 does not exist).
    expect(clipToWorkingHours({ start: '2031-03-09T00:00:00.000Z', end: '2031-03-10T00:00:00.000Z' }, sunday, zone))
      .toEqual({ start: '2031-03-09T06:00:00.000Z', end: '2031-03-09T08:00:00.000Z' });
  });

  it('no schedule lets every hour block, unchanged', () => {
    const range = { start: '2031-03-08T15:00:00.000Z', end: '2031-03-08T17:00:00.000Z' };
    expect(clipToWorkingHours(range, [], zone)).toBe(range);
  });

  // Hostile (hostile11): the clip scanned at most 560 days, so a long event lost its end.
  it('mon-sun 00:00-24:00 leaves any block whole: across DST here, in Berlin and Lord Howe, and two years long', () => {
    const always = hours('mon-sun 00:00-24:00');
    const whole = (start: string, end: string, in_: string) => expect(clipToWorkingHours({ start, end }, always, in_), `${start} ${in_}`).toEqual({ start, end });
    whole('2031-03-07T00:00:00.000Z', '2031-03-11T00:00:00.000Z', zone);
    whole('2031-03-30T00:30:00.000Z', '2031-03-30T01:30:00.000Z', 'Europe/Berlin');
    whole('2031-10-25T00:00:00.000Z', '2031-10-27T00:00:00.000Z', 'Europe/Berlin');
    whole('2031-04-05T14:00:00.000Z', '2031-04-06T16:00:00.000Z', 'Australia/Lord_Howe');
    whole('2031-01-01T05:00:00.000Z', '2033-01-01T05:00:00.000Z', zone);
  });

  it('a long block is clipped at both ends by the hours of its first and last working days', () => {
    // Tue 4 March 2031 08:00 EST … Wed 3 March 2032 12:00 EST: from 09:00 on the first day to 12:00 on the last.
    expect(clipToWorkingHours({ start: '2031-03-04T13:00:00.000Z', end: '2032-03-03T17:00:00.000Z' }, weekdays, zone))
      .toEqual({ start: '2031-03-04T14:00:00.000Z', end: '2032-03-03T17:00:00.000Z' });
    // Ending on a Sunday: the last working minute is Friday's 17:30 (EDT after March 2032's change).
    expect(clipToWorkingHours({ start: '2031-03-04T13:00:00.000Z', end: '2033-03-20T17:00:00.000Z' }, weekdays, zone))
      .toEqual({ start: '2031-03-04T14:00:00.000Z', end: '2033-03-18T21:30:00.000Z' });
  });
});
