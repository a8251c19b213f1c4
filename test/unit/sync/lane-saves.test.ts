// The executor's shared saves (lane-saves.ts): what must be on disk before a request is in a save
// begun after it was asked for, lanes asking meanwhile share that one save, a timed save is never
// doubled, and a save that fails is not lost in the background.
import { describe, expect, it } from 'vitest';
import { LaneSaves } from '../../../src/main/sync/lane-saves';

/** A store whose writes each hold what `changes` was when they began, and end when the test says. */
function slowStore() {
  const writes: Array<{ holds: number; finish: (error?: Error) => void }> = [];
  let changes = 0;
  const write = () =>
    new Promise<void>((resolve, reject) => {
      writes.push({ holds: changes, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { writes, write, change: () => (changes += 1) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('LaneSaves', () => {
  it('fresh() while a save is written waits for the next one, which every lane asking meanwhile shares', async () => {
    const store = slowStore();
    const saves = new LaneSaves(store.write, 0);
    const first = saves.fresh();
    store.change();
    saves.changed();
    let laneA = false;
    let laneB = false;
    void saves.fresh().then(() => (laneA = true));
    void saves.fresh().then(() => (laneB = true));
    expect(store.writes).toHaveLength(1);
    store.writes[0].finish();
    await first;
    await tick();
    expect(store.writes.map((w) => w.holds), 'one more save, holding the change made during the first').toEqual([0, 1]);
    expect([laneA, laneB]).toEqual([false, false]);
    store.writes[1].finish();
    await tick();
    expect([laneA, laneB]).toEqual([true, true]);
  });

  it('soon() starts no second save while one is written, and the change it missed is saved by flush()', async () => {
    const store = slowStore();
    const saves = new LaneSaves(store.write, 0);
    saves.changed();
    saves.soon();
    store.change();
    saves.changed();
    saves.soon();
    saves.soon();
    expect(store.writes).toHaveLength(1);
    const flushed = saves.flush();
    store.writes[0].finish();
    await tick();
    expect(store.writes.map((w) => w.holds)).toEqual([0, 1]);
    store.writes[1].finish();
    await flushed;
    await saves.flush(); // nothing changed since: no third write
    expect(store.writes).toHaveLength(2);
  });

  it('a timed save that failed throws at the lane\'s next soon() and at flush()', async () => {
    const store = slowStore();
    const saves = new LaneSaves(store.write, 0);
    saves.changed();
    saves.soon();
    store.writes[0].finish(new Error('disk full'));
    await tick();
    expect(() => saves.soon()).toThrow('disk full');
    await expect(saves.flush()).rejects.toThrow('disk full');
  });
});
