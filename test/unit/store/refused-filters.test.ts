// A title filter the checker refuses today may already be in state.json: written by an older build
// whose checker let it pass, or by hand. One such value failed the settings schema and set the whole
// state file aside (every pair, account and link with it). It is dropped where the file is read,
// with a notice naming it; everything else stays.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../../src/main/store/state-store';
import { makeTempDir } from '../../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const slow = `/${'(a|a)'.repeat(22)}b/`;
const calendar = 'https://caldav.example.com/123/calendars/work/';

describe('a refused title filter already in state.json', () => {
  it('is dropped at read with a notice; the other filters, the settings and the state stay', async () => {
    await new StateStore(dir).update((state) => {
      state.settings.interval = 30;
      state.settings.filters = {
        [calendar]: { skipTitles: ['lunch', '/^private/i'], skipAllDay: true, workingHours: '' },
        loc2: { skipTitles: ['gym'], skipAllDay: false, workingHours: '' },
      };
      state.accounts.icloud = { appleId: 'a@b.c', caldavUrl: 'https://x', connectedAt: 'now' };
    });
    const file = path.join(dir, 'state.json');
    const disk = JSON.parse(await fs.readFile(file, 'utf8'));
    disk.settings.filters[calendar].skipTitles.splice(1, 0, slow, '/(unclosed/');
    disk.settings.filters.loc2.skipTitles = [`/${'a?'.repeat(20)}b/`];
    await fs.writeFile(file, JSON.stringify(disk));

    const store = new StateStore(dir);
    const state = await store.read();
    expect(state.settings.interval).toBe(30);
    expect(state.accounts.icloud?.appleId).toBe('a@b.c');
    expect(state.settings.filters[calendar]).toEqual({ skipTitles: ['lunch', '/^private/i'], skipAllDay: true, workingHours: '' });
    // Its only title filter dropped, loc2's filter lets everything cross: it is gone.
    expect(state.settings.filters.loc2).toBeUndefined();
    expect((await fs.readdir(dir)).filter((name) => name.includes('unreadable'))).toEqual([]);
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]).toContain(JSON.stringify(slow));
    expect(store.notices[0]).toContain('"/(unclosed/"');
    expect(store.notices[0]).toMatch(/dropped/);
    // Read again (the app's next cycle): the same notice is not said twice.
    await store.read();
    expect(store.notices).toHaveLength(1);
    // The next write keeps the file without them.
    await store.update(() => undefined);
    expect(JSON.stringify(JSON.parse(await fs.readFile(file, 'utf8')).settings.filters)).not.toContain('(a|a)');
  });

  it('a filter entry of an unknown shape or source is dropped too, never the whole file', async () => {
    await new StateStore(dir).update((state) => {
      state.settings.filters = { loc1: { skipTitles: ['lunch'], skipAllDay: false, workingHours: '' } };
    });
    const file = path.join(dir, 'state.json');
    const disk = JSON.parse(await fs.readFile(file, 'utf8'));
    disk.settings.filters['not a source!'] = { skipTitles: ['x'], skipAllDay: false, workingHours: '' };
    disk.settings.filters.loc3 = { skipTitles: ['x'], skipAllDay: 'yes', workingHours: 'whenever' };
    await fs.writeFile(file, JSON.stringify(disk));
    const store = new StateStore(dir);
    const state = await store.read();
    expect(state.settings.filters).toEqual({ loc1: { skipTitles: ['lunch'], skipAllDay: false, workingHours: '' } });
    expect(store.notices.join(' ')).toMatch(/not a source!.*loc3|loc3.*not a source!/s);
    expect((await fs.readdir(dir)).filter((name) => name.includes('unreadable'))).toEqual([]);
  });
});
