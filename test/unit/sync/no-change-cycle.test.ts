// Issue 16: a cycle reads both sides at once, and a cycle that finds nothing to do writes no state.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JsonDocument } from '../../../src/main/store/json-document';
import { BUILD_WRITER, signText } from '../../../src/main/store/writer-stamp';
import { createMemoryEngine, MEMORY_CALENDAR } from '../../support/memory-sides';
import { makeTempDir } from '../../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('no-change-')));
afterEach(() => cleanup());

const now = () => new Date('2031-03-01T00:00:00Z');
const event = (i: number) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VEVENT', `UID:ev${i}`, 'DTSTAMP:20310101T000000Z',
    `DTSTART:203103${String(2 + i).padStart(2, '0')}T100000Z`, `DTEND:203103${String(2 + i).padStart(2, '0')}T110000Z`, `SUMMARY:Event ${i}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

describe('a cycle', () => {
  it('starts reading the platform while the iCloud read is still out', async () => {
    const engine = await createMemoryEngine({ dataDir: dir, now });
    engine.icloud.userPut(MEMORY_CALENDAR, 'ev0.ics', event(0));
    const started: string[] = [];
    engine.platform.beforeRequest = (what) => void started.push(what);
    const fetchChanges = engine.icloud.fetchChanges.bind(engine.icloud);
    let platformStartedDuringIcloud = false;
    engine.icloud.fetchChanges = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      platformStartedDuringIcloud = started.includes('listAppointments');
      return fetchChanges(...args);
    };
    expect((await engine.sync()).outcome).toBe('ok');
    expect(platformStartedDuringIcloud).toBe(true);
  });

  it('lists blocked slots while the appointments listing is still out', async () => {
    const engine = await createMemoryEngine({ dataDir: dir, now });
    await engine.sync();
    const started: string[] = [];
    engine.platform.beforeRequest = (what) => void started.push(what);
    const listAppointments = engine.platform.listAppointments.bind(engine.platform);
    let blocksStartedDuringAppointments = false;
    engine.platform.listAppointments = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      blocksStartedDuringAppointments = started.includes('listBlockedSlots');
      return listAppointments(...args);
    };
    expect((await engine.sync()).outcome).toBe('ok');
    expect(blocksStartedDuringAppointments).toBe(true);
  });

  it('that finds nothing to do leaves state.json untouched and adds one history entry', async () => {
    const engine = await createMemoryEngine({ dataDir: dir, now });
    for (let i = 0; i < 3; i++) engine.icloud.userPut(MEMORY_CALENDAR, `ev${i}.ics`, event(i));
    engine.platform.book({ userId: 'user-me', calendarId: 'cal-1', title: 'Booked', startTime: '2031-03-10T10:00:00Z', endTime: '2031-03-10T11:00:00Z' });
    expect((await engine.sync()).counts.platform.created).toBe(3);
    // The second cycle settles what the first wrote (etags of the mirrors it made); the third is idle.
    await engine.sync();
    const file = join(dir, 'state.json');
    const before = statSync(file, { bigint: true });
    const runsBefore = (await engine.history.list()).length;
    const report = await engine.sync();
    expect(report.outcome).toBe('ok');
    const after = statSync(file, { bigint: true });
    expect([after.ino, after.mtimeNs, after.size]).toEqual([before.ino, before.mtimeNs, before.size]);
    expect((await engine.history.list()).length).toBe(runsBefore + 1);
  });

  it('that changes something still writes it', async () => {
    const engine = await createMemoryEngine({ dataDir: dir, now });
    await engine.sync();
    const file = join(dir, 'state.json');
    const before = statSync(file, { bigint: true });
    engine.icloud.userPut(MEMORY_CALENDAR, 'ev9.ics', event(9));
    expect((await engine.sync()).counts.platform.created).toBe(1);
    expect(statSync(file, { bigint: true }).mtimeNs).not.toBe(before.mtimeNs);
    expect(Object.keys((await engine.store.read()).pairs)).toHaveLength(1);
  });

  it('that finds nothing to do does not even encode the state to compare it with the file', async () => {
    const engine = await createMemoryEngine({ dataDir: dir, now });
    for (let i = 0; i < 3; i++) engine.icloud.userPut(MEMORY_CALENDAR, `ev${i}.ics`, event(i));
    await engine.sync();
    await engine.sync();
    const write = vi.spyOn(JsonDocument.prototype, 'write');
    const writeText = vi.spyOn(JsonDocument.prototype, 'writeText');
    try {
      expect((await engine.sync()).outcome).toBe('ok');
      // The history is appended (one document write, in place); state.json is not written at all.
      const files = [...write.mock.contexts, ...writeText.mock.contexts].map((doc) => (doc as unknown as { spec: { file: string } }).spec.file);
      expect(files.filter((file) => file.endsWith('state.json'))).toEqual([]);
      expect(files.map((file) => file.slice(file.lastIndexOf('/') + 1))).toEqual(['history.json']);
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
      writeText.mockRestore();
    }
  });

  it("that finds nothing to do on another build's state.json stamps it once as this build's (not in a preview)", async () => {
    const engine = await createMemoryEngine({ dataDir: dir, now });
    engine.icloud.userPut(MEMORY_CALENDAR, 'ev0.ics', event(0));
    await engine.sync();
    await engine.sync();
    // As the previous version of the app left it (an update): valid, stamped by another build.
    const file = join(dir, 'state.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete doc.written;
    writeFileSync(file, signText(JSON.stringify(doc), 'older-build'));
    const stamp = () => /^\{"written":"([^ ]+) /.exec(readFileSync(file, 'utf8'))?.[1];
    const version = () => { const s = statSync(file, { bigint: true }); return [s.ino, s.mtimeNs, s.size]; };
    const untouched = version();
    expect((await engine.preview()).outcome).toBe('ok');
    expect(version()).toEqual(untouched);
    expect((await engine.sync()).outcome).toBe('ok');
    expect(stamp()).toBe(BUILD_WRITER);
    const stamped = version();
    expect((await engine.sync()).outcome).toBe('ok');
    expect(version()).toEqual(stamped);
  });
});
