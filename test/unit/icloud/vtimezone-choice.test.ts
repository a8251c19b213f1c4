// The measurement behind the codec's time-zone choice (TimezoneResolver.fileZone, icloud-caldav.md):
// for each real-world-style VTIMEZONE in test/fixtures/vtimezone we read local noon of every day of
// 2020–2027 three ways and compare the UTC offset with Node's own IANA data (Intl, independent of
// ical.js and timezones-ical-library):
//   file   — the VTIMEZONE as written (what the codec did before);
//   hybrid — IANA only where the file does not reach (before its first transition; after its last
//            one when no observance repeats);
//   chosen — what the codec does now: IANA rules for every instant of an IANA-named TZID, the
//            file's rules (extended backwards by its last observance) for any other name.
// The table is printed; the assertions pin the conclusion: `chosen` is never wrong for an
// IANA-named TZID, while `file` and even `hybrid` are wrong for stale files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { TimezoneResolver, namesIanaZone } from '../../../src/main/icloud/codec/timezones';

const dir = join(__dirname, '../../fixtures/vtimezone');
/** What the writer meant, for names Intl cannot look up (a Windows name, a custom one). */
const meant: Record<string, string> = {
  'W. Europe Standard Time': 'Europe/Berlin',
  'Customized Time Zone': 'Asia/Kolkata',
};

function intlOffsetSeconds(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - ms) / 1000;
}

/** The UTC offset at local noon of a day (noon is never in a DST gap or overlap). */
function truthAtNoon(y: number, m: number, d: number, zone: string): number {
  const wall = Date.UTC(y, m - 1, d, 12);
  const first = intlOffsetSeconds(wall, zone);
  return intlOffsetSeconds(wall - first * 1000, zone);
}

function observances(vtimezone: ICAL.Component): ICAL.Component[] {
  return vtimezone.getAllSubcomponents().filter((c) => c.name === 'standard' || c.name === 'daylight');
}

/** Whether the file itself says something about this local time (see `hybrid` above). */
function fileCovers(vtimezone: ICAL.Component, local: ICAL.Time): boolean {
  const obs = observances(vtimezone);
  const onsets = obs.map((c) => c.getFirstPropertyValue('dtstart') as ICAL.Time);
  if (onsets.every((t) => local.compare(t) < 0)) return false;
  const repeats = obs.some((c) => c.hasProperty('rrule') && !(c.getFirstPropertyValue('rrule') as ICAL.Recur).until);
  return repeats || onsets.some((t) => local.compare(t) <= 0);
}

interface Row { file: string; tzid: string; samples: number; file_wrong: number; hybrid_wrong: number; chosen_wrong: number }

function measure(name: string): Row {
  const root = new ICAL.Component(ICAL.parse(readFileSync(join(dir, name), 'utf8')) as unknown[]);
  const vtimezone = root.getFirstSubcomponent('vtimezone') as ICAL.Component;
  const tzid = String(vtimezone.getFirstPropertyValue('tzid'));
  const resolver = new TimezoneResolver();
  const truthZone = meant[tzid] ?? resolver.resolve(tzid)?.iana ?? tzid;
  const asWritten = new ICAL.Timezone({ component: vtimezone, tzid });
  const chosen = resolver.fileZone(vtimezone);
  const iana = namesIanaZone(tzid) ? resolver.resolve(tzid)?.timezone : undefined;
  const row: Row = { file: name, tzid, samples: 0, file_wrong: 0, hybrid_wrong: 0, chosen_wrong: 0 };
  for (let day = Date.UTC(2020, 0, 1); day < Date.UTC(2028, 0, 1); day += 86_400_000) {
    const date = new Date(day);
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const local = ICAL.Time.fromData({ year: y, month: m, day: d, hour: 12, minute: 0, second: 0, isDate: false });
    const truth = truthAtNoon(y, m, d, truthZone);
    const hybridZone = iana && !fileCovers(vtimezone, local) ? iana : asWritten;
    row.samples += 1;
    if (asWritten.utcOffset(local) !== truth) row.file_wrong += 1;
    if (hybridZone.utcOffset(local) !== truth) row.hybrid_wrong += 1;
    if (chosen.utcOffset(local) !== truth) row.chosen_wrong += 1;
  }
  return row;
}

describe('choosing between a VTIMEZONE and IANA rules (measured against Intl, 2020–2027)', () => {
  const rows = readdirSync(dir).filter((f) => f.endsWith('.ics')).sort().map(measure);

  it('prints the measurement', () => {
    console.table(rows);
    expect(rows.length).toBeGreaterThanOrEqual(8);
  });

  it.each(rows.filter((r) => namesIanaZone(r.tzid)).map((r) => [r.file, r] as const))(
    '%s: an IANA-named TZID read by IANA rules is right every day',
    (_name, row) => expect(row.chosen_wrong).toBe(0),
  );

  it('files that are right as written stay right (the choice costs nothing there)', () => {
    for (const row of rows.filter((r) => r.file_wrong === 0)) expect(row.chosen_wrong, row.file).toBe(0);
  });

  it('stale files are wrong as written; those whose rules repeat are wrong where they "cover" the date too', () => {
    const stale = rows.filter((r) => r.file.startsWith('stale-'));
    expect(stale.length).toBeGreaterThanOrEqual(3);
    for (const row of stale) {
      expect(row.file_wrong, row.file).toBeGreaterThan(0);
      expect(row.chosen_wrong, row.file).toBe(0);
    }
    // Only IANA for every instant fixes these two: their RRULEs claim every year, wrongly since 2007 / 2019.
    for (const name of ['stale-us-rules-new-york.ics', 'stale-sao-paulo-2017.ics']) {
      expect(rows.find((r) => r.file === name)?.hybrid_wrong, name).toBeGreaterThan(0);
    }
  });

  it('truncated files are wrong as written (offset 0 before their first transition)', () => {
    for (const row of rows.filter((r) => r.file.startsWith('truncated-'))) expect(row.file_wrong, row.file).toBeGreaterThan(0);
  });

  it('the choice leaves the file as written (a zone built from it reads what it says)', () => {
    const root = new ICAL.Component(ICAL.parse(readFileSync(join(dir, 'outlook-custom-kolkata.ics'), 'utf8')) as unknown[]);
    const vtimezone = root.getFirstSubcomponent('vtimezone') as ICAL.Component;
    const before = vtimezone.toString();
    new TimezoneResolver().fileZone(vtimezone);
    expect(vtimezone.toString()).toBe(before);
  });

  it('a custom name keeps its file rules, extended backwards by its last observance', () => {
    const custom = rows.find((r) => r.file === 'outlook-custom-kolkata.ics');
    expect(custom?.file_wrong).toBeGreaterThan(0); // offset 0 before 2023, as ical.js reads it
    expect(custom?.chosen_wrong).toBe(0);
  });
});
