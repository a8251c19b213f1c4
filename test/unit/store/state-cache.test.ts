// Issue 16: the app keeps state in memory between cycles (no parse and full validation per read),
// yet sees at once a state file the CLI replaced, and never hands out its cached copy to be mutated.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StateStore } from '../../../src/main/store/state-store';
import { makeTempDir } from '../../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

describe('StateStore in a long-running process', () => {
  it('does not parse the file again while it is unchanged', async () => {
    const app = new StateStore(dir);
    await app.update((state) => void (state.settings.interval = 30));
    // The first read after a write parses (a write does not keep a copy); the following ones do not.
    expect((await app.read()).settings.interval).toBe(30);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect((await app.read()).settings.interval).toBe(30);
      expect((await app.read()).settings.interval).toBe(30);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('reads the file again once another process replaced it', async () => {
    const app = new StateStore(dir);
    await app.update((state) => void (state.settings.interval = 30));
    expect((await app.read()).settings.interval).toBe(30);
    // The CLI, as a separate writer under the lock.
    await new StateStore(dir).update((state) => void (state.settings.interval = 45));
    expect((await app.read()).settings.interval).toBe(45);
    await app.update((state) => void (state.settings.interval = state.settings.interval + 1));
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, 'state.json'), 'utf8')) as { settings: { interval: number } };
    expect(onDisk.settings.interval).toBe(46);
  });

  it('hands out copies: a change that was never saved is not kept', async () => {
    const app = new StateStore(dir);
    await app.update((state) => void (state.settings.interval = 30));
    const copy = await app.read();
    copy.settings.interval = 99;
    await expect(app.transaction(async (tx) => {
      tx.state.settings.interval = 77;
      throw new Error('a cycle that failed before saving');
    })).rejects.toThrow('failed before saving');
    expect((await app.read()).settings.interval).toBe(30);
  });

  it('makes each cached read anew from the validated file: no object is shared between two reads', async () => {
    const app = new StateStore(dir);
    await app.update((state) => {
      state.cursors['https://cal/work/'] = { syncToken: 't1' };
      state.links.busySources.push('https://cal/home/');
      state.intents.k = { key: 'k', start: '2031-01-01T10:00:00Z', end: '2031-01-01T11:00:00Z', title: 'A', sentAt: '2031-01-01T09:00:00Z' };
    });
    await app.read(); // parses, validates and caches
    const first = await app.read();
    first.cursors['https://cal/work/'].syncToken = 'changed';
    first.links.busySources.push('https://cal/other/');
    first.intents.k.title = 'changed';
    first.settings.interval = 99;
    const second = await app.read();
    expect(second.cursors['https://cal/work/']).toEqual({ syncToken: 't1' });
    expect(second.links.busySources).toEqual(['https://cal/home/']);
    expect(second.intents.k.title).toBe('A');
    expect(second.settings.interval).not.toBe(99);
  });
});
