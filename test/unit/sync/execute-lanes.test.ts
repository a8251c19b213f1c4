// The executor with several locations (issue 15): each location's operations run as their own lane,
// all lanes at once, each on its own side; a location whose side fails as a whole stops alone.
import { describe, expect, it } from 'vitest';
import { IcsCodec } from '../../../src/main/icloud';
import { SyncError } from '../../../src/main/errors';
import { initialState, type State } from '../../../src/main/store/state-schema';
import { execute } from '../../../src/main/sync/execute';
import type { Operation } from '../../../src/main/sync/operations';
import type { PairRecord } from '../../../src/main/sync/pair';
import type { PlanContext } from '../../../src/main/sync/plan-input';
import type { IcloudPort, PlatformPort } from '../../../src/main/sync/ports';
import { ReportBuilder } from '../../../src/main/sync/report-builder';
import { RequestCounter } from '../../../src/main/request-counter';

const now = () => new Date('2031-03-01T00:00:00Z');
const context = (locationId: string): PlanContext => ({
  locationId, userId: 'ada', linkedCalendarUrl: 'cal', platformCalendarIds: [], zone: 'UTC', floatingZone: 'UTC', window: { start: now(), end: now() },
});

function deletion(location: string, n: number): Operation {
  const pair: PairRecord = {
    key: `k-${location}-${n}`, owner: 'icloud', status: 'synced', title: `${location} ${n}`, start: 'x', end: 'y', allDay: false,
    platformId: `${location}-${n}`, platformKind: 'block', locationId: location, hashes: {}, updatedAt: 'x',
  };
  return { type: 'platform.deleteBlock', rule: 'S11', key: pair.key, title: pair.title, pair, location };
}

/** A side that records when each delete starts and ends (each takes 5 ms), and can fail on one id. */
function side(log: string[], failOn?: string): PlatformPort {
  const unused = async (): Promise<never> => {
    throw new Error('not used');
  };
  return {
    listAppointments: unused, listBlockedSlots: unused, getEvent: unused, createBlockSlot: unused, updateBlockSlot: unused, updateAppointment: unused,
    async deleteEvent(id) {
      log.push(`start ${id}`);
      if (id === failOn) throw new SyncError('auth', 'The platform token was rejected.', { side: 'platform' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${id}`);
    },
  };
}

async function run(ops: Operation[], sides: Record<string, PlatformPort>, onLocationFailed?: (id: string, error: SyncError) => void, saving?: { save: (state: State) => Promise<void>; everyMs: number }) {
  const state = initialState();
  for (const op of ops) if ('pair' in op) state.pairs[op.pair.key] = op.pair;
  const report = new ReportBuilder('manual', now(), new RequestCounter());
  const locations = Object.fromEntries(Object.entries(sides).map(([id, platform]) => [id, { platform, context: context(id) }]));
  await execute(ops, {
    icloud: {} as IcloudPort, platform: sides.a!, codec: new IcsCodec(), tx: { state, save: saving ? () => saving.save(state) : async () => undefined }, report, context: context('a'), now,
    locations, onLocationFailed, ...(saving ? { saveEveryMs: saving.everyMs } : {}),
  });
  return state;
}

describe('execute with several locations', () => {
  it('runs the locations at once, each in its own order, on its own side', async () => {
    const log: string[] = [];
    const ops = [deletion('a', 1), deletion('a', 2), deletion('b', 1), deletion('b', 2)];
    const state = await run(ops, { a: side(log), b: side(log) });
    expect(log.slice(0, 2), 'both lanes started before either finished an operation').toEqual(['start a-1', 'start b-1']);
    expect(log.filter((line) => line.includes('a-')), 'one lane keeps its order').toEqual(['start a-1', 'end a-1', 'start a-2', 'end a-2']);
    expect(Object.keys(state.pairs)).toEqual([]);
  });

  it('a location whose token is rejected stops alone: its other operations are skipped, the other location finishes', async () => {
    const log: string[] = [];
    const failed: string[] = [];
    const ops = [deletion('a', 1), deletion('a', 2), deletion('b', 1), deletion('b', 2)];
    const state = await run(ops, { a: side(log), b: side(log, 'b-1') }, (id, error) => failed.push(`${id}: ${error.kind}`));
    expect(failed).toEqual(['b: auth']);
    expect(log).not.toContain('start b-2');
    expect(Object.keys(state.pairs).sort(), 'B keeps its pairs for the next cycle').toEqual(['k-b-1', 'k-b-2']);
  });

  it('without onLocationFailed (one location) the failure stops the cycle, as before', async () => {
    const log: string[] = [];
    await expect(run([deletion('a', 1), deletion('b', 1)], { a: side(log, 'a-1'), b: side(log) })).rejects.toMatchObject({ kind: 'auth' });
  });

  it('a lane never waits on another lane\'s save, nor doubles it: a save due in both is written once, and the last changes are on disk', async () => {
    const log: string[] = [];
    const written: string[][] = [];
    const slowSave = async (state: State) => {
      log.push('save start');
      written.push(Object.keys(state.pairs).sort()); // what this save holds (state.json encodes at once)
      await new Promise((resolve) => setTimeout(resolve, 40));
      log.push('save end');
    };
    const ops = [1, 2, 3, 4, 5, 6].flatMap((n) => [deletion('a', n), deletion('b', n)]);
    const state = await run(ops, { a: side(log), b: side(log) }, undefined, { save: slowSave, everyMs: 1 });
    const during = log.slice(log.indexOf('save start'), log.indexOf('save end'));
    expect(during.filter((line) => line.startsWith('start ')).length, 'operations of both lanes went on while the first save was written').toBeGreaterThan(2);
    // One timed save (the next is due 9 × 40 ms later, after the lanes are done) and the last one.
    expect(written.length).toBe(2);
    expect(written.at(-1), 'the last save holds every lane\'s last change').toEqual([]);
    expect(Object.keys(state.pairs)).toEqual([]);
  });
});
