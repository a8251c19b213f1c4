// A capped series over days (issue 10, "bounded work"): the kept part follows time, so each day's
// re-read blocks the new hours that came within the cap and forgets the ones that passed — it never
// deletes slots of occurrences the series still holds, and never trips the deletion guard for it.
import { afterEach, describe, expect, it } from 'vitest';
import { OCCURRENCE_CAP } from '../../../src/main/icloud';
import { createMemoryEngine, MEMORY_CALENDAR } from '../../support/memory-sides';
import { makeTempDir } from '../../support/temp-dir';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const hourly = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:hourly', 'DTSTAMP:20310101T000000Z',
  'DTSTART:20310301T000000Z', 'DTEND:20310301T003000Z', 'SUMMARY:Every hour', 'RRULE:FREQ=HOURLY;COUNT=1000000', 'END:VEVENT', 'END:VCALENDAR', '',
].join('\r\n');

describe('a capped series as the days go by', () => {
  it('blocks the cap from now on, then the next day adds the hours that came within it and deletes nothing', async () => {
    const { dir, cleanup } = await makeTempDir('capped-series-');
    cleanups.push(cleanup);
    let now = new Date('2031-03-05T10:15:00Z');
    const engine = await createMemoryEngine({ dataDir: dir, now: () => now });
    engine.icloud.userPut(MEMORY_CALENDAR, 'hourly.ics', hourly);

    const first = await engine.sync();
    expect(first.outcome).toBe('ok');
    expect(first.counts.platform.created).toBe(OCCURRENCE_CAP);
    expect(first.items.filter((item) => item.op === 'notice')).toHaveLength(1);

    now = new Date('2031-03-06T10:15:00Z'); // a day later: the window moved, every event is read again
    const next = await engine.sync();
    expect(next.outcome).toBe('ok');
    expect(next.counts.platform.deleted).toBe(0);
    expect(next.counts.platform.created).toBe(24);
    const pairs = Object.values((await engine.store.read()).pairs);
    expect(pairs).toHaveLength(OCCURRENCE_CAP);
    expect(Math.min(...pairs.map((p) => Date.parse(p.end)))).toBeGreaterThan(now.getTime());
  });
});
