// Midnight of a calendar date in an IANA zone, as a UTC instant — how an all-day iCloud event becomes
// whole days on the platform, in the platform location's time zone (S15). Uses Intl (full ICU in
// Node and Electron), no date library needed for this one conversion.

/** Offset of `zone` from UTC at the instant `utcMs`, in minutes. */
function offsetMinutes(zone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - utcMs) / 60_000);
}

export function midnightInZone(date: string, zone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const naive = Date.UTC(y, m - 1, d);
  // Two passes settle the offset even on a DST-change day.
  let guess = naive - offsetMinutes(zone, naive) * 60_000;
  guess = naive - offsetMinutes(zone, guess) * 60_000;
  if (isFirstInstantOf(date, zone, guess)) return new Date(guess).toISOString();
  // Midnight is in a DST gap (Santiago, Havana, Beirut jump from 00:00 to 01:00): the guess is an
  // hour early, on the day before. The day starts where the clock jumps: search by minute within
  // the three hours around the guess (no zone moves its clocks by more).
  let before = guess - 3 * 3_600_000; // still the day before
  let after = guess + 3 * 3_600_000; // the date already
  while (after - before > 60_000) {
    const middle = before + Math.floor((after - before) / 120_000) * 60_000;
    if (dateInZone(new Date(middle).toISOString(), zone) < date) before = middle;
    else after = middle;
  }
  return new Date(after).toISOString();
}

function isFirstInstantOf(date: string, zone: string, utcMs: number): boolean {
  return dateInZone(new Date(utcMs).toISOString(), zone) === date && dateInZone(new Date(utcMs - 1).toISOString(), zone) < date;
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function dateInZone(iso: string, zone: string): string {
  let format = dateFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(zone, format);
  }
  return format.format(new Date(iso));
}

/** A formatter costs far more to make than to use, and midnightInZone asks for dates often. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** This Mac's zone now: floating times are read in it (as Calendar on the Mac shows them), and it
 *  stands in for the location's zone when that cannot be read. */
export function macZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
