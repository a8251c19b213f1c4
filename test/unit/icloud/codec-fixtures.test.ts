// Table-driven: every test/fixtures/ics/NAME.ics is read and compared with NAME.expected.json.
// Times of zoned events are also checked against Node's own IANA data (Intl), independently of
// ical.js and timezones-ical-library, so a wrong offset in either would show here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IcsCodec, ianaNameFor, type DomainEvent } from '../../../src/main/icloud/codec';

const dir = join(__dirname, '../../fixtures/ics');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ics'))
  .map((f) => f.replace(/\.ics$/, ''))
  .sort();

interface Expected {
  floatingZone: string;
  events?: DomainEvent[];
  warnings?: string[];
  window?: { start: string; end: string };
  occurrences?: { key: string; start: unknown; end: unknown; title: string; status?: string }[];
  error?: string;
}

const codec = new IcsCodec();

function wallClock(iso: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}T${get('hour')}${get('minute')}${get('second')}`;
}

/** Whether no instant shows this wall clock (YYYYMMDDTHHMMSS) in the zone. */
function inGap(written: string, zone: string): boolean {
  const asUtc = Date.UTC(+written.slice(0, 4), +written.slice(4, 6) - 1, +written.slice(6, 8), +written.slice(9, 11), +written.slice(11, 13));
  for (let offset = -14 * 60; offset <= 14 * 60; offset += 15) {
    if (wallClock(new Date(asUtc - offset * 60_000).toISOString(), zone) === written) return false;
  }
  return true;
}

describe('iCalendar fixtures', () => {
  it('has at least 25 cases, each with its expected result, several of them malformed', () => {
    expect(names.length).toBeGreaterThanOrEqual(25);
    const expectedFiles = new Set(readdirSync(dir).filter((f) => f.endsWith('.expected.json')));
    for (const name of names) expect(expectedFiles.has(`${name}.expected.json`), name).toBe(true);
    expect(names.filter((n) => n.startsWith('malformed-')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(names)('%s', (name) => {
    const ics = readFileSync(join(dir, `${name}.ics`), 'utf8');
    const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Expected;
    const outcome = codec.parse(ics, { floatingZone: expected.floatingZone, source: `${name}.ics` });
    if (expected.error) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toBe(expected.error);
      return;
    }
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.object.events).toEqual(expected.events);
    expect(outcome.object.warnings).toEqual(expected.warnings ?? []);
    if (expected.window) {
      const occurrences = codec
        .expand(outcome.object, { start: new Date(expected.window.start), end: new Date(expected.window.end) })
        .map((o) => ({ key: o.key, start: o.start, end: o.end, title: o.title, ...(o.status ? { status: o.status } : {}) }));
      expect(occurrences).toEqual(expected.occurrences);
    }
  });

  it.each(names.filter((n) => !n.startsWith('malformed-')))('%s: zoned start times agree with Intl', (name) => {
    const ics = readFileSync(join(dir, `${name}.ics`), 'utf8');
    const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Expected;
    const outcome = codec.parse(ics, { floatingZone: expected.floatingZone, source: name });
    if (!outcome.ok) throw new Error(outcome.error);
    const vevent = ics.slice(ics.indexOf('BEGIN:VEVENT'));
    const written = /\nDTSTART(?:;TZID=[^:]+)?:(\d{8}T\d{6})\r?\n/.exec(vevent)?.[1];
    const first = outcome.object.events[0];
    // A custom TZID (not IANA) has only the file's rules: Intl cannot know it; its instants are in the fixture.
    const ianaTzid = first.start.tzid && ianaNameFor(first.start.tzid) === first.start.tzid ? first.start.tzid : undefined;
    // A written time inside a DST gap never shows on a clock (RFC 5545 §3.3.5 reads it with the offset
    // before the gap; the fixture pins that instant).
    if (written && ianaTzid && !inGap(written, ianaTzid)) expect(wallClock(first.start.iso, ianaTzid)).toBe(written);
    if (written && !first.start.tzid && !/\nDTSTART;TZID=/.test(vevent)) {
      // Floating: the wall clock in the caller's zone.
      expect(wallClock(first.start.iso, expected.floatingZone)).toBe(written);
    }
  });

  it('reads a batch: malformed items become per-item errors naming the file, the rest is read', () => {
    const items = names.map((name) => ({ source: `${name}.ics`, ics: readFileSync(join(dir, `${name}.ics`), 'utf8') }));
    const batch = codec.parseBatch(items, { floatingZone: 'America/New_York' });
    const malformed = names.filter((n) => n.startsWith('malformed-'));
    expect(batch.errors.map((e) => e.source).sort()).toEqual(malformed.map((n) => `${n}.ics`).sort());
    for (const error of batch.errors) expect(error.error.startsWith(`${error.source}: `)).toBe(true);
    expect(batch.objects).toHaveLength(names.length - malformed.length);
  });
});
