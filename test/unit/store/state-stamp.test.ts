// Issue 16: state.json written by this build carries a stamp (writer-stamp.ts) and is read back
// without the full schema check; any other file — edited by hand, another build's, unstamped — is
// checked in full and set aside exactly as before when it fails.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATE_SCHEMA_VERSION } from '../../../src/main/store/state-schema';
import { StateStore } from '../../../src/main/store/state-store';
import { signedBody, signText } from '../../../src/main/store/writer-stamp';
import { makeTempDir } from '../../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  file = path.join(dir, 'state.json');
});
afterEach(() => cleanup());

/** The file as a build `writer` would have written it, with `change` made to its content first. */
async function rewriteAs(writer: string, change: (doc: Record<string, unknown>) => void): Promise<void> {
  const doc = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  delete doc.written;
  change(doc);
  await fs.writeFile(file, signText(JSON.stringify(doc), writer));
}

const aside = async () => (await fs.readdir(dir)).filter((name) => name.startsWith('state.unreadable-'));

describe('the writer stamp on state.json', () => {
  it('is written first in the file, with the build and a digest of the rest', async () => {
    await new StateStore(dir, {}, 'build-a').update((state) => void (state.settings.interval = 30));
    const text = await fs.readFile(file, 'utf8');
    expect(text).toMatch(new RegExp(`^\\{"written":"build-a [\\w-]+","schemaVersion":${STATE_SCHEMA_VERSION},`));
    expect(JSON.parse(signedBody(text, 'build-a')!).settings.interval).toBe(30);
    expect(signedBody(text, 'build-b')).toBeUndefined();
  });

  it("skips the schema check for this build's own file, unchanged since", async () => {
    await new StateStore(dir, {}, 'build-a').update((state) => void (state.settings.interval = 30));
    // Shown by what the check would refuse: the same build's stamp over a value the schema rejects.
    await rewriteAs('build-a', (doc) => ((doc.settings as Record<string, unknown>).interval = 'thirty'));
    const store = new StateStore(dir, {}, 'build-a');
    expect((await store.read()).settings.interval).toBe('thirty');
    expect(store.notices).toEqual([]);
    expect(await aside()).toEqual([]);
  });

  it('checks in full a file edited after it was written, and sets it aside as before', async () => {
    await new StateStore(dir, {}, 'build-a').update((state) => void (state.settings.interval = 30));
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('"interval":30', '"interval":"x"'));
    const store = new StateStore(dir, {}, 'build-a');
    expect((await store.read()).settings.interval).toBe(5);
    expect(store.notices[0]).toMatch(/content is not valid \(settings/);
    expect(await aside()).toHaveLength(1);
  });

  it("checks in full another build's file (its schema may differ), and sets it aside as before", async () => {
    await new StateStore(dir, {}, 'build-a').update((state) => void (state.settings.interval = 30));
    await rewriteAs('build-b', (doc) => ((doc.settings as Record<string, unknown>).interval = 'thirty'));
    const store = new StateStore(dir, {}, 'build-a');
    expect((await store.read()).settings.interval).toBe(5);
    expect(store.notices[0]).toMatch(/content is not valid \(settings/);
    expect(await aside()).toHaveLength(1);
  });

  it("reads another build's valid file, and an unstamped one, after checking them", async () => {
    await new StateStore(dir, {}, 'build-b').update((state) => void (state.settings.interval = 30));
    expect((await new StateStore(dir, {}, 'build-a').read()).settings.interval).toBe(30);
    const doc = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    delete doc.written;
    await fs.writeFile(file, JSON.stringify(doc));
    const store = new StateStore(dir, {}, 'build-a');
    expect((await store.read()).settings.interval).toBe(30);
    expect(store.notices).toEqual([]);
  });

  it('checks in full a stamped file of an older schema version (migrated first)', async () => {
    await new StateStore(dir, {}, 'build-a').update(() => undefined);
    await fs.writeFile(file, signText(JSON.stringify({ schemaVersion: 0, settings: { interval: 42 } }), 'build-a'));
    const state = await new StateStore(dir, {}, 'build-a').read();
    expect(state.settings.interval).toBe(42);
    expect(state.settings.pastDays).toBe(7);
  });
});
