// An undo passes the sync's safety guards (undo-guards.ts): undoing more than 10 creates that are
// over 20 % of the synced events, or recreating more than 50 blocked slots, stops with the guard's
// decision unless the user allowed it; a small undo goes through.
import { describe, expect, it } from 'vitest';
import type { UndoEntry } from '../../../src/main/store/undo-entry';
import type { Operation } from '../../../src/main/sync/operations';
import { undoGuardStop } from '../../../src/main/sync/undo-guards';

const now = new Date('2031-03-01T00:00:00Z');
const when = { start: '2031-03-02T10:00:00.000Z', end: '2031-03-02T11:00:00.000Z', allDay: false };
const created = (i: number): UndoEntry => ({ side: 'platform', action: 'created', kind: 'block', key: `c${i}`, title: `C${i}`, ...when, platformId: `slot-${i}` });
const deleted = (i: number): UndoEntry => ({ side: 'platform', action: 'deleted', kind: 'block', key: `d${i}`, title: `D${i}`, ...when, previous: { title: `D${i}`, startTime: when.start, endTime: when.end } });
const undos = (entries: UndoEntry[]): Operation[] => entries.map((entry) => ({ type: 'undo', rule: 'item', key: entry.key, title: entry.title, entry }));
const range = (n: number) => [...Array(n).keys()];

describe('undo guards', () => {
  it('11 deletions of 20 synced events stop at the deletion guard, naming each item and the flag', () => {
    const stop = undoGuardStop(undos(range(11).map(created)), 'run-1', 20, {}, now);
    expect(stop?.decision.kind).toBe('deletions');
    expect(stop?.decision.items.map((item) => item.key)).toHaveLength(11);
    expect(stop?.message).toMatch(/This undo would delete 11 events \(of 20 synced\).*icloud-sync undo run-1 --allow-deletions/);
    expect(undoGuardStop(undos(range(11).map(created)), 'run-1', 20, { deletions: true }, now)).toBeUndefined();
  });

  it('as many deletions as the sync guard lets through (10, or under 20 %) go on', () => {
    expect(undoGuardStop(undos(range(10).map(created)), 'run-1', 10, {}, now)).toBeUndefined();
    expect(undoGuardStop(undos(range(11).map(created)), 'run-1', 100, {}, now)).toBeUndefined();
  });

  it('more than 50 blocked slots made again stop at the creation guard; skipped items do not count', () => {
    const ops = undos(range(51).map(deleted));
    expect(undoGuardStop(ops, 'run-1', 1000, {}, now)?.decision.kind).toBe('creations');
    expect(undoGuardStop(ops, 'run-1', 1000, { creations: true }, now)).toBeUndefined();
    const refused: Operation = { type: 'skip', side: 'platform', rule: 'item', key: 'x', title: 'X', reason: 'not undone' };
    expect(undoGuardStop([...undos(range(50).map(deleted)), refused], 'run-1', 1000, {}, now)).toBeUndefined();
  });
});
