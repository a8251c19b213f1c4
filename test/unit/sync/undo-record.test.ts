// What the executor keeps to undo a run (undo-record.ts), over the memory sides: a create's href +
// etag or slot + fields written, an update's previous content (read just before our write) and
// what we wrote, a deletion's whole content; creates cost no read; a previous content that cannot
// be read leaves that item without a record, never the operation undone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UndoStore } from '../../../src/main/store/undo-store';
import { MEMORY_CALENDAR, MEMORY_PLATFORM_CALENDAR, MEMORY_USER, createMemoryEngine } from '../../support/memory-sides';
import { makeTempDir } from '../../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('undo-record-')));
afterEach(() => cleanup());

const now = () => new Date('2031-03-01T00:00:00Z');
const ics = (uid: string, title: string, day: number) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20310101T000000Z',
    `DTSTART:203103${String(day).padStart(2, '0')}T100000Z`, `DTEND:203103${String(day).padStart(2, '0')}T110000Z`, `SUMMARY:${title}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

async function engine() {
  const undo = new UndoStore(dir);
  const e = await createMemoryEngine({ dataDir: dir, now, undo });
  return { ...e, undo };
}

describe('undo records', () => {
  it('keeps what reverses each create, update and deletion, and creates cost no read', async () => {
    const e = await engine();
    const appointment = e.platform.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Consult', startTime: '2031-03-03T09:00:00.000Z', endTime: '2031-03-03T10:00:00.000Z' });
    const href = e.icloud.userPut(MEMORY_CALENDAR, 'own.ics', ics('own', 'Own', 4));
    const reads: string[] = [];
    e.icloud.beforeRequest = (what) => void (what === 'getObject' && reads.push(what));
    e.platform.beforeRequest = (what) => void (what === 'getEvent' && reads.push(what));
    const first = await e.sync();
    expect(reads).toEqual([]); // creates need no read
    expect(first.undoable).toBe(true);
    const created = (await e.undo.get(first.id, now()))!.entries;
    expect(created.map((x) => [x.side, x.action])).toEqual(expect.arrayContaining([['icloud', 'created'], ['platform', 'created']]));
    const mirror = created.find((x) => x.side === 'icloud')!;
    expect(mirror.side === 'icloud' && mirror.etag).toBe(e.icloud.objects.get(mirror.side === 'icloud' ? mirror.href : '')!.etag);
    const slot = created.find((x) => x.side === 'platform')!;
    expect(slot.side === 'platform' && slot.written).toMatchObject({ title: 'Own', startTime: '2031-03-04T10:00:00.000Z' });

    // Updates and deletions: the previous content, read just before our write.
    const mirrorHref = mirror.side === 'icloud' ? mirror.href : '';
    const mirrorBefore = e.icloud.objects.get(mirrorHref)!.data;
    const slotBefore = { ...e.platform.blocks()[0] };
    e.platform.patch(appointment.id, { title: 'Consult (renamed)' });
    e.icloud.userPut(MEMORY_CALENDAR, 'own.ics', ics('own', 'Own', 5));
    const second = await e.sync();
    expect(reads.sort()).toEqual(['getEvent', 'getObject']); // one read per update
    const updated = (await e.undo.get(second.id, now()))!.entries;
    const back = updated.find((x) => x.side === 'icloud')!;
    expect(back).toMatchObject({ action: 'updated', previousIcs: mirrorBefore, etag: e.icloud.objects.get(mirrorHref)!.etag });
    expect(updated.find((x) => x.side === 'platform')).toMatchObject({
      action: 'updated', kind: 'block', previous: { title: slotBefore.title, startTime: slotBefore.startTime, endTime: slotBefore.endTime },
      written: { startTime: '2031-03-05T10:00:00.000Z' },
    });

    const slotNow = { ...e.platform.blocks()[0] };
    const mirrorNow = e.icloud.objects.get(mirrorHref)!.data;
    e.platform.patch(appointment.id, { appointmentStatus: 'cancelled' });
    e.icloud.userDelete(href);
    const third = await e.sync();
    const deleted = (await e.undo.get(third.id, now()))!.entries;
    expect(deleted.find((x) => x.side === 'icloud')).toMatchObject({ action: 'deleted', previousIcs: mirrorNow });
    expect(deleted.find((x) => x.side === 'platform')).toMatchObject({ action: 'deleted', previous: { title: slotNow.title, startTime: slotNow.startTime } });
  });

  it('an item whose previous content cannot be read is done, without a record', async () => {
    const e = await engine();
    const appointment = e.platform.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Consult', startTime: '2031-03-03T09:00:00.000Z', endTime: '2031-03-03T10:00:00.000Z' });
    await e.sync();
    e.platform.patch(appointment.id, { title: 'Consult (renamed)' });
    e.icloud.beforeRequest = (what) => {
      if (what === 'getObject') throw new Error('read refused');
    };
    const run = await e.sync();
    expect(run.counts.icloud.updated).toBe(1);
    expect(run.undoable).toBe(false);
    expect(await e.undo.get(run.id, now())).toBeUndefined();
  });
});
