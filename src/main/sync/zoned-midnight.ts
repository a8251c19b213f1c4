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
  return new Date(guess).toISOString();
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function dateInZone(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** This Mac's zone now: floating times are read in it (as Calendar on the Mac shows them), and it
 *  stands in for the location's zone when that cannot be read. */
export function macZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
