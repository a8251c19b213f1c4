// Several sub-accounts (issue 15) end to end, against Radicale and one emulator with two locations:
// every location's appointments reach the linked iCloud calendar and block their time in the other
// location ("Busy", never a contact or an appointment there), an iCloud event blocks time in each
// location (one slot per location), and a location whose token is revoked or whose budget is
// spent fails alone: the other syncs, the run says which location and exits as a failure.
import { describe, expect, it } from 'vitest';
import { TEST_LOCATION, hoursFromNow, icsEvent } from '../../support/sync-world';
import { LOCATION_B, TOKEN_B, bookInB, connectSecondLocation, twoLocationSeed } from '../../support/two-locations';
import { expectNoDuplicates, inWorld, mirrorOf, skipWithoutRadicale } from './helpers';

const blocksIn = (world: Parameters<Parameters<typeof inWorld>[1]>[0], location: string) => world.emulator.state.eventsOf(location, 'blocked');

describe.skipIf(skipWithoutRadicale)('several platform locations', () => {
  it('an iCloud event blocks time in both; an appointment of B reaches iCloud and blocks A, its cancellation releases both; a no-change cycle sends 2 requests per location', async () => {
    await inWorld({ seed: twoLocationSeed() }, async (world) => {
      await connectSecondLocation(world);
      await world.icloud.put('work', 'dentist.ics', icsEvent('dentist-1', { title: 'Dentist', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) }));
      const consult = { start: hoursFromNow(14, 3), end: hoursFromNow(15, 3) };
      bookInB(world, 'appt-b-1', 'Clinic consult', consult.start, consult.end);
      const booked = await world.platform.book({ title: 'Sales call', start: hoursFromNow(16, 3), end: hoursFromNow(17, 3) });
      const appointmentsBefore = [world.emulator.state.eventsOf(TEST_LOCATION, 'appointment').length, world.emulator.state.eventsOf(LOCATION_B, 'appointment').length];

      const first = await world.sync();
      expect(first.outcome, JSON.stringify(first.error)).toBe('ok');
      const slots = (location: string) => blocksIn(world, location).map((b) => [b.title, new Date(b.startMs).toISOString()]).sort();
      expect(slots(TEST_LOCATION)).toEqual([['Busy', consult.start], ['Dentist', hoursFromNow(9, 2)]]);
      expect(slots(LOCATION_B)).toEqual([['Busy', hoursFromNow(16, 3)], ['Dentist', hoursFromNow(9, 2)]]);
      expect(mirrorOf(world, 'appt-b-1')?.title).toBe('Clinic consult');
      expect(mirrorOf(world, booked.id)?.title).toBe('Sales call');
      // Never a loop: a slot blocking another location's appointment is not copied to iCloud (nor further).
      expect(world.icloud.events('work').map((e) => e.title).sort()).toEqual(['Clinic consult', 'Dentist', 'Sales call']);
      // Never an appointment (nor a contact) in the other location: only blocked slots.
      expect([world.emulator.state.eventsOf(TEST_LOCATION, 'appointment').length, world.emulator.state.eventsOf(LOCATION_B, 'appointment').length]).toEqual(appointmentsBefore);
      expect(first.locations?.map((l) => [l.id, l.outcome])).toEqual([[TEST_LOCATION, 'ok'], [LOCATION_B, 'ok']]);
      const state = await world.services.state.read();
      expect(state.pairs['appt:appt-b-1']?.locationId).toBe(LOCATION_B);
      expectNoDuplicates(world);

      const idle = await world.sync();
      expect(idle.counts.platform.created + idle.counts.icloud.created + idle.counts.platform.deleted + idle.counts.icloud.deleted).toBe(0);
      // The floor of one location alone (issue 16): its two listings, per location.
      for (const location of idle.locations ?? []) expect(location.requests, location.id).toBeLessThanOrEqual(2);
      expect(idle.requests.platform).toBe((idle.locations ?? []).reduce((sum, l) => sum + l.requests, 0));

      // The appointment moves: its slot in A follows; then it is cancelled: iCloud and A are released.
      world.emulator.state.update('appt-b-1', { startMs: Date.parse(hoursFromNow(18, 3)), endMs: Date.parse(hoursFromNow(19, 3)) });
      expect((await world.sync()).outcome).toBe('ok');
      expect(slots(TEST_LOCATION)).toEqual([['Busy', hoursFromNow(18, 3)], ['Dentist', hoursFromNow(9, 2)]]);
      world.emulator.state.update('appt-b-1', { appointmentStatus: 'cancelled' });
      const cancelled = await world.sync();
      expect(cancelled.outcome).toBe('ok');
      expect(mirrorOf(world, 'appt-b-1')).toBeUndefined();
      expect(slots(TEST_LOCATION)).toEqual([['Dentist', hoursFromNow(9, 2)]]);

      await world.icloud.remove('work', 'dentist.ics');
      const released = await world.sync();
      expect(released.counts.platform.deleted).toBe(2);
      expect(slots(TEST_LOCATION)).toEqual([]);
      expect(slots(LOCATION_B)).toEqual([['Busy', hoursFromNow(16, 3)]]);
      expectNoDuplicates(world);
    });
  }, 90_000);

  it('a location connected after the first sync gets slots for the events already synced (its first sync: no creation guard), and its appointments block the first', async () => {
    // 60 events: more than the creation guard lets through at once outside a first sync (50).
    const events = Object.fromEntries(Array.from({ length: 59 }, (_, i) => [`e${i}.ics`, icsEvent(`e${i}`, { title: `Event ${i}`, start: hoursFromNow(8, 3 + i), end: hoursFromNow(9, 3 + i) })]));
    events['dentist.ics'] = icsEvent('dentist-1', { title: 'Dentist', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) });
    await inWorld({ seed: twoLocationSeed(), radicaleSeed: [{ user: 'alice@example.com', name: 'work', displayName: 'work', events }] }, async (world) => {
      expect((await world.sync()).counts.platform.created).toBe(60);
      expect((await world.sync()).counts.platform.created, 'settled with one location').toBe(0);
      await connectSecondLocation(world);
      bookInB(world, 'appt-b-2', 'Clinic consult', hoursFromNow(14, 3), hoursFromNow(15, 3));
      const report = await world.sync();
      expect(report.outcome, JSON.stringify(report.error)).toBe('ok');
      expect(report.counts.platform.created, '60 slots in B, one "Busy" in A').toBe(61);
      expect(blocksIn(world, LOCATION_B)).toHaveLength(60);
      expect(blocksIn(world, TEST_LOCATION).filter((b) => b.title === 'Dentist'), 'no second Dentist slot in A').toHaveLength(1);
      expect(blocksIn(world, TEST_LOCATION).filter((b) => b.title === 'Busy')).toHaveLength(1);
      expect(report.items.filter((item) => item.op === 'adopt')).toEqual([]);
      expect(mirrorOf(world, 'appt-b-2')?.title).toBe('Clinic consult');
    });
  }, 90_000);

  it('a revoked token stops only its location: the other syncs, the run fails naming it, and B catches up once reconnected', async () => {
    await inWorld({ seed: twoLocationSeed() }, async (world) => {
      await connectSecondLocation(world);
      expect((await world.sync()).outcome).toBe('ok');
      world.emulator.state.revokeToken(TOKEN_B);
      await world.icloud.put('work', 'lunch.ics', icsEvent('lunch-1', { title: 'Lunch', start: hoursFromNow(12, 4), end: hoursFromNow(13, 4) }));

      const report = await world.sync();
      expect(report.outcome).toBe('failed');
      expect(report.error).toMatchObject({ kind: 'auth', side: 'platform' });
      expect(report.error!.message).toContain(LOCATION_B);
      expect(report.locations?.map((l) => [l.id, l.outcome, l.error?.kind])).toEqual([[TEST_LOCATION, 'ok', undefined], [LOCATION_B, 'failed', 'auth']]);
      expect(blocksIn(world, TEST_LOCATION).map((b) => b.title)).toEqual(['Lunch']);
      expect(blocksIn(world, LOCATION_B)).toEqual([]);
      const status = await world.services.status();
      expect(status.locations?.map((l) => [l.locationId, l.health])).toEqual([[TEST_LOCATION, 'ok'], [LOCATION_B, 'error']]);
      // The scheduler goes on for the location that works.
      expect((await world.services.state.read()).scheduler.stoppedForCredentials).toBeUndefined();
      const cli = await world.cli(['sync']);
      expect(cli.code).toBe(3);
      expect(cli.stdout).toContain(`location ${TEST_LOCATION}: synced`);
      // Its two listings (appointments, blocked slots) go out at once, so both are refused.
      expect(cli.stdout).toContain(`location ${LOCATION_B}: failed, 2 requests`);

      world.emulator.state.addToken(LOCATION_B, TOKEN_B);
      const after = await world.sync();
      expect(after.outcome, JSON.stringify(after.error)).toBe('ok');
      expect(blocksIn(world, LOCATION_B).map((b) => b.title)).toEqual(['Lunch']);
      expect(blocksIn(world, TEST_LOCATION).map((b) => b.title), 'no second slot in A').toEqual(['Lunch']);
    });
  }, 90_000);

  it('a location whose daily budget is spent (429) fails alone; the other syncs', async () => {
    await inWorld({ seed: twoLocationSeed() }, async (world) => {
      await connectSecondLocation(world);
      expect((await world.sync()).outcome).toBe('ok');
      world.emulator.limits.spendDaily(LOCATION_B, 10_000_000);
      await world.icloud.put('work', 'gym.ics', icsEvent('gym-1', { title: 'Gym', start: hoursFromNow(7, 5), end: hoursFromNow(8, 5) }));
      const report = await world.sync();
      expect(report.error).toMatchObject({ kind: 'throttled', side: 'platform' });
      expect(report.locations?.find((l) => l.id === LOCATION_B)).toMatchObject({ outcome: 'failed', error: { kind: 'throttled' } });
      expect(blocksIn(world, TEST_LOCATION).map((b) => b.title)).toEqual(['Gym']);
      expect(blocksIn(world, LOCATION_B)).toEqual([]);
    });
  }, 90_000);
});
