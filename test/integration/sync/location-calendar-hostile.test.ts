// A location's own iCloud calendar (issue 15) attacked: a move stopped between the new copy's PUT and
// the old copy's DELETE — the new copy written, its pair lost as in a SIGKILL — and the appointment
// cancelled on top before the next cycle. Against Radicale and two emulator locations.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_LOCATION, hoursFromNow, type SyncWorld } from '../../support/sync-world';
import { connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { inWorld, mirrorsIn, skipWithoutRadicale } from './helpers';

const ids = (world: SyncWorld, calendar: string) => [...mirrorsIn(world, calendar).keys()].sort();

describe.skipIf(skipWithoutRadicale)('a location\'s own iCloud calendar, attacked', () => {
  it('new copy written, pair lost (SIGKILL), then the appointment cancelled: no copy left anywhere', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'], proxy: true }, async (world) => {
      await connectSecondLocation(world);
      const a1 = await world.platform.book({ title: 'Sales call', start: hoursFromNow(16, 2), end: hoursFromNow(17, 2) });
      expect((await world.sync()).outcome).toBe('ok');
      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', world.calendarUrl('clinic')])).code).toBe(0);
      const stateFile = join(world.dataDir, 'state.json');
      const beforeMove = readFileSync(stateFile, 'utf8');
      world.proxy!.intercepts.push(({ method }) => (method === 'DELETE' ? { status: 500, body: 'down' } : undefined));
      await world.sync(); // the new copy is PUT in clinic; the old one's DELETE fails
      world.proxy!.intercepts.length = 0;
      writeFileSync(stateFile, beforeMove); // the pair written since is lost, as in a SIGKILL
      expect(ids(world, 'clinic')).toEqual([a1.id]);
      expect(ids(world, 'work')).toEqual([a1.id]);

      world.platform.cancel(a1.id);
      const after = await world.sync();
      expect(after.outcome, JSON.stringify(after.error)).toBe('ok');
      const settled = await world.sync();
      expect(settled.outcome, JSON.stringify(settled.error)).toBe('ok');
      expect(ids(world, 'work'), 'the old copy went with the cancellation').toEqual([]);
      expect(ids(world, 'clinic'), 'the new copy went too: none left for a cancelled booking').toEqual([]);
      const state = await world.services.state.read();
      expect(Object.values(state.pairs).filter((pair) => pair.platformId === a1.id)).toEqual([]);
    });
  }, 180_000);
});
