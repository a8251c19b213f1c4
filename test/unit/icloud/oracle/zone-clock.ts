// Wall clock ↔ UTC instant in an IANA zone from Node's own time-zone data (Intl/ICU), for the
// oracle: independent of ical.js and of timezones-ical-library, which the codec uses.
// RFC 5545 §3.3.5: a local time that falls in a DST gap is read with the offset before the gap;
// a local time that occurs twice (the hour clocks go back) is its first occurrence.

export interface Wall { y: number; m: number; d: number; h: number; mi: number }

const formats = new Map<string, Intl.DateTimeFormat>();
function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formats.set(zone, f);
  }
  return f;
}

/** The wall clock of an instant in a zone, as milliseconds of a UTC Date with those fields. */
export function wallMsAt(ms: number, zone: string): number {
  const parts = format(zone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

function offsetMs(ms: number, zone: string): number {
  return wallMsAt(ms, zone) - ms;
}

/** The instant a wall clock (given as UTC-field milliseconds) stands for in a zone. */
export function instantOfWallMs(wallMs: number, zone: string): number {
  const day = 86_400_000;
  const before = offsetMs(wallMs - day, zone);
  const after = offsetMs(wallMs + day, zone);
  const valid = [...new Set([before, after])]
    .map((offset) => wallMs - offset)
    .filter((ms) => offsetMs(ms, zone) === wallMs - ms)
    .sort((a, b) => a - b);
  if (valid.length) return valid[0]; // the first of two, when the wall clock occurs twice
  return wallMs - before; // in a gap: the offset before it
}

export function wallMs(w: Wall): number {
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
