// The undo planner and its executor step (issue 13 item 2), over in-memory sides: each recorded
// operation kind is reversed into the right operation and the right write, refusals (from the state,
// and from the servers: If-Match on iCloud, the fields read back on the platform) leave the item as
// it is with a reason, and every undone item is no longer followed.
import { describe, expect, it } from 'vitest';
import { IcsCodec } from '../../../src/main/icloud';
import { RequestCounter } from '../../../src/main/request-counter';
import { initialState, type State } from '../../../src/main/store/state-schema';
import type { UndoEntry, UndoRun } from '../../../src/main/store/undo-entry';
import { execute } from '../../../src/main/sync/execute';
import type { PairRecord } from '../../../src/main/sync/pair';
import { planUndo, undoCounts } from '../../../src/main/sync/plan-undo';
import { ReportBuilder } from '../../../src/main/sync/report-builder';
import { listUnfollowed } from '../../../src/main/sync/unfollowed';
import { MEMORY_CALENDAR, MemoryIcloud, MemoryPlatform } from '../../support/memory-sides';

const now = () => new Date('2031-03-01T00:00:00Z');
const when = { start: '2031-03-02T10:00:00.000Z', end: '2031-03-02T11:00:00.000Z', allDay: false };
const ics = (title: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u-${title}\r\nSUMMARY:${title}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
/** A state with the memory calendar linked: undo writes only inside a calendar the app writes to. */
function linkedState(): State {
  const state = initialState();
  state.links.icloudCalendar = MEMORY_CALENDAR;
  return state;
}
const run = (entries: UndoEntry[]): UndoRun => ({ runId: 'run-1', recordedAt: now().toISOString(), entries });

function world() {
  const icloud = new MemoryIcloud();
  const platform = new MemoryPlatform({ now });
  const state: State = linkedState();
  const report = new ReportBuilder('undo', now(), new RequestCounter());
  const context = { userId: 'user-me', linkedCalendarUrl: MEMORY_CALENDAR, platformCalendarIds: [], zone: 'UTC', floatingZone: 'UTC', window: { start: now(), end: now() } };
  const undo = async (entries: UndoEntry[]) => {
    await execute(planUndo(run(entries), state), { icloud, platform, codec: new IcsCodec(), tx: { state, save: async () => undefined }, report, context, now });
    return report.finish(now());
  };
  return { icloud, platform, state, undo };
}

function pair(key: string, extra: Partial<PairRecord> = {}): PairRecord {
  return { key, owner: 'platform', status: 'synced', title: key, ...when, platformKind: 'appointment', hashes: {}, updatedAt: now().toISOString(), ...extra };
}

describe('undo planner', () => {
  it('turns each record into an undo operation, newest first, and counts them per side', () => {
    const entries: UndoEntry[] = [
      { side: 'icloud', action: 'created', key: 'a', title: 'A', ...when, href: `${MEMORY_CALENDAR}a.ics`, calendarUrl: MEMORY_CALENDAR, etag: '"1"' },
      { side: 'platform', action: 'deleted', kind: 'block', key: 'b', title: 'B', ...when, previous: { title: 'B', startTime: when.start, endTime: when.end } },
    ];
    const ops = planUndo(run(entries), linkedState());
    expect(ops.map((op) => [op.type, op.key])).toEqual([['undo', 'b'], ['undo', 'a']]);
    expect(ops[0].reason).toMatch(/recreated as a new blocked slot/);
    expect(ops[1].reason).toMatch(/removed the iCloud event that run created; no longer followed/);
    expect(undoCounts(ops)).toEqual({ icloud: 1, platform: 1, refused: 0 });
  });

  it('refuses from the state what a later sync saw changed or made again', () => {
    const state = linkedState();
    state.objects[`${MEMORY_CALENDAR}a.ics`] = { etag: '"2"', calendarUrl: MEMORY_CALENDAR, uid: 'a', recurring: false };
    state.pairs.d = pair('d', { icloud: { href: `${MEMORY_CALENDAR}d2.ics`, uid: 'd', calendarUrl: MEMORY_CALENDAR, source: 'linked' } });
    state.pairs.s = pair('s', { platformId: 'slot-1', start: '2031-03-02T12:00:00.000Z' });
    const ops = planUndo(run([
      { side: 'icloud', action: 'updated', key: 'a', title: 'A', ...when, href: `${MEMORY_CALENDAR}a.ics`, calendarUrl: MEMORY_CALENDAR, etag: '"1"', previousIcs: ics('A') },
      { side: 'icloud', action: 'deleted', key: 'd', title: 'D', ...when, href: `${MEMORY_CALENDAR}d.ics`, calendarUrl: MEMORY_CALENDAR, previousIcs: ics('D') },
      { side: 'platform', action: 'created', kind: 'block', key: 's', title: 'S', ...when, platformId: 'slot-1', written: { title: 'S', startTime: when.start, endTime: when.end } },
    ]), state);
    expect(ops.map((op) => [op.type, op.reason])).toEqual([
      ['skip', 'not undone: a later sync changed it on the platform; left as it is'],
      ['skip', 'not undone: a later sync made its iCloud copy again; left as it is'],
      ['skip', 'not undone: it changed in iCloud since that run; left as it is'],
    ]);
    expect(undoCounts(ops)).toEqual({ icloud: 0, platform: 0, refused: 3 });
  });
});

describe('undo records are not trusted to name where to write', () => {
  // undo.json is a file on disk: edited, restored from another Mac, or left from a calendar linked before.
  const icloudEntry = (href: string, calendarUrl = MEMORY_CALENDAR): UndoEntry => ({ side: 'icloud', action: 'created', key: href, title: 'T', ...when, href, calendarUrl, etag: '"1"' });

  it('refuses an href outside the linked calendar (another calendar, another server, a path climbing out)', () => {
    const outside = [
      icloudEntry('mem://icloud/alice/home/private.ics'),
      icloudEntry('mem://icloud/alice/home/private.ics', 'mem://icloud/alice/home/'),
      icloudEntry('https://evil.example/alice/work/a.ics'),
      icloudEntry(`${MEMORY_CALENDAR}../home/private.ics`),
      icloudEntry(`${MEMORY_CALENDAR}sub/deeper.ics`),
      icloudEntry(MEMORY_CALENDAR),
      icloudEntry('not a url at all', 'also not a url'),
    ];
    const ops = planUndo(run(outside), linkedState());
    expect(ops.map((op) => op.type)).toEqual(outside.map(() => 'skip'));
    for (const op of ops) expect(op.reason).toBe('not undone: it is not in a calendar this app writes to (the linked calendar, or a busy source); left as it is');
    // Nothing linked at all: nothing in iCloud is ours to write.
    expect(planUndo(run([icloudEntry(`${MEMORY_CALENDAR}a.ics`)]), initialState())[0].type).toBe('skip');
    // The linked calendar's own objects (and a busy source's) are undone.
    const state = linkedState();
    state.links.busySources = ['mem://icloud/alice/family/'];
    const inside = planUndo(run([icloudEntry(`${MEMORY_CALENDAR}a.ics`), icloudEntry('mem://icloud/alice/family/b.ics', 'mem://icloud/alice/family/')]), state);
    expect(inside.map((op) => op.type)).toEqual(['undo', 'undo']);
  });

  it('refuses a record saying the app created or deleted an appointment (it only ever makes blocked slots)', () => {
    const ops = planUndo(run([
      { side: 'platform', action: 'created', kind: 'appointment', key: 'a', title: 'A customer booking', ...when, platformId: 'appt-1', written: { title: 'A customer booking', startTime: when.start, endTime: when.end } },
      { side: 'platform', action: 'deleted', kind: 'appointment', key: 'b', title: 'B', ...when, previous: { title: 'B', startTime: when.start, endTime: when.end } },
    ]), linkedState());
    expect(ops.map((op) => [op.type, op.reason])).toEqual([
      ['skip', 'not undone: the app never creates or deletes an appointment; left as it is'],
      ['skip', 'not undone: the app never creates or deletes an appointment; left as it is'],
    ]);
  });
});

describe('undo with several locations', () => {
  it('runs each record in its own location, and refuses one whose location is no longer connected', () => {
    const state = linkedState();
    state.accounts.platforms['loc-b'] = { locationId: 'loc-b' } as State['accounts']['platforms'][string];
    state.pairs['p|loc-b'] = pair('p|loc-b', { platformId: 'slot-b', locationId: 'loc-b' });
    const slot = (key: string, locationId?: string): UndoEntry => ({
      side: 'platform', action: 'deleted', kind: 'block', key, title: key, ...when, ...(locationId ? { locationId } : {}), previous: { title: key, startTime: when.start, endTime: when.end },
    });
    const ops = planUndo(run([slot('gone|loc-b', 'loc-b'), slot('x|loc-c', 'loc-c'), slot('only')]), state);
    expect(ops.map((op) => [op.key, op.type, op.location])).toEqual([['only', 'undo', undefined], ['x|loc-c', 'skip', undefined], ['gone|loc-b', 'undo', 'loc-b']]);
    expect(ops[1].reason).toBe('not undone: its platform location is no longer connected; left as it is');
    // A record from before locations were recorded: the pair, while it is there, says which.
    const created: UndoEntry = { side: 'platform', action: 'created', kind: 'block', key: 'p|loc-b', title: 'P', ...when, platformId: 'slot-b', written: { title: 'p|loc-b', startTime: when.start, endTime: when.end } };
    expect(planUndo(run([created]), state)[0].location).toBe('loc-b');
  });
});

describe('undo through the executor', () => {
  it('reverses iCloud creates, updates and deletions over exactly what we wrote', async () => {
    const w = world();
    const created = await w.icloud.createEvent(MEMORY_CALENDAR, 'made', ics('Made'));
    const updated = await w.icloud.createEvent(MEMORY_CALENDAR, 'changed', ics('Changed'));
    const report = await w.undo([
      { side: 'icloud', action: 'created', key: 'm', title: 'Made', ...when, platformId: 'ap-1', href: created.href, calendarUrl: MEMORY_CALENDAR, etag: created.etag },
      { side: 'icloud', action: 'updated', key: 'c', title: 'Changed', ...when, platformId: 'ap-2', href: updated.href, calendarUrl: MEMORY_CALENDAR, etag: updated.etag, previousIcs: ics('Before') },
      { side: 'icloud', action: 'deleted', key: 'g', title: 'Gone', ...when, platformId: 'ap-3', href: `${MEMORY_CALENDAR}gone.ics`, calendarUrl: MEMORY_CALENDAR, previousIcs: ics('Gone') },
    ]);
    const files = w.icloud.in(MEMORY_CALENDAR);
    expect(files.map((f) => f.data).sort()).toEqual([ics('Before'), ics('Gone')].sort());
    // The deleted one comes back as a new event, not at its old address.
    expect(files.some((f) => f.href.endsWith('gone.ics'))).toBe(false);
    expect(report.counts.icloud).toEqual({ created: 1, updated: 1, deleted: 1 });
    expect(report.items.map((i) => i.op).sort()).toEqual(['create', 'delete', 'update']);
    expect(listUnfollowed(w.state).map((u) => [u.key, u.platformId, u.guard]).sort()).toEqual([['c', 'ap-2', 'undo'], ['g', 'ap-3', 'undo'], ['m', 'ap-1', 'undo']]);
  });

  it('refuses an iCloud item whose etag is no longer the one our write got (If-Match)', async () => {
    const w = world();
    const created = await w.icloud.createEvent(MEMORY_CALENDAR, 'made', ics('Made'));
    w.icloud.userPut(MEMORY_CALENDAR, 'made.ics', ics('Made, then edited'));
    w.state.pairs.m = pair('m');
    const report = await w.undo([{ side: 'icloud', action: 'created', key: 'm', title: 'Made', ...when, href: created.href, calendarUrl: MEMORY_CALENDAR, etag: created.etag }]);
    expect(w.icloud.in(MEMORY_CALENDAR).map((f) => f.data)).toEqual([ics('Made, then edited')]);
    expect(report.counts.skipped).toBe(1);
    expect(report.items[0]).toMatchObject({ op: 'skip', reason: 'not undone: it changed in iCloud since that run; left as it is' });
    expect(w.state.pairs.m).toBeDefined();
    expect(listUnfollowed(w.state)).toEqual([]);
  });

  it('reverses platform creates, updates (blocks and appointments) and deletions, refusing one edited since', async () => {
    const w = world();
    const made = w.platform.insert({ title: 'Made', ...times(10) });
    const moved = w.platform.insert({ title: 'Moved', ...times(12) });
    const booked = w.platform.book({ userId: 'user-me', calendarId: 'cal-1', title: 'Renamed', ...times(14) });
    const edited = w.platform.insert({ title: 'Edited by the user', ...times(16) });
    const report = await w.undo([
      { side: 'platform', action: 'created', kind: 'block', key: 'k1', title: 'Made', ...when, platformId: made.id, written: { title: 'Made', ...times(10) } },
      { side: 'platform', action: 'updated', kind: 'block', key: 'k2', title: 'Moved', ...when, platformId: moved.id, previous: { title: 'Moved', ...times(8) }, written: { title: 'Moved', ...times(12) } },
      { side: 'platform', action: 'updated', kind: 'appointment', key: 'k3', title: 'Renamed', ...when, platformId: booked.id, previous: { title: 'Booked', ...times(14), notes: 'n', address: 'a' }, written: { title: 'Renamed', ...times(14) } },
      { side: 'platform', action: 'deleted', kind: 'block', key: 'k4', title: 'Deleted', ...when, previous: { title: 'Deleted', ...times(18) } },
      { side: 'platform', action: 'created', kind: 'block', key: 'k5', title: 'Edited', ...when, platformId: edited.id, written: { title: 'Edited', ...times(16) } },
    ]);
    const now2 = [...w.platform.events.values()].map((e) => `${e.title}|${e.startTime}|${e.description ?? ''}`).sort();
    expect(now2).toEqual([`Booked|${times(14).startTime}|n`, `Deleted|${times(18).startTime}|`, `Edited by the user|${times(16).startTime}|`, `Moved|${times(8).startTime}|`]);
    expect(report.counts.platform).toEqual({ created: 1, updated: 2, deleted: 1 });
    expect(report.items.find((i) => i.pair === 'k5')).toMatchObject({ op: 'skip', reason: 'not undone: it changed on the platform since that run; left as it is' });
    // The recreated slot is the one no longer followed.
    const recreated = [...w.platform.events.values()].find((e) => e.title === 'Deleted')!;
    expect(listUnfollowed(w.state).find((u) => u.key === 'k4')?.platformId).toBe(recreated.id);
  });
});

describe('an undo killed part way, run again', () => {
  it('does not recreate twice what it recreated before it was killed: each done item is on disk at once', async () => {
    const w = world();
    const entries: UndoEntry[] = [
      { side: 'platform', action: 'deleted', kind: 'block', key: 'k1', title: 'First', ...when, previous: { title: 'First', ...times(10) } },
      { side: 'platform', action: 'deleted', kind: 'block', key: 'k2', title: 'Second', ...when, previous: { title: 'Second', ...times(12) } },
    ];
    // The first attempt: the second recreation's request never returns (the process is killed then);
    // what is on disk is the last state saved.
    const onDisk: State[] = [];
    let made = 0;
    const hanging = Object.create(w.platform) as typeof w.platform;
    hanging.createBlockSlot = (input) => (++made === 1 ? w.platform.createBlockSlot(input) : new Promise(() => undefined));
    const report = new ReportBuilder('undo', now(), new RequestCounter());
    const context = { userId: 'user-me', linkedCalendarUrl: MEMORY_CALENDAR, platformCalendarIds: [], zone: 'UTC', floatingZone: 'UTC', window: { start: now(), end: now() } };
    void execute(planUndo(run(entries), w.state), {
      icloud: w.icloud, platform: hanging, codec: new IcsCodec(), tx: { state: w.state, save: async () => void onDisk.push(structuredClone(w.state)) }, report, context, now,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(made).toBe(2);
    expect(onDisk).toHaveLength(1);

    // Run again from what was on disk (the run not marked undone: the kill came first).
    const again = onDisk[0]!;
    const ops = planUndo(run(entries), again);
    expect(ops.map((op) => [op.key, op.type, op.reason])).toEqual([
      // Newest first: the second was recreated before the kill, the first's request never went out.
      ['k2', 'skip', 'not undone: it was undone already; left as it is'],
      ['k1', 'undo', expect.stringMatching(/^undo: recreated as a new blocked slot/)],
    ]);
    await execute(ops, { icloud: w.icloud, platform: w.platform, codec: new IcsCodec(), tx: { state: again, save: async () => undefined }, report: new ReportBuilder('undo', now(), new RequestCounter()), context, now });
    const titles = [...w.platform.events.values()].map((e) => e.title).sort();
    expect(titles).toEqual(['First', 'Second']);
  });
});

function times(hour: number) {
  return { startTime: `2031-03-02T${String(hour).padStart(2, '0')}:00:00.000Z`, endTime: `2031-03-02T${String(hour + 1).padStart(2, '0')}:00:00.000Z` };
}
