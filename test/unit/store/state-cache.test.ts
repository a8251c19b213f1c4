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
});
