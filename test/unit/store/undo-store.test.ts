// undo.json's retention (DESIGN "Undo"): the last N runs, none older than the age limit, and a byte
// cap that drops the oldest first — a run too large on its own is not kept, the others stay.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UndoEntry } from '../../../src/main/store/undo-entry';
import { UndoStore } from '../../../src/main/store/undo-store';
import { makeTempDir } from '../../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('undo-store-')));
afterEach(() => cleanup());

const day = 86_400_000;
const start = Date.parse('2031-03-01T00:00:00Z');
const entry = (title: string, ics = ''): UndoEntry => ({
  side: 'icloud', action: 'deleted', key: title, title, start: '2031-03-02T10:00:00Z', end: '2031-03-02T11:00:00Z', allDay: false,
  href: `https://x/${title}.ics`, calendarUrl: 'https://x/', previousIcs: ics,
});

describe('undo store', () => {
  it('keeps the last maxRuns runs and forgets those older than maxAgeDays', async () => {
    const store = new UndoStore(dir, { maxRuns: 3, maxAgeDays: 14, maxBytes: 1_000_000 });
    for (let i = 0; i < 5; i++) expect(await store.save(`run-${i}`, [entry(`e${i}`)], new Date(start + i * day))).toBe(true);
    expect((await store.list(new Date(start + 4 * day))).map((r) => r.runId)).toEqual(['run-2', 'run-3', 'run-4']);
    // 15 days after run-2 was recorded it is gone; run-3 and run-4 are younger.
    expect((await store.list(new Date(start + 2 * day + 15 * day))).map((r) => r.runId)).toEqual(['run-3', 'run-4']);
    expect(await store.get('run-2', new Date(start + 17 * day))).toBeUndefined();
  });

  it('drops the oldest over the byte cap and does not keep a run larger than the cap on its own', async () => {
    const store = new UndoStore(dir, { maxRuns: 20, maxAgeDays: 14, maxBytes: 2_000 });
    const now = new Date(start);
    expect(await store.save('a', [entry('a', 'x'.repeat(700))], now)).toBe(true);
    expect(await store.save('b', [entry('b', 'x'.repeat(700))], now)).toBe(true);
    expect(await store.save('c', [entry('c', 'x'.repeat(700))], now)).toBe(true);
    expect((await store.list(now)).map((r) => r.runId)).toEqual(['b', 'c']);
    expect(await store.save('huge', [entry('huge', 'x'.repeat(5_000))], now)).toBe(false);
    expect((await store.list(now)).map((r) => r.runId)).toEqual(['b', 'c']);
  });

  it('records nothing for a run without entries, and marks a run undone once', async () => {
    const store = new UndoStore(dir);
    const now = new Date(start);
    expect(await store.save('empty', [], now)).toBe(false);
    await store.save('r', [entry('r')], now);
    await store.markUndone('r', 'undo-1', now);
    expect((await store.get('r', now))?.undoneBy).toBe('undo-1');
    expect(await store.get('empty', now)).toBeUndefined();
  });
});
