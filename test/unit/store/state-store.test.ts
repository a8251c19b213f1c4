import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../../src/main/store/state-store';
import { STATE_SCHEMA_VERSION, initialState } from '../../../src/main/store/state-schema';
import { MigrationError, migrate } from '../../../src/main/store/migrations';
import { makeTempDir } from '../../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

describe('StateStore', () => {
  it('starts from the initial state when there is no file, and persists updates', async () => {
    const store = new StateStore(dir);
    expect(await store.read()).toEqual(initialState());
    await store.update((state) => {
      state.settings.interval = 30;
      state.accounts.icloud = { appleId: 'a@b.c', caldavUrl: 'https://x', connectedAt: 'now' };
    });
    const reread = await new StateStore(dir).read();
    expect(reread.settings.interval).toBe(30);
    expect(reread.accounts.icloud?.appleId).toBe('a@b.c');
  });

  it('keeps a corrupt state file aside, reports it, and never overwrites it', async () => {
    const file = path.join(dir, 'state.json');
    await fs.writeFile(file, '{"schemaVersion": 1, "settings": {"interval": 5');
    const store = new StateStore(dir);
    expect(await store.read()).toEqual(initialState());
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]).toMatch(/state\.json could not be read because it is not valid JSON.*kept as .*state\.unreadable-/);
    const aside = (await fs.readdir(dir)).filter((name) => name.startsWith('state.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(await fs.readFile(path.join(dir, aside[0]), 'utf8')).toBe('{"schemaVersion": 1, "settings": {"interval": 5');
  });

  it('keeps aside a file whose content fails the schema', async () => {
    await fs.writeFile(path.join(dir, 'state.json'), JSON.stringify({ ...initialState(), settings: { interval: 'x' } }));
    const store = new StateStore(dir);
    await store.read();
    expect(store.notices[0]).toMatch(/content is not valid \(settings/);
  });

  it('refuses a file written by a newer version instead of downgrading it', async () => {
    const file = path.join(dir, 'state.json');
    await fs.writeFile(file, JSON.stringify({ ...initialState(), schemaVersion: 99 }));
    await expect(new StateStore(dir).read()).rejects.toThrow(/newer version of the app/);
    expect(JSON.parse(await fs.readFile(file, 'utf8')).schemaVersion).toBe(99);
  });

  it('migrates an unversioned file through the migration hook', async () => {
    await fs.writeFile(path.join(dir, 'state.json'), JSON.stringify({ settings: { interval: 42 } }));
    const state = await new StateStore(dir).read();
    expect(state.schemaVersion).toBe(STATE_SCHEMA_VERSION);
    expect(state.settings.interval).toBe(42);
    expect(state.settings.pastDays).toBe(7);
  });

  it('runs migrations step by step and fails clearly on a gap', () => {
    const steps = { 0: (d: Record<string, unknown>) => ({ ...d, a: 1 }), 1: (d: Record<string, unknown>) => ({ ...d, b: 2 }) };
    expect(migrate({}, 2, steps)).toEqual({ a: 1, b: 2, schemaVersion: 2 });
    expect(() => migrate({ schemaVersion: 1 }, 3, steps)).toThrow(MigrationError);
  });

  it('writes atomically: no temp file is left and the file is always complete JSON', async () => {
    const store = new StateStore(dir);
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.update((s) => void (s.settings.interval = i + 1))));
    const files = await fs.readdir(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, 'state.json'), 'utf8'));
    expect(onDisk.settings.interval).toBeGreaterThanOrEqual(1);
  });

  it('serialises concurrent updates through the lock, losing none', async () => {
    const store = new StateStore(dir);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.update((s) => {
          s.links.busySources.push(`cal-${i}`);
        }),
      ),
    );
    expect((await store.read()).links.busySources.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `cal-${i}`).sort());
  });

  it('keeps the data directory private to the user', async () => {
    const nested = path.join(dir, 'nested');
    await new StateStore(nested).update(() => undefined);
    expect((await fs.stat(nested)).mode & 0o777).toBe(0o700);
  });
});
