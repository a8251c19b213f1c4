// What crosses, end to end against Radicale and the emulator: a title filter and the working-hours
// filter each keep an event off the platform and the run report says why; a filter set later
// releases a blocked slot already made; a location's title filter keeps an appointment out of
// iCloud; a title template names the calendar. Settings are changed through the CLI.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/run-report';
import { icsEvent } from '../../support/sync-world';
import { blocksTitled, expectNoDuplicates, inWorld, itemsFor, mirrorsIn, skipWithoutRadicale } from './helpers';

/** `hour`:00 UTC, `day` days from today (the Mac's zone is UTC in this world). */
function at(day: number, hour: number): string {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + day, hour)).toISOString();
}

const reasonFor = (report: RunReport, title: string) => itemsFor(report, title).map((item) => `${item.op}: ${item.reason}`);

describe.skipIf(skipWithoutRadicale)('what crosses: filters and title templates', () => {
  it('a title filter and working hours keep events off the platform with the reason; set later, a filter releases a slot', async () => {
    await inWorld({ localZone: 'UTC' }, async (world) => {
      const put = (file: string, title: string, start: number, end: number) =>
        world.icloud.put('work', `${file}.ics`, icsEvent(file, { title, start: at(2, start), end: at(2, end) }));
      await put('lunch', 'Team lunch', 12, 13);
      await put('evening', 'Evening call', 19, 20);
      await put('late', 'Late session', 16, 18);
      await put('dentist', 'Dentist', 10, 11);
      const cal = world.linkedUrl;
      expect((await world.cli(['set', `filters.${cal}.skipTitles`, '["lunch"]'])).code).toBe(0);
      expect((await world.cli(['set', `filters.${cal}.workingHours`, 'mon-sun 09:00-17:00'])).code).toBe(0);

      const first = await world.sync();
      expect(first.outcome).toBe('ok');
      expect(blocksTitled(world, 'Team lunch')).toEqual([]);
      expect(reasonFor(first, 'Team lunch')).toEqual(['skip: skipped by title filter "lunch" (linked calendar): no blocked slot']);
      expect(blocksTitled(world, 'Evening call')).toEqual([]);
      expect(reasonFor(first, 'Evening call')).toEqual(['skip: skipped: outside working hours mon-sun 09:00-17:00 (linked calendar): no blocked slot']);
      // Partly inside: blocked only for the part inside (16:00–17:00).
      const [late] = blocksTitled(world, 'Late session');
      expect([new Date(late.startMs).toISOString(), new Date(late.endMs).toISOString()]).toEqual([at(2, 16), at(2, 17)]);
      expect(blocksTitled(world, 'Dentist')).toHaveLength(1);

      // A filter added later: the next cycle judges every event again and releases the Dentist's slot.
      expect((await world.cli(['set', `filters.${cal}.skipTitles`, '["lunch","/^dentist$/i"]'])).code).toBe(0);
      const second = await world.sync();
      expect(blocksTitled(world, 'Dentist')).toEqual([]);
      expect(reasonFor(second, 'Dentist')).toEqual(['delete: skipped by title filter "/^dentist$/i" (linked calendar): its blocked slot was released']);
      expect(blocksTitled(world, 'Late session')).toHaveLength(1);

      // Filters removed: everything blocks again, the evening call whole.
      expect((await world.cli(['set', `filters.${cal}.skipTitles`, '[]'])).code).toBe(0);
      expect((await world.cli(['set', `filters.${cal}.workingHours`, 'none'])).code).toBe(0);
      await world.sync();
      for (const title of ['Team lunch', 'Evening call', 'Dentist']) expect(blocksTitled(world, title), title).toHaveLength(1);
      const [whole] = blocksTitled(world, 'Late session');
      expect(new Date(whole.endMs).toISOString()).toBe(at(2, 18));
      expectNoDuplicates(world);
    });
  });

  it('a location’s title filter keeps an appointment out of iCloud and releases a copy made before; a template names the calendar', async () => {
    await inWorld({ localZone: 'UTC' }, async (world) => {
      const review = await world.platform.book({ title: 'Internal review', start: at(3, 10), end: at(3, 11) });
      const consult = await world.platform.book({ title: 'Consult', start: at(3, 12), end: at(3, 13) });
      await world.icloud.put('work', 'focus.ics', icsEvent('focus', { title: 'Focus', start: at(3, 14), end: at(3, 15) }));
      expect((await world.cli(['set', 'blockTitles', '{calendar}: {title}'])).code).toBe(0);
      await world.sync();
      expect([...mirrorsIn(world).keys()].sort()).toEqual([consult.id, review.id].sort());
      const name = (await world.services.state.read()).links.names[world.linkedUrl];
      expect(name).toBeTruthy();
      expect(blocksTitled(world, `${name}: Focus`)).toHaveLength(1);

      expect((await world.cli(['set', `filters.${world.locationId}.skipTitles`, '["internal"]'])).code).toBe(0);
      const report = await world.sync();
      expect([...mirrorsIn(world).keys()]).toEqual([consult.id]);
      expect(reasonFor(report, 'Internal review')).toEqual(['delete: skipped by title filter "internal" (location "' + (await world.services.state.read()).accounts.platforms[world.locationId]!.locationName + '"): its iCloud copy was released']);
      // The booking itself is never touched.
      expect(world.platform.get(review.id)?.appointmentStatus).not.toBe('cancelled');
      const next = await world.sync();
      expect(reasonFor(next, 'Internal review')).toEqual([expect.stringMatching(/^skip: skipped by title filter "internal" .*: no iCloud copy$/)]);
      expect([...mirrorsIn(world).keys()]).toEqual([consult.id]);
    });
  });
});
