// DESIGN §1, S1–S7, end to end: the real services against Radicale (iCloud) and the platform emulator.
import { describe, expect, it } from 'vitest';
import type { CalendarEntry } from '../../../src/shared/calendars';
import { defaultSeed } from '../../support/emulator';
import { hoursFromNow } from '../../support/sync-world';
import { editIcs, expectNoDuplicates, icsUtc, inWorld, itemsFor, mirrorOf, mirrorsIn, skipWithoutRadicale, totalWrites } from './helpers';

const roomy = { max: 100_000, intervalMs: 10_000, daily: 10_000_000 };

describe.skipIf(skipWithoutRadicale)('sync rules S1–S7 (platform appointments)', () => {
  it('S1: an appointment on a Round Robin, Collective, Class Booking or Service calendar gets its mirror in the linked iCloud calendar', async () => {
    const seed = defaultSeed({ rateLimit: roomy });
    // Make the user a member of the Service calendar too, so all four supported types are linked.
    seed.locations[0].calendars!.find((c) => c.id === 'cal-service')!.teamMembers = [{ userId: 'user-ada' }];
    await inWorld({ seed }, async (world) => {
      const booked = [];
      for (const [i, calendarId] of ['cal-rr', 'cal-coll', 'cal-class', 'cal-service'].entries()) {
        booked.push(await world.platform.book({ calendarId, title: `Booking ${calendarId}`, start: hoursFromNow(9 + i, 1), end: hoursFromNow(10 + i, 1), address: '1 Main St' }));
      }
      // Secondary owner: still "an appointment of the connected user".
      const shared = await world.platform.book({ title: 'Shared', assignedUserId: 'user-grace', users: ['user-ada'], start: hoursFromNow(15, 1), end: hoursFromNow(16, 1) });
      // Someone else's appointment is not ours to mirror.
      const other = await world.platform.book({ title: 'Not mine', assignedUserId: 'user-grace', start: hoursFromNow(17, 1), end: hoursFromNow(18, 1) });

      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(report.counts.icloud.created).toBe(5);
      for (const event of [...booked, shared]) {
        const mirror = mirrorOf(world, event.id);
        expect(mirror, event.title).toBeDefined();
        expect(mirror!.title).toBe(event.title);
        expect(Date.parse(mirror!.start.iso)).toBe(event.startMs);
        expect(Date.parse(mirror!.end.iso)).toBe(event.endMs);
      }
      expect(mirrorOf(world, booked[0].id)!.location).toBe('1 Main St');
      expect(mirrorOf(world, other.id)).toBeUndefined();
      // Nothing went the other way: no blocked slot was made for our own mirrors.
      expect(world.platform.blocks()).toEqual([]);
      expectNoDuplicates(world);
    });
  });

  it('S2: Simple and personal calendars are listed by `calendars` with the reason and never synced', async () => {
    await inWorld({}, async (world) => {
      const listed = await world.cli(['--json', 'calendars']);
      expect(listed.code).toBe(0);
      const entries = listed.json<CalendarEntry[]>();
      expect(entries.find((c) => c.id === 'cal-simple')).toMatchObject({ side: 'platform', type: 'event', eligible: false, reason: 'Simple calendar' });
      expect(entries.find((c) => c.id === 'cal-personal')).toMatchObject({ side: 'platform', type: 'personal', eligible: false, reason: 'personal calendar' });
      expect(entries.find((c) => c.id === 'cal-rr')).toMatchObject({ eligible: true });

      const refused = await world.cli(['link', '--icloud', world.linkedUrl, '--platform-calendar', 'cal-simple']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/Simple calendar/);

      const simple = await world.platform.book({ calendarId: 'cal-simple', title: 'Simple booking', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) });
      const personal = await world.platform.book({ calendarId: 'cal-personal', title: 'Personal booking', start: hoursFromNow(11, 1), end: hoursFromNow(12, 1) });
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(mirrorOf(world, simple.id)).toBeUndefined();
      expect(mirrorOf(world, personal.id)).toBeUndefined();
      expect(world.icloud.events('work')).toEqual([]);
    });
  });

  it('S3: a changed appointment (time, title, notes, address) updates its iCloud mirror', async () => {
    await inWorld({}, async (world) => {
      const event = await world.platform.book({ title: 'Consult', notes: 'bring forms', address: 'Room 1', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) });
      await world.sync();
      const before = mirrorOf(world, event.id)!;
      expect(before.notes).toBe('bring forms');

      world.platform.update(event.id, { title: 'Consult (moved)', notes: 'bring forms and ID', address: 'Room 2', start: hoursFromNow(13, 3), end: hoursFromNow(14, 3), appointmentStatus: 'showed' });
      const report = await world.sync();
      expect(report.counts.icloud.updated).toBe(1);
      // Named by its title after the change, as the user now knows it.
      expect(report.items.find((i) => i.pair === `appt:${event.id}`)).toMatchObject({ op: 'update', side: 'icloud', title: 'Consult (moved)' });
      const after = mirrorOf(world, event.id)!;
      expect(after.file).toBe(before.file);
      expect(after).toMatchObject({ title: 'Consult (moved)', notes: 'bring forms and ID', location: 'Room 2' });
      expect(Date.parse(after.start.iso)).toBe(Date.parse(hoursFromNow(13, 3)));
      expect(Date.parse(after.end.iso)).toBe(Date.parse(hoursFromNow(14, 3)));
      expect(world.platform.blocks()).toEqual([]);
    });
  });

  it('S4: an appointment cancelled or deleted on the platform has its iCloud mirror deleted', async () => {
    await inWorld({}, async (world) => {
      const cancelled = await world.platform.book({ title: 'Will cancel', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) });
      const deleted = await world.platform.book({ title: 'Will delete', start: hoursFromNow(11, 1), end: hoursFromNow(12, 1) });
      const kept = await world.platform.book({ title: 'Stays', start: hoursFromNow(13, 1), end: hoursFromNow(14, 1) });
      await world.sync();
      expect(mirrorsIn(world).size).toBe(3);

      world.platform.cancel(cancelled.id);
      world.platform.remove(deleted.id);
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(report.counts.icloud.deleted).toBe(2);
      expect(mirrorOf(world, cancelled.id)).toBeUndefined();
      expect(mirrorOf(world, deleted.id)).toBeUndefined();
      expect(mirrorOf(world, kept.id)).toBeDefined();
      expect(itemsFor(report, 'Will cancel')[0]).toMatchObject({ op: 'delete', side: 'icloud', reason: expect.stringMatching(/cancelled/) });
      expect(await world.services.attention()).toEqual([]);
    });
  });

  // Notes are not edited here: the emulator drops the API's `description` field (reported), so a
  // notes edit would bounce back from it. The request is checked to carry the title and times.
  it('S5: editing the mirror in iCloud (time, title) updates the appointment on the platform', async () => {
    await inWorld({}, async (world) => {
      const event = await world.platform.book({ title: 'Consult', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) });
      await world.sync();
      const mirror = mirrorOf(world, event.id)!;
      const newStart = hoursFromNow(15, 4);
      const newEnd = hoursFromNow(16, 4);
      await world.icloud.put('work', mirror.file, editIcs(mirror.ics, {
        SUMMARY: 'SUMMARY:Consult with Dr. Who', DTSTART: `DTSTART:${icsUtc(newStart)}`, DTEND: `DTEND:${icsUtc(newEnd)}`,
      }));

      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(report.counts.platform.updated).toBe(1);
      const updated = world.platform.get(event.id)!;
      expect(updated.title).toBe('Consult with Dr. Who');
      expect(updated.startMs).toBe(Date.parse(newStart));
      expect(updated.endMs).toBe(Date.parse(newEnd));
      expect(updated.appointmentStatus).toBe('confirmed');
      const put = world.emulator.exchanges.filter((x) => x.method === 'PUT' && x.path.endsWith(`/appointments/${event.id}`));
      expect(put).toHaveLength(1);
      expect(put[0].body).toMatchObject({ title: 'Consult with Dr. Who' });
      // And it settles: the next sync writes nothing and leaves the iCloud edit in place.
      const again = await world.sync();
      expect(totalWrites(again)).toBe(0);
      expect(mirrorOf(world, event.id)!.title).toBe('Consult with Dr. Who');
      expect(world.platform.appointments()).toHaveLength(1);
    });
  });

  it('S6: deleting the iCloud mirror of an appointment never cancels the booking; it is detached and listed under attention', async () => {
    await inWorld({}, async (world) => {
      const restoreMe = await world.platform.book({ title: 'Restore me', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) });
      const cancelMe = await world.platform.book({ title: 'Cancel me', start: hoursFromNow(11, 2), end: hoursFromNow(12, 2) });
      await world.sync();
      await world.icloud.remove('work', mirrorOf(world, restoreMe.id)!.file);
      await world.icloud.remove('work', mirrorOf(world, cancelMe.id)!.file);

      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(report.counts.platform).toEqual({ created: 0, updated: 0, deleted: 0 });
      expect(world.platform.get(restoreMe.id)!.appointmentStatus).toBe('confirmed');
      expect(world.platform.get(cancelMe.id)!.appointmentStatus).toBe('confirmed');
      expect(itemsFor(report, 'Restore me')[0]).toMatchObject({ op: 'detach', side: 'icloud' });
      const attention = await world.cli(['--json', 'attention']);
      const items = attention.json<{ id: string; kind: string; title: string }[]>();
      expect(items.map((i) => [i.title, i.kind]).sort()).toEqual([['Cancel me', 'icloud-mirror-deleted'], ['Restore me', 'icloud-mirror-deleted']]);
      // Detached: not recreated behind the user's back.
      const quiet = await world.sync();
      expect(totalWrites(quiet)).toBe(0);
      expect(mirrorsIn(world).size).toBe(0);

      const restoreId = items.find((i) => i.title === 'Restore me')!.id;
      const cancelId = items.find((i) => i.title === 'Cancel me')!.id;
      expect((await world.cli(['restore', restoreId])).code).toBe(0);
      expect(mirrorOf(world, restoreMe.id)?.title).toBe('Restore me');
      // cli.md: without a terminal, cancel needs --yes; without it, exit 2 and nothing changed.
      const refused = await world.cli(['cancel', cancelId]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/Cancel the appointment "Cancel me".*--yes/);
      expect(world.platform.get(cancelMe.id)!.appointmentStatus).not.toBe('cancelled');
      expect((await world.cli(['cancel', cancelId, '--yes'])).code).toBe(0);
      expect(world.platform.get(cancelMe.id)!.appointmentStatus).toBe('cancelled');
      expect(await world.services.attention()).toEqual([]);
      const settled = await world.sync();
      expect(totalWrites(settled)).toBe(0);
      expect(mirrorsIn(world).size).toBe(1);
      expectNoDuplicates(world);
    });
  });

  it('S7: a blocked slot made on the platform never goes to iCloud', async () => {
    await inWorld({}, async (world) => {
      const block = await world.platform.block({ title: 'Lunch', start: hoursFromNow(12, 1), end: hoursFromNow(13, 1) });
      const first = await world.sync();
      const second = await world.sync();
      expect(totalWrites(first) + totalWrites(second)).toBe(0);
      expect(world.icloud.events('work')).toEqual([]);
      expect(world.platform.get(block.id)).toMatchObject({ title: 'Lunch', kind: 'blocked' });
      expect((await world.services.status()).counts.pairs).toBe(0);
    });
  });
});
