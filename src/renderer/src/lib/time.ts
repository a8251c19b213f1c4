// Times as people say them: "2 minutes ago", "in 4 minutes", "Today 10:42", "Tue 3 Jun 14:05".

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
const dayOnly = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "just now", "2 minutes ago", "in 4 minutes". */
export function relativeTime(iso: string, now: Date): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  let value = (then - now.getTime()) / 1000;
  if (Math.abs(value) < 30) return value <= 0 ? 'just now' : 'in a moment';
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return '';
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** For something that has happened: a clock a little ahead of ours still reads "just now". */
export function ago(iso: string, now: Date): string {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? '' : relativeTime(new Date(Math.min(then, now.getTime())).toISOString(), now);
}

/** "Today 10:42", "Yesterday 09:10", "Tue 3 Jun, 14:05". */
export function dayTime(iso: string, now: Date): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  if (sameDay(date, now)) return `Today ${clock.format(date)}`;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(date, yesterday)) return `Yesterday ${clock.format(date)}`;
  return dayAndClock.format(date);
}

/** An event's time span as shown in conflicts: all-day dates are YYYY-MM-DD. */
export function eventTime(start: string, end: string, allDay: boolean, now: Date): string {
  if (allDay) {
    const first = dayOnly.format(new Date(`${start}T12:00:00`));
    const last = new Date(`${end}T12:00:00`);
    last.setDate(last.getDate() - 1); // the end date of an all-day event is exclusive
    const lastText = dayOnly.format(last);
    return first === lastText ? `${first}, all day` : `${first} – ${lastText}, all day`;
  }
  const from = new Date(start);
  const to = new Date(end);
  const endText = sameDay(from, to) ? clock.format(to) : dayTime(end, now);
  return `${dayTime(start, now)} – ${endText}`;
}

/** Whole days between an instant and now, for the 30-day chart (0 = today). */
export function daysAgo(iso: string, now: Date): number {
  const date = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const startOfThat = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  return Math.round((startOfToday - startOfThat) / 86_400_000);
}
