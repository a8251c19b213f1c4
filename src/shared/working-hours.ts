// A weekly schedule of working hours, written the way people say it: `mon-fri 09:00-17:30, sat
// 10:00-14:00`. The times are the person's own, in the Mac's zone (DESIGN "What crosses"). Plain
// data and no zod: the window checks it as it is typed, with the same words as the CLI.

export const weekDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** One working interval on one day of the week: minutes after that day's midnight, [from, to). */
export interface WorkingInterval {
  /** 0 = Monday … 6 = Sunday. */
  day: number;
  from: number;
  to: number;
}

export type HoursResult = { ok: true; intervals: WorkingInterval[]; text: string } | { ok: false; message: string };

/** Longer than any honest schedule (seven days, a few intervals each): a bound for the window's input too. */
export const WORKING_HOURS_MAX_LENGTH = 500;

const entryPattern = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;
const example = 'e.g. "mon-fri 09:00-17:30, sat 10:00-14:00"';

/** Parse a schedule. Empty (or "none") means no working hours: every hour may block. */
export function parseWorkingHours(input: string): HoursResult {
  const text = input.trim().toLowerCase();
  if (text === '' || text === 'none') return { ok: true, intervals: [], text: '' };
  if (text.length > WORKING_HOURS_MAX_LENGTH) return { ok: false, message: `working hours are at most ${WORKING_HOURS_MAX_LENGTH} characters` };
  const intervals: WorkingInterval[] = [];
  const entries: string[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim().replace(/\s+/g, ' ');
    const match = entryPattern.exec(entry);
    if (!match) return { ok: false, message: `"${entry}" is not a day and hours: write days then hours, ${example}` };
    const [, firstName, lastName, h1, m1, h2, m2] = match;
    const first = weekDays.indexOf(firstName as (typeof weekDays)[number]);
    const last = lastName === undefined ? first : weekDays.indexOf(lastName as (typeof weekDays)[number]);
    if (first < 0 || last < 0) return { ok: false, message: `"${entry}": days are ${weekDays.join(', ')}` };
    if (last < first) return { ok: false, message: `"${entry}": a day range runs forward from mon to sun (write "${firstName}-sun, mon-${lastName}")` };
    const from = minutes(h1, m1);
    const to = minutes(h2, m2);
    if (from === undefined || to === undefined) return { ok: false, message: `"${entry}": times are 00:00 to 24:00` };
    if (to <= from) return { ok: false, message: `"${entry}": the end must be after the start (hours past midnight go on the next day's entry)` };
    for (let day = first; day <= last; day++) intervals.push({ day, from, to });
    entries.push(`${firstName}${lastName ? `-${lastName}` : ''} ${clock(from)}-${clock(to)}`);
  }
  return { ok: true, intervals, text: entries.join(', ') };
}

function minutes(hours: string, mins: string): number | undefined {
  const h = Number(hours);
  const m = Number(mins);
  if (m > 59 || h > 24 || (h === 24 && m > 0)) return undefined;
  return h * 60 + m;
}

function clock(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
