// The platform read tiers against the emulator (issue 16; docs/DESIGN.md "Platform read tiers"): a
// blocked slot far ahead that is deleted on the platform is seen at the far tier, an hour after the
// last whole-window read — not before, and the cycles in between do nothing wrong about it.
import { describe, expect, it } from 'vitest';
import { FAR_EVERY_MS, NEAR_DAYS } from '../../../src/main/sync/platform-read-tiers';
import { firstPlatform } from '../../../src/main/store/locations';
import { hoursFromNow, icsEvent } from '../../support/sync-world';
import { blocksTitled, editIcs, icsUtc, inWorld, skipWithoutRadicale, totalWrites } from './helpers';

const DAY = 24 * 3_600_000;

describe.skipIf(skipWithoutRadicale)('platform read tiers', () => {
  it('a far blocked slot deleted on the platform is detached at the far tier, not before; near work goes on meanwhile', async () => {
    // The app's clock starts at the next 12:00 UTC, so no cycle here crosses midnight (a new window
    // day re-judges every event and reads the whole window at once, which would hide the tier).
    const noon = new Date();
    noon.setUTCHours(12, 0, 0, 0);
    if (noon.getTime() <= Date.now()) noon.setTime(noon.getTime() + DAY);
    const base = noon.getTime() - Date.now();
    let shift = base;
    await inWorld({ settings: { futureDays: 60 }, now: () => new Date(Date.now() + shift) }, async (world) => {
      const near = icsEvent('near', { title: 'Near', start: hoursFromNow(10, 2), end: hoursFromNow(11, 2) });
      await world.icloud.put('work', 'near.ics', near);
      await world.icloud.put('work', 'far.ics', icsEvent('far', { title: 'Far', start: hoursFromNow(10, 30), end: hoursFromNow(11, 30) }));
      expect((await world.sync()).counts.platform.created).toBe(2);
      const firstRead = Date.parse(firstPlatform(await world.services.state.read())!.blockedSlotsReadAt!);
      const [far] = blocksTitled(world, 'Far');
      world.platform.remove(far.id);

      const listings = () => world.emulator.exchanges.filter((x) => x.path === '/calendars/blocked-slots');
      const pairOfFar = async () => Object.values((await world.services.state.read()).pairs).find((p) => p.title === 'Far')!;
      // Before the far tier is due: only the near tier is listed, the far pair is left as it was.
      shift = base + 5 * 60_000;
      const before = listings().length;
      const idle = await world.sync();
      expect(idle.outcome).toBe('ok');
      expect(idle.items).toEqual([]);
      const listed = listings().slice(before);
      expect(listed).toHaveLength(1);
      expect(Number(listed[0].query.endTime)).toBeLessThanOrEqual(Date.now() + shift + NEAR_DAYS * DAY);
      expect((await pairOfFar()).status).toBe('synced');

      // An edit in the near tier is synced as usual meanwhile; the far pair still is not touched.
      await world.icloud.put('work', 'near.ics', editIcs(near, { DTEND: `DTEND:${icsUtc(hoursFromNow(12, 2))}` }));
      shift = firstRead - Date.now() + FAR_EVERY_MS - 60_000;
      const edit = await world.sync();
      expect(edit.counts.platform.updated).toBe(1);
      expect(edit.items.map((item) => item.title)).toEqual(['Near']);
      expect((await pairOfFar()).status).toBe('synced');
      expect(world.icloud.read('work', 'far.ics')).toBeDefined();

      // The far tier is due: the deletion is seen, and (S12) the iCloud event is kept, the pair detached.
      shift = firstRead - Date.now() + FAR_EVERY_MS;
      const due = await world.sync();
      expect(due.outcome).toBe('ok');
      expect((await pairOfFar()).status).toBe('detached');
      expect(world.icloud.read('work', 'far.ics')).toBeDefined();
      expect(blocksTitled(world, 'Far')).toHaveLength(0);
      expect(totalWrites(await world.sync())).toBe(0);
    });
  });
});
