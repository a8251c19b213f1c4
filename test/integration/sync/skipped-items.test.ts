// Issue 10 §3: no item can stop the cycle. An object iCloud sends without its calendar-data (it does so
// for objects it is still writing), a file holding no event, an unparseable file: each is skipped with
// its reason in the run report, read again on the next cycle, and everything else syncs.
import { describe, expect, it } from 'vitest';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { blocksTitled, expectNoDuplicates, inWorld, skipWithoutRadicale } from './helpers';

/** Blank the calendar-data of `file` in multiget answers, as iCloud does while it is still writing it. */
const blankCalendarData = (file: string, replacement = '') => (request: { method: string; body: string }, response: string) => {
  if (request.method !== 'REPORT' || !request.body.includes('calendar-multiget')) return undefined;
  const at = response.indexOf(`${file}</`);
  if (at < 0) return undefined;
  const end = response.indexOf('</response>', at);
  const part = response.slice(at, end).replace(/(<(?:\w+:)?calendar-data[^>]*>)[\s\S]*?(<\/(?:\w+:)?calendar-data>)/, `$1${replacement}$2`);
  return response.slice(0, at) + part + response.slice(end);
};

describe.skipIf(skipWithoutRadicale)('an item that cannot be read is skipped, the rest syncs', () => {
  it('empty calendar-data: one skipped item with its reason, the others synced, and it syncs once iCloud sends it', async () => {
    await inWorld({ proxy: true }, async (world) => {
      for (const [i, title] of ['Dentist', 'Lunch', 'Gym'].entries()) {
        await world.icloud.put('work', `ev-${i}.ics`, icsEvent(`ev-${i}`, { title, start: hoursFromNow(9 + i, 1), end: hoursFromNow(10 + i, 1) }));
      }
      world.proxy!.rewrites.push(blankCalendarData('ev-1.ics'));
      const first = await world.sync();
      expect(first.outcome).toBe('ok');
      const skipped = first.items.filter((item) => item.op === 'skip');
      expect(skipped).toHaveLength(1);
      expect(skipped[0]).toMatchObject({ side: 'icloud', pair: expect.stringContaining('ev-1.ics'), error: expect.stringMatching(/calendar data/) });
      expect(skipped[0].reason).toMatch(/read again on the next sync/);
      expect(first.counts.skipped).toBe(1);
      expect(blocksTitled(world, 'Dentist')).toHaveLength(1);
      expect(blocksTitled(world, 'Gym')).toHaveLength(1);
      expect(blocksTitled(world, 'Lunch')).toHaveLength(0);

      // Still being written: skipped again, not taken as seen.
      const second = await world.sync();
      expect(second.items.filter((item) => item.op === 'skip')).toHaveLength(1);
      world.proxy!.rewrites.length = 0;
      const third = await world.sync();
      expect(third.outcome).toBe('ok');
      expect(third.counts.platform.created).toBe(1);
      expect(blocksTitled(world, 'Lunch')).toHaveLength(1);
      expectNoDuplicates(world);
    });
  }, 60_000);

  it('an unparseable file is skipped with the parser\'s reason; the events beside it sync', async () => {
    await inWorld({ proxy: true }, async (world) => {
      await world.icloud.put('work', 'ok.ics', icsEvent('ok', { title: 'Dentist', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) }));
      await world.icloud.put('work', 'bad.ics', icsEvent('bad', { title: 'Broken', start: hoursFromNow(11, 1), end: hoursFromNow(12, 1) }));
      // Radicale refuses to store broken iCalendar; the proxy breaks it on the way back instead.
      world.proxy!.rewrites.push(blankCalendarData('bad.ics', 'BEGIN:VCALENDAR\r\nthis is not iCalendar'));
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(report.items.filter((item) => item.op === 'skip')).toEqual([
        expect.objectContaining({ side: 'icloud', pair: expect.stringContaining('bad.ics'), error: expect.any(String) }),
      ]);
      expect(blocksTitled(world, 'Dentist')).toHaveLength(1);
      world.proxy!.rewrites.length = 0;
      await world.sync();
      expect(blocksTitled(world, 'Broken'), 'read again once it parses').toHaveLength(1);
    });
  }, 60_000);

  it('a file with no VEVENT (a task) is skipped with its reason; the events beside it sync', async () => {
    await inWorld({}, async (world) => {
      await world.icloud.put('work', 'ev.ics', icsEvent('ev', { title: 'Dentist', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) }));
      const todo = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//x//EN', 'BEGIN:VTODO', 'UID:todo-1', 'DTSTAMP:20250101T000000Z', 'SUMMARY:Buy milk', 'END:VTODO', 'END:VCALENDAR', ''].join('\r\n');
      const stored = await world.radicale.putEvent(world.appleId, 'work', 'todo.ics', todo);
      expect(stored.status, 'Radicale took the task').toBeLessThan(300);
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(report.items.filter((item) => item.op === 'skip')).toEqual([
        expect.objectContaining({ side: 'icloud', pair: expect.stringContaining('todo.ics'), error: expect.stringMatching(/no event/) }),
      ]);
      expect(blocksTitled(world, 'Dentist')).toHaveLength(1);
    });
  }, 60_000);
});
