// DESIGN §1 safety guards end to end, and the cost of a sync with nothing to do.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/run-report';
import { hoursFromNow, icsEvent, type SyncWorld } from '../../support/sync-world';
import { blocksTitled, expectNoDuplicates, inWorld, mirrorsIn, skipWithoutRadicale, totalWrites } from './helpers';

async function seedBothSides(world: SyncWorld, appointments: number, events: number, calendar = 'work') {
  const booked = [];
  for (let i = 0; i < appointments; i++) {
    booked.push(await world.platform.book({ title: `Appointment ${i}`, start: hoursFromNow(8 + i, 1 + i), end: hoursFromNow(9 + i, 1 + i) }));
  }
  for (let i = 0; i < events; i++) {
    await world.icloud.put(calendar, `ev-${calendar}-${i}.ics`, icsEvent(`ev-${calendar}-${i}`, { title: `${calendar} event ${i}`, start: hoursFromNow(14, 1 + i), end: hoursFromNow(15, 1 + i) }));
  }
  return booked;
}

const multistatus = (href: string, props: string) =>
  `<?xml version="1.0" encoding="utf-8"?><multistatus xmlns="DAV:" xmlns:CS="http://calendarserver.org/ns/" xmlns:C="urn:ietf:params:xml:ns:caldav">` +
  `<response><href>${href}</href><propstat><prop>${props}</prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`;

describe.skipIf(skipWithoutRadicale)('safety guards', () => {
  it('guard: the platform suddenly listing nothing aborts the cycle (guarded, exit 5) and nothing is deleted', async () => {
    await inWorld({}, async (world) => {
      await seedBothSides(world, 3, 2);
      await world.sync();
      const pairs = (await world.services.status()).counts.pairs;
      const hidden = [...world.emulator.state.events.values()];
      world.emulator.state.events.clear(); // an outage that answers 200 with an empty list

      const run = await world.cli(['--json', 'sync']);
      expect(run.code).toBe(5);
      const report = run.json<RunReport>();
      expect(report.outcome).toBe('guarded');
      expect(report.error?.kind).toBe('guard');
      expect(totalWrites(report)).toBe(0);
      expect(mirrorsIn(world).size).toBe(3);
      expect((await world.services.status()).counts.pairs).toBe(pairs);
      expect(await world.services.attention()).toEqual([]);

      for (const event of hidden) world.emulator.state.events.set(event.id, event);
      const back = await world.sync();
      expect(back.outcome).toBe('ok');
      expect(totalWrites(back)).toBe(0);
    });
  });

  it('guard: iCloud suddenly listing nothing aborts the cycle (guarded, exit 5) and no blocked slot is deleted', async () => {
    await inWorld({ proxy: true }, async (world) => {
      await seedBothSides(world, 2, 3);
      await world.sync();
      const path = new URL(world.linkedUrl).pathname;
      // A server that answers "this calendar is empty" (as a revoked password can make it look).
      world.proxy!.intercepts.push((request) => {
        const here = decodeURIComponent(request.path) === decodeURIComponent(path);
        if (!here) return undefined;
        const self = '<resourcetype><collection/><C:calendar/></resourcetype><CS:getctag>empty</CS:getctag><sync-token>http://radicale.org/ns/sync/empty</sync-token>';
        if (request.method === 'PROPFIND') return { status: 207, body: multistatus(path, self) };
        if (request.method === 'REPORT' && request.body.includes('sync-collection')) return { status: 403, body: '' };
        return undefined;
      });
      const run = await world.cli(['--json', 'sync']);
      expect(run.code).toBe(5);
      expect(run.json<RunReport>().outcome).toBe('guarded');
      expect(world.platform.blocks()).toHaveLength(3);
      expect(await world.services.attention()).toEqual([]);

      world.proxy!.intercepts.length = 0;
      const back = await world.sync();
      expect(back.outcome).toBe('ok');
      expect(totalWrites(back)).toBe(0);
    });
  });

  it('guard: more deletions than the threshold pause and ask; sync --allow-deletions confirms them', async () => {
    await inWorld({}, async (world) => {
      await seedBothSides(world, 0, 12);
      await world.sync();
      expect(world.platform.blocks()).toHaveLength(12);
      for (let i = 0; i < 12; i++) await world.icloud.remove('work', `ev-work-${i}.ics`);

      const paused = await world.cli(['--json', 'sync']);
      expect(paused.code).toBe(5);
      expect(paused.json<RunReport>().error?.message).toMatch(/would delete 12 of 12/);
      expect(world.platform.blocks()).toHaveLength(12);

      const confirmed = await world.cli(['--json', 'sync', '--allow-deletions']);
      expect(confirmed.code).toBe(0);
      expect(confirmed.json<RunReport>().counts.platform.deleted).toBe(12);
      expect(world.platform.blocks()).toEqual([]);
    });
  });

  it('guard: changing the linked calendar re-baselines (no mass deletion), and linking back adopts instead of duplicating', async () => {
    await inWorld({ calendars: ['work', 'home'] }, async (world) => {
      const [appointment] = await seedBothSides(world, 1, 3, 'work');
      await world.icloud.put('home', 'home-1.ics', icsEvent('home-1', { title: 'home event', start: hoursFromNow(7, 2), end: hoursFromNow(8, 2) }));
      await world.sync();
      expect(world.platform.blocks()).toHaveLength(3);

      expect((await world.cli(['link', '--icloud', world.calendarUrl('home')])).code).toBe(0);
      const relinked = await world.sync();
      expect(relinked.outcome).toBe('ok');
      expect(relinked.counts.icloud.deleted + relinked.counts.platform.deleted).toBe(0);
      expect(await world.services.attention()).toEqual([]);
      expect(mirrorsIn(world, 'home').get(appointment.id)).toHaveLength(1);
      expect(mirrorsIn(world, 'work').get(appointment.id)).toHaveLength(1); // left where it was
      expect(blocksTitled(world, 'home event')).toHaveLength(1);

      expect((await world.cli(['link', '--icloud', world.calendarUrl('work')])).code).toBe(0);
      const back = await world.sync();
      expect(back.outcome).toBe('ok');
      expect(back.counts.icloud.created + back.counts.platform.created).toBe(0);
      expect(back.counts.icloud.deleted + back.counts.platform.deleted).toBe(0);
      expectNoDuplicates(world, 'work');
      expect(world.platform.blocks().filter((b) => b.title.startsWith('work event'))).toHaveLength(3);
    });
  });

  it('guard: first sync after the state was lost adopts existing mirrors: zero duplicates on either side', async () => {
    await inWorld({}, async (world) => {
      const booked = await seedBothSides(world, 3, 3);
      await world.icloud.put('work', 'series.ics', icsEvent('series', { title: 'Series', start: hoursFromNow(7, 1), end: hoursFromNow(8, 1), lines: ['RRULE:FREQ=DAILY;COUNT=3'] }));
      await world.sync();
      const pairs = (await world.services.status()).counts.pairs;
      const blocks = world.platform.blocks().length;
      expect(blocks).toBe(6);

      // The app starts again without its state, and the user sets it up again.
      await rm(join(world.dataDir, 'state.json'));
      await world.connect(world.reopen());
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      expect(report.counts.icloud.created + report.counts.platform.created).toBe(0);
      expect(report.items.filter((i) => i.op === 'adopt')).toHaveLength(pairs);
      expect((await world.services.status()).counts.pairs).toBe(pairs);
      expect(world.platform.blocks()).toHaveLength(blocks);
      expectNoDuplicates(world);
      // Adopted pairs are real pairs: a change still travels.
      world.platform.update(booked[0].id, { title: 'Appointment 0 (renamed)' });
      await world.sync();
      expect(mirrorsIn(world).get(booked[0].id)![0].title).toBe('Appointment 0 (renamed)');
      expect(totalWrites(await world.sync())).toBe(0);
    });
  });

  it('guard: a bad ICS and a 422 on one item are reported and skipped while the rest goes on', async () => {
    await inWorld({ proxy: true }, async (world) => {
      // The server hands out one unreadable event (a broken calendar-data in the multiget answer).
      world.proxy!.rewrites.push((request, response) => {
        if (request.method !== 'REPORT' || !request.body.includes('calendar-multiget')) return undefined;
        return response.replace(/(<href>[^<]*bad\.ics<\/href>[\s\S]*?<C:calendar-data>)[\s\S]*?(<\/C:calendar-data>)/, '$1BEGIN:VCALENDAR\nthis is not iCalendar$2');
      });
      await world.icloud.put('work', 'bad.ics', icsEvent('bad', { title: 'Bad', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) }));
      await seedBothSides(world, 1, 3);
      // The two listings pass, the first write is refused with 422.
      world.emulator.faults.enqueue({ kind: 'delay', ms: 0 }, { kind: 'delay', ms: 0 }, { kind: 'status', status: 422 });

      const report = await world.sync();
      expect(report.outcome).toBe('partial');
      expect(report.counts.errors).toBe(1);
      expect(report.items.find((i) => i.op === 'skip' && i.pair.includes('bad.ics'))?.error).toBeTruthy();
      expect(report.items.find((i) => i.error && i.error.includes('422') || i.error?.toLowerCase().includes('refused'))).toBeDefined();
      expect(world.platform.blocks()).toHaveLength(2);
      expect(mirrorsIn(world).size).toBe(1);

      const next = await world.sync();
      expect(next.counts.errors).toBe(0);
      expect(world.platform.blocks().map((b) => b.title).sort()).toEqual(['work event 0', 'work event 1', 'work event 2']);
      expect(blocksTitled(world, 'Bad')).toEqual([]);
      expectNoDuplicates(world);
    });
  });

  it('a second sync with no changes performs 0 operations, ≤ 1 request per followed iCloud calendar and ≤ 2 to the platform', async () => {
    await inWorld({ calendars: ['work', 'personal'], busy: ['personal'] }, async (world) => {
      await seedBothSides(world, 3, 3);
      await world.icloud.put('personal', 'gym.ics', icsEvent('gym', { title: 'Gym', start: hoursFromNow(18, 1), end: hoursFromNow(19, 1) }));
      const first = await world.sync();
      expect(totalWrites(first)).toBe(7);

      const second = await world.cli(['--json', 'sync']);
      expect(second.code).toBe(0);
      const report = second.json<RunReport>();
      expect(report.outcome).toBe('ok');
      expect(report.items).toEqual([]);
      expect(totalWrites(report)).toBe(0);
      expect(report.requests.icloud).toBeLessThanOrEqual(2);
      expect(report.requests.platform).toBeLessThanOrEqual(2);
    });
  });
});
