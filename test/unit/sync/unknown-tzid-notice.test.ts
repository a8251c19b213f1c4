// An event whose TZID the codec cannot resolve is still read (floating, in the zone the cycle reads
// floating times in) and the run report says so: a `notice` item naming the TZID and the event.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { MEMORY_CALENDAR, createMemoryEngine } from '../../support/memory-sides';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

const ics = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:odd-zone-1', 'DTSTAMP:20300101T000000Z',
  'DTSTART;TZID=Customized Time Zone:20300112T090000', 'DTEND;TZID=Customized Time Zone:20300112T100000',
  'SUMMARY:Dentist', 'END:VEVENT', 'END:VCALENDAR', '',
].join('\r\n');

it('an unknown TZID becomes a notice naming the zone and the event; the event still blocks its time', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tzid-notice-'));
  dirs.push(dir);
  const now = () => new Date('2030-01-10T08:00:00Z');
  // Floating times are read in the Mac's zone (how Calendar on the Mac shows them), not the location's.
  const e = await createMemoryEngine({ dataDir: dir, now, zone: 'America/New_York', localZone: 'Europe/Madrid' });
  const href = e.icloud.userPut(MEMORY_CALENDAR, 'odd.ics', ics);
  const report = await e.sync();
  const notices = report.items.filter((item) => item.op === 'notice');
  expect(notices).toEqual([{
    op: 'notice', side: 'icloud', pair: href, title: 'Dentist',
    reason: 'unknown time zone "Customized Time Zone" in event "odd-zone-1": its times are read in Europe/Madrid',
  }]);
  expect(report.outcome).toBe('ok');
  const [block] = e.platform.blocks();
  expect(block.startTime && Date.parse(block.startTime)).toBe(Date.parse('2030-01-12T08:00:00Z'));
});
