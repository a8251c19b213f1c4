// Issue 16: a state.json this build stamped is decoded lazily — its two large maps (objects, pairs)
// are built on first use, so a cycle's requests leave before that work (state-disk.ts). The state
// must be the same value either way, whatever is done with it first; any other file is decoded at
// once, so a shape error still sets it aside at its read.
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeState, encodeState, type DiskState } from '../../../src/main/store/state-disk';
import type { State } from '../../../src/main/store/state-schema';
import { StateStore } from '../../../src/main/store/state-store';
import { signText } from '../../../src/main/store/writer-stamp';
import { makeTempDir } from '../../support/temp-dir';

const fixture = path.join(import.meta.dirname, '../../fixtures/state/v1-main.json');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('state-lazy-')));
afterEach(() => cleanup());

/** The fixture (a real file of schema 1, several pairs) as this build writes it, and its decoded state. */
async function ownFile(writer = 'build-a'): Promise<{ disk: DiskState; eager: State }> {
  await fs.writeFile(path.join(dir, 'state.json'), readFileSync(fixture, 'utf8'));
  await new StateStore(dir, {}, writer).update(() => undefined);
  const text = await fs.readFile(path.join(dir, 'state.json'), 'utf8');
  const { written: _stamp, ...disk } = JSON.parse(text) as DiskState & { written: string };
  return { disk, eager: decodeState(disk) };
}

const isBuilt = (state: State, name: 'objects' | 'pairs') => 'value' in Object.getOwnPropertyDescriptor(state, name)!;

describe('the lazy decode of a state file this build wrote', () => {
  it('gives the same state as the eager decode, in any order of use', async () => {
    const { disk, eager } = await ownFile();
    expect(Object.keys(eager.pairs).length).toBeGreaterThan(5);
    expect(decodeState(disk, { lazy: true })).toEqual(eager);
    const pairsFirst = decodeState(disk, { lazy: true });
    expect(pairsFirst.pairs).toEqual(eager.pairs);
    expect(pairsFirst.objects).toEqual(eager.objects);
    const objectsFirst = decodeState(disk, { lazy: true });
    expect(objectsFirst.objects).toEqual(eager.objects);
    expect(objectsFirst.pairs).toEqual(eager.pairs);
    // What the store, a preview's copy and a save do with it.
    expect(JSON.stringify(decodeState(disk, { lazy: true }))).toBe(JSON.stringify(eager));
    expect(structuredClone(decodeState(disk, { lazy: true }))).toEqual(eager);
    expect(encodeState(decodeState(disk, { lazy: true }))).toEqual(encodeState(eager));
    expect({ ...decodeState(disk, { lazy: true }) }).toEqual({ ...eager });
  });

  it('builds nothing until the maps are used, then holds them as plain properties', async () => {
    const { disk } = await ownFile();
    const lazy = decodeState(disk, { lazy: true });
    expect(isBuilt(lazy, 'pairs')).toBe(false);
    expect(isBuilt(lazy, 'objects')).toBe(false);
    expect(lazy.settings.interval).toBeGreaterThan(0); // the small parts are there at once
    const pairs = lazy.pairs;
    expect(isBuilt(lazy, 'pairs')).toBe(true);
    expect(lazy.pairs, 'built once, the same map after').toBe(pairs);
    expect(isBuilt(decodeState(disk), 'pairs'), 'the eager decode').toBe(true);
  });

  it('a map replaced before it was read: the other one is still the file\'s', async () => {
    const { disk, eager } = await ownFile();
    const lazy = decodeState(disk, { lazy: true });
    lazy.pairs = {};
    expect(lazy.pairs).toEqual({});
    expect(lazy.objects).toEqual(eager.objects);
    const other = decodeState(disk, { lazy: true });
    other.objects = {};
    expect(other.pairs).toEqual(eager.pairs);
    expect(other.objects).toEqual({});
  });

  it('changes to one read never reach the next read of the same file (the app\'s cache decodes it again)', async () => {
    await ownFile();
    const store = new StateStore(dir, {}, 'build-a');
    const first = await store.read();
    const [key] = Object.keys(first.pairs);
    first.pairs[key]!.title = 'changed in memory';
    delete first.objects[Object.keys(first.objects)[0]!];
    const second = await store.read();
    expect(second.pairs[key]!.title).not.toBe('changed in memory');
    expect(Object.keys(second.objects)).toHaveLength(Object.keys(first.objects).length + 1);
  });

  it('a save that never touched the pairs keeps every one of them', async () => {
    const { eager } = await ownFile();
    const store = new StateStore(dir, {}, 'build-a');
    await store.update((state) => void (state.settings.interval = 45));
    const after = await new StateStore(dir, {}, 'build-a').read();
    expect(after.settings.interval).toBe(45);
    expect(after.pairs).toEqual(eager.pairs);
    expect(after.objects).toEqual(eager.objects);
  });

  it('only for our own writes: another build\'s file is decoded at once, and a broken one set aside at its read', async () => {
    const { disk } = await ownFile('build-b');
    const read = await new StateStore(dir, {}, 'build-a').read();
    expect(isBuilt(read, 'pairs'), 'another build\'s file').toBe(true);
    const own = await new StateStore(dir, {}, 'build-b').read();
    expect(isBuilt(own, 'pairs'), 'its own').toBe(false);
    // A pair naming a calendar the file does not list, stamped by another build: set aside at the read.
    const broken = { ...disk, calendars: [] };
    await fs.writeFile(path.join(dir, 'state.json'), signText(JSON.stringify(broken), 'build-b'));
    const store = new StateStore(dir, {}, 'build-a');
    expect(Object.keys((await store.read()).pairs)).toHaveLength(0);
    expect(store.notices.join(' ')).toMatch(/kept as .*unreadable/);
  });
});
