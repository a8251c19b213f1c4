// A location's own iCloud calendar (issue 15), end to end against Radicale and one emulator with two
// locations: `link --location-id A --icloud X` sends A's appointments to X while B's stay in the main
// calendar; X's own events block time in both locations; moving A back to the main calendar MOVES
// its copies (one each, none left in X, reported as updates, no deletion guard) and releases X's
// blocked slots; and a move interrupted between the new copy and the old one's deletion converges.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/run-report';
import { TEST_LOCATION, hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { LOCATION_B, bookInB, connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { expectNoDuplicates, inWorld, mirrorIds, skipWithoutRadicale, slotTitles } from './helpers';


async function cliSync(world: SyncWorld, args: string[] = []): Promise<RunReport> {
  const run = await world.cli(['sync', ...args, '--json']);
  expect([0], run.stderr).toContain(run.code);
  return run.json<RunReport>();
}

describe.skipIf(skipWithoutRadicale)('a location\'s own iCloud calendar', () => {
  it('A\'s appointments land in X and B\'s in the main one; X\'s events block both; moving A back moves its copies and releases X', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'] }, async (world) => {
      await connectSecondLocation(world);
      const a1 = await world.platform.book({ title: 'Sales call', start: hoursFromNow(16, 2), end: hoursFromNow(17, 2) });
      const a2 = await world.platform.book({ title: 'Review', start: hoursFromNow(10, 3), end: hoursFromNow(11, 3) });
      bookInB(world, 'appt-b-1', 'Clinic consult', hoursFromNow(14, 2), hoursFromNow(15, 2));
      expect((await world.sync()).outcome).toBe('ok');
      expect(mirrorIds(world, 'work')).toEqual([a1.id, a2.id, 'appt-b-1'].sort());

      // Validation: not a calendar of the account, a busy source or an unknown location: exit 2, nothing saved.
      const wrong = await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', `${world.linkedUrl}nope/`]);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('not one of your iCloud calendars');
      const nowhere = await world.cli(['link', '--location-id', 'loc-nowhere', '--icloud', world.calendarUrl('clinic')]);
      expect(nowhere.code).toBe(2);
      expect(nowhere.stderr).toContain('loc-nowhere is not connected');
      const busyToo = await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', world.calendarUrl('clinic'), '--busy', world.calendarUrl('clinic')]);
      expect(busyToo.code).toBe(2);
      expect((await world.services.state.read()).accounts.platforms[TEST_LOCATION]!.icloudCalendar).toBeUndefined();

      // The preview of A's move changes nothing and shows only A's copies moving (B keeps its calendars).
      const preview = await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', world.calendarUrl('clinic'), '--dry-run', '--json']);
      expect(preview.code, preview.stderr).toBe(0);
      const previewed = preview.json<RunReport>();
      expect(previewed.dryRun).toBe(true);
      expect(previewed.counts.icloud).toEqual({ created: 0, updated: 2, deleted: 0 });
      expect(previewed.items.filter((item) => item.op === 'update').map((item) => item.pair).sort()).toEqual([`appt:${a1.id}`, `appt:${a2.id}`].sort());
      expect(mirrorIds(world, 'clinic'), 'the preview wrote nothing').toEqual([]);

      const link = await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', world.calendarUrl('clinic'), '--json']);
      expect(link.code, link.stderr).toBe(0);
      expect(link.json<{ locations: unknown[] }>().locations).toEqual([
        { locationId: TEST_LOCATION, icloudCalendar: world.calendarUrl('clinic'), main: false },
        { locationId: LOCATION_B, icloudCalendar: world.linkedUrl, main: true },
      ]);
      const state = await world.services.state.read();
      expect(state.accounts.platforms[LOCATION_B]!.calendars, 'B keeps its platform calendars').toHaveLength(1);

      const moved = await cliSync(world);
      expect(moved.outcome, JSON.stringify(moved.error)).toBe('ok');
      expect(moved.counts.icloud, 'moves are updates: nothing created or deleted to count').toEqual({ created: 0, updated: 2, deleted: 0 });
      expect(moved.items.find((item) => item.pair === `appt:${a1.id}`)?.reason).toContain('moved from the iCloud calendar “work” to “clinic”');
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id, a2.id].sort());
      expect(mirrorIds(world, 'work'), 'B\'s stays in the main calendar, A\'s are gone from it').toEqual(['appt-b-1']);
      expectNoDuplicates(world, 'clinic');
      expectNoDuplicates(world, 'work');

      // A new appointment of A goes to X; an event of the user in X blocks time in A and B.
      const a3 = await world.platform.book({ title: 'Late call', start: hoursFromNow(18, 4), end: hoursFromNow(19, 4) });
      await world.icloud.put('clinic', 'inventory.ics', icsEvent('inventory-1', { title: 'Inventory', start: hoursFromNow(8, 5), end: hoursFromNow(9, 5) }));
      const next = await cliSync(world);
      expect(next.outcome).toBe('ok');
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id, a2.id, a3.id].sort());
      expect(slotTitles(world, TEST_LOCATION)).toEqual(['Busy', 'Inventory']);
      expect(slotTitles(world, LOCATION_B)).toEqual(['Busy', 'Busy', 'Busy', 'Inventory']);
      const status = await world.cli(['status', '--json']);
      expect(status.json<{ locations: { locationId: string; icloudCalendar?: { name: string } }[] }>().locations.map((l) => [l.locationId, l.icloudCalendar?.name]))
        .toEqual([[TEST_LOCATION, 'clinic'], [LOCATION_B, undefined]]);
      expect((await world.cli(['status'])).stdout).toContain('appointments go to the iCloud calendar clinic');
      const calendars = (await world.cli(['calendars', '--json'])).json<{ id: string; appointmentsFrom?: string[] }[]>();
      expect(calendars.find((c) => c.id === world.calendarUrl('clinic'))?.appointmentsFrom).toEqual([TEST_LOCATION]);
      expect(calendars.find((c) => c.id === world.linkedUrl)?.appointmentsFrom).toEqual([LOCATION_B]);

      // Back to the main calendar: every copy moves, none is left in X, X's slots are released.
      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', 'default'])).code).toBe(0);
      const back = await cliSync(world);
      expect(back.outcome, JSON.stringify(back.error)).toBe('ok');
      expect(back.counts.icloud).toEqual({ created: 0, updated: 3, deleted: 0 });
      expect(mirrorIds(world, 'work')).toEqual([a1.id, a2.id, a3.id, 'appt-b-1'].sort());
      expect(mirrorIds(world, 'clinic'), 'nothing of the app left in X').toEqual([]);
      expect(world.icloud.events('clinic').map((e) => e.title), 'the user\'s own event stays').toEqual(['Inventory']);
      expect(slotTitles(world, TEST_LOCATION), 'X no longer blocks').toEqual(['Busy']);
      expect(slotTitles(world, LOCATION_B)).toEqual(['Busy', 'Busy', 'Busy']);
      expect(back.items.filter((item) => item.op === 'delete').every((item) => item.reason?.includes('no longer synced'))).toBe(true);
      expect((await world.services.state.read()).accounts.platforms[TEST_LOCATION]!.icloudCalendar).toBeUndefined();
      const idle = await cliSync(world);
      expect(idle.counts.icloud).toEqual({ created: 0, updated: 0, deleted: 0 });
      expect(idle.counts.platform).toEqual({ created: 0, updated: 0, deleted: 0 });

      // Chosen again: X is read in full again, so its event blocks both locations again (not only what changed since).
      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', world.calendarUrl('clinic')])).code).toBe(0);
      const again = await cliSync(world);
      expect(again.outcome, JSON.stringify(again.error)).toBe('ok');
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id, a2.id, a3.id].sort());
      expect(slotTitles(world, TEST_LOCATION)).toEqual(['Busy', 'Inventory']);
      expect(slotTitles(world, LOCATION_B)).toEqual(['Busy', 'Busy', 'Busy', 'Inventory']);
    });
  }, 180_000);

  it('a move interrupted between the new copy and the old one\'s deletion converges: one copy, in the new calendar', async () => {
    await inWorld({ seed: twoLocationSeed(), calendars: ['work', 'clinic'], proxy: true }, async (world) => {
      await connectSecondLocation(world);
      const a1 = await world.platform.book({ title: 'Sales call', start: hoursFromNow(16, 2), end: hoursFromNow(17, 2) });
      const a2 = await world.platform.book({ title: 'Review', start: hoursFromNow(10, 3), end: hoursFromNow(11, 3) });
      expect((await world.sync()).outcome).toBe('ok');
      expect((await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', world.calendarUrl('clinic')])).code).toBe(0);
      const stateFile = join(world.dataDir, 'state.json');
      const beforeMove = readFileSync(stateFile, 'utf8');

      // 1. The server fails the deletion of the old copy (a 500 stops the cycle): the new copy exists and its
      // pair names the old one, which is still there.
      let refused = 0;
      world.proxy!.intercepts.push(({ method }) => (method === 'DELETE' ? (refused++, { status: 500, body: 'down' }) : undefined));
      const failed = await world.sync();
      expect(refused).toBeGreaterThan(0);
      expect([failed.outcome, failed.error?.side]).toEqual(['failed', 'icloud']);
      const [first] = mirrorIds(world, 'clinic');
      expect(mirrorIds(world, 'clinic'), 'the first move wrote its new copy, then the cycle stopped').toHaveLength(1);
      expect(mirrorIds(world, 'work'), 'two copies of it, for now').toEqual([a1.id, a2.id].sort());
      expect((await world.services.state.read()).pairs[`appt:${first}`]?.movedFrom?.calendarUrl).toBe(world.linkedUrl);
      world.proxy!.intercepts.length = 0;
      const healed = await world.sync();
      expect(healed.outcome, JSON.stringify(healed.error)).toBe('ok');
      expect(mirrorIds(world, 'work'), 'the old copies went on the next cycle').toEqual([]);
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id, a2.id].sort());
      expect(Object.values((await world.services.state.read()).pairs).some((pair) => pair.movedFrom)).toBe(false);

      // 2. A crash before the pairs were written (the state as it was before the move, copies in both calendars):
      // the move is done again, finds its own files in the new calendar and deletes the old ones.
      await world.cli(['link', '--location-id', TEST_LOCATION, '--icloud', 'default']);
      expect((await world.sync()).outcome).toBe('ok');
      expect(mirrorIds(world, 'work')).toEqual([a1.id, a2.id].sort());
      world.proxy!.intercepts.push(({ method }) => (method === 'DELETE' ? { status: 500, body: 'down' } : undefined));
      writeFileSync(stateFile, beforeMove); // A on clinic again, its pairs on work
      await world.sync(); // writes a new copy in clinic; the old one in work stays (DELETE fails)
      expect(mirrorIds(world, 'clinic')).toHaveLength(1);
      writeFileSync(stateFile, beforeMove); // …and the pairs written since are lost, as in a crash
      world.proxy!.intercepts.length = 0;
      const after = await world.sync();
      expect(after.outcome, JSON.stringify(after.error)).toBe('ok');
      expect(mirrorIds(world, 'clinic')).toEqual([a1.id, a2.id].sort());
      expect(mirrorIds(world, 'work'), 'no second copy left after the next cycle').toEqual([]);
      expectNoDuplicates(world, 'clinic');
      const idle = await world.sync();
      expect(idle.counts.icloud).toEqual({ created: 0, updated: 0, deleted: 0 });
    });
  }, 180_000);
});
