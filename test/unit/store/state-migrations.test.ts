// Every state migration, tested as a chain from a real file: test/fixtures/state/v1-main.json was
// written by the engine of schema 1 after syncing appointments, single events, a series and a busy
// source. Reading it must give the current schema with every pair kept (issue 10), and the compact
// file must read back exactly what was written.
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { icloudItemKey, type PairRecord } from '../../../src/main/store/pair-record';
import { decodeState, diskStateSchema, encodeState } from '../../../src/main/store/state-disk';
import { STATE_SCHEMA_VERSION, type PlatformAccount, type State } from '../../../src/main/store/state-schema';
import { StateStore } from '../../../src/main/store/state-store';
import { makeTempDir } from '../../support/temp-dir';
import { defaultSettings } from '../../../src/shared/settings';

const fixture = path.join(import.meta.dirname, '../../fixtures/state/v1-main.json');
/** Schemas 1 and 2 had one platform account and its calendars in the links. */
type OneLocation = Omit<State, 'accounts' | 'links'> & {
  accounts: { icloud?: State['accounts']['icloud']; platform: Omit<PlatformAccount, 'calendars'> };
  links: State['links'] & { platformCalendars: string[] | null };
};
const v1 = JSON.parse(readFileSync(fixture, 'utf8')) as OneLocation;
const v2 = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../fixtures/state/v2-main.json'), 'utf8')) as Omit<OneLocation, 'pairs'> & { pairs: unknown[] };
const location = v1.accounts.platform.locationId;

/** What schema 3 makes of the one location: an account by id, with its calendars. */
function severalLocations(old: OneLocation | typeof v2): { accounts: State['accounts']; links: State['links'] } {
  const { platformCalendars, ...links } = old.links;
  return { accounts: { icloud: old.accounts.icloud, platforms: { [old.accounts.platform.locationId]: { ...old.accounts.platform, calendars: platformCalendars } } }, links };
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('state-migration-')));
afterEach(() => cleanup());

async function readThroughStore(doc: unknown): Promise<{ state: State; store: StateStore }> {
  await fs.writeFile(path.join(dir, 'state.json'), JSON.stringify(doc));
  const store = new StateStore(dir);
  const state = await store.read();
  expect(store.notices, 'the file was not kept aside as unreadable').toEqual([]);
  return { state, store };
}

describe('state migrations from a real schema-1 file', () => {
  it('the fixture is what it claims: schema 1, appointments, single events, a series and a busy source', () => {
    expect(v1.schemaVersion).toBe(1);
    const pairs = Object.values(v1.pairs);
    expect(pairs.filter((p) => p.owner === 'platform')).toHaveLength(2);
    expect(pairs.filter((p) => p.icloud?.recurrenceId)).toHaveLength(4);
    expect(pairs.filter((p) => p.icloud?.source === 'busy')).toHaveLength(1);
  });

  it(`reads as schema ${STATE_SCHEMA_VERSION} with every pair kept, iCloud items keyed by href (+ RECURRENCE-ID)`, async () => {
    const { state } = await readThroughStore(v1);
    expect(state.schemaVersion).toBe(STATE_SCHEMA_VERSION);
    const before = Object.values(v1.pairs);
    const after = Object.values(state.pairs);
    expect(after).toHaveLength(before.length);
    for (const old of before) {
      const now = after.find((p) => p.platformId === old.platformId);
      expect(now, `pair of ${old.key}`).toBeDefined();
      const { key: _oldKey, ...rest } = old;
      const { key, ...kept } = now!;
      expect(kept, `everything but the key of ${old.key} is kept, and the pair knows its location`).toEqual({ ...rest, locationId: location });
      expect(key).toBe(old.owner === 'icloud' ? icloudItemKey(old.icloud!.href, old.icloud!.recurrenceId) : old.key);
    }
    expect(state.objects).toEqual(v1.objects);
    expect(state.cursors).toEqual(v1.cursors);
    expect({ accounts: state.accounts, links: state.links }).toEqual(severalLocations(v1));
    // Settings added since schema 1 (invitationsBlock) read as their defaults; every stored one is kept.
    expect(state.settings).toEqual({ ...defaultSettings, ...v1.settings });
    expect(state.settings.invitationsBlock).toBe('unanswered');
    expect(state.windowDay).toBe(v1.windowDay);
  });

  it('moves a schema-1 intent (keyed by UID) to the href of the one object with that UID', async () => {
    const [href, object] = Object.entries(v1.objects).find(([, o]) => !o.uid?.includes('@icloud-sync'))!;
    const intent = { key: object.uid!, start: '2026-12-09T10:00:00.000Z', end: '2026-12-09T11:00:00.000Z', title: 'Lunch', sentAt: '2026-12-01T20:00:00.000Z' };
    const { state } = await readThroughStore({ ...v1, intents: { [intent.key]: intent } });
    expect(state.intents).toEqual({ [href]: { ...intent, key: href, locationId: location } });
  });

  it('writes the compact file and reads back exactly the same state', async () => {
    const { state, store } = await readThroughStore(v1);
    await store.update(() => undefined);
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, 'state.json'), 'utf8')) as unknown;
    expect(diskStateSchema.safeParse(onDisk).success).toBe(true);
    expect(await store.read()).toEqual(state);
    expect(decodeState(encodeState(state))).toEqual(state);
    // No full URL repeated: each calendar URL once in the table (the links and accounts name theirs too).
    const text = JSON.stringify(onDisk);
    for (const url of Object.keys(v1.cursors)) expect(text.split(url).length - 1, url).toBeLessThanOrEqual(3);
    expect(text.length, 'the compact file is smaller than the schema-1 one').toBeLessThan(JSON.stringify(v1).length * 0.6);
  });

  it('keeps what cannot be derived: a moved pair, an etag or UID that differs from its object, uneven hashes, a conflict', async () => {
    const { state } = await readThroughStore(v1);
    const [first, second] = Object.values(state.pairs).filter((p) => p.owner === 'icloud' && !p.icloud!.recurrenceId);
    const moved: PairRecord = { ...first, key: 'the-old-key', icloud: { ...first.icloud!, etag: '"other"', uid: 'another-uid' }, hashes: { icloud: 'a', platform: 'b' } };
    const held: PairRecord = {
      ...second, status: 'conflict', allDay: true,
      conflict: { detectedAt: 'x', changed: ['title'], icloud: { title: 'A', start: second.start, end: second.end, allDay: false }, platform: { title: 'B', start: second.start, end: second.end, allDay: false } },
    };
    const changed: State = { ...state, pairs: { ...state.pairs, [moved.key]: moved, [held.key]: held } };
    delete changed.pairs[first.key];
    expect(decodeState(diskStateSchema.parse(JSON.parse(JSON.stringify(encodeState(changed)))))).toEqual(changed);
  });

  it('a pair of a location added later keeps its location and key through the compact file', async () => {
    const { state } = await readThroughStore(v1);
    const [block] = Object.values(state.pairs).filter((p) => p.owner === 'icloud');
    state.accounts.platforms['loc-b'] = { ...state.accounts.platforms[location]!, locationId: 'loc-b', pairSuffix: '|loc-b', connectedAt: '2030-01-01T00:00:00.000Z' };
    const other: PairRecord = { ...block, key: `${block.key}|loc-b`, locationId: 'loc-b', platformId: 'slot-in-b' };
    state.pairs[other.key] = other;
    const disk = encodeState(state);
    expect(disk.pairs.find((p) => p.p === 'slot-in-b')).toMatchObject({ k: other.key, l: 'loc-b' });
    expect(disk.pairs.filter((p) => p.l !== undefined), 'the first location\'s pairs name no location').toHaveLength(1);
    expect(decodeState(diskStateSchema.parse(JSON.parse(JSON.stringify(disk))))).toEqual(state);
  });

  it('keeps aside a compact file that names a calendar it does not list', async () => {
    const { state } = await readThroughStore(v1);
    const broken = encodeState(state);
    broken.calendars = [];
    await fs.writeFile(path.join(dir, 'state.json'), JSON.stringify(broken));
    const store = new StateStore(dir);
    expect(Object.keys((await store.read()).pairs)).toHaveLength(0);
    expect(store.notices.join(' ')).toMatch(/kept as .*unreadable/);
  });
});

describe('state migration from a real schema-2 file (today\'s main, one location)', () => {
  it('the fixture is what it claims: the compact file of schema 2 with one platform account', () => {
    expect(v2.schemaVersion).toBe(2);
    expect(v2.accounts.platform.locationId).toBeTruthy();
    expect(v2.pairs.length).toBeGreaterThan(5);
  });

  it(`reads as schema ${STATE_SCHEMA_VERSION}: the location becomes an account by id, every pair kept under its key and knows its location`, async () => {
    const { state } = await readThroughStore(v2);
    expect(state.schemaVersion).toBe(STATE_SCHEMA_VERSION);
    expect({ accounts: state.accounts, links: state.links }).toEqual(severalLocations(v2));
    // Its keys stay plain (the first location's): the report's `pair` and every stored key read as before.
    expect(state.accounts.platforms[v2.accounts.platform.locationId]!.pairSuffix).toBeUndefined();
    const pairs = Object.values(state.pairs);
    expect(pairs).toHaveLength(v2.pairs.length);
    expect(pairs.every((pair) => pair.locationId === v2.accounts.platform.locationId)).toBe(true);
    for (const pair of pairs) {
      expect(pair.key).toBe(pair.owner === 'icloud' ? icloudItemKey(pair.icloud!.href, pair.icloud!.recurrenceId) : `appt:${pair.platformId}`);
    }
    // Written back, the pairs are exactly as compact as before (no location repeated on each).
    await (await readThroughStore(v2)).store.update(() => undefined);
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, 'state.json'), 'utf8')) as { pairs: Record<string, unknown>[] };
    expect(onDisk.pairs).toEqual(v2.pairs);
  });
});

const v3 = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../fixtures/state/v3-main.json'), 'utf8')) as Omit<State, 'schemaVersion' | 'pairs'> & { schemaVersion: number; pairs: Record<string, unknown>[] };

describe('state migration from a real schema-3 file (main before a location had its own iCloud calendar)', () => {
  it('the fixture is what it claims: schema 3, locations by id, appointments and blocked slots', () => {
    expect(v3.schemaVersion).toBe(3);
    expect(Object.keys(v3.accounts.platforms)).toHaveLength(1);
    expect(v3.pairs.filter((pair) => pair.o === 'platform').length).toBeGreaterThan(0);
    expect(v3.pairs.length).toBeGreaterThan(5);
  });

  it(`reads as schema ${STATE_SCHEMA_VERSION} with nothing moved: every location on the linked calendar, every pair, key and copy kept`, async () => {
    const { state, store } = await readThroughStore(v3);
    expect(state.schemaVersion).toBe(STATE_SCHEMA_VERSION);
    expect(state.accounts).toEqual(v3.accounts);
    expect(Object.values(state.accounts.platforms).every((account) => account.icloudCalendar === undefined), 'every location keeps the linked calendar').toBe(true);
    expect(state.links).toEqual(v3.links);
    const pairs = Object.values(state.pairs);
    expect(pairs).toHaveLength(v3.pairs.length);
    expect(pairs.filter((pair) => pair.owner === 'platform').every((pair) => pair.icloud!.calendarUrl === v3.links.icloudCalendar), 'every copy stays in the linked calendar').toBe(true);
    expect(pairs.some((pair) => pair.movedFrom), 'no copy is being moved').toBe(false);
    // Written back, the pairs are exactly as compact as schema 3 wrote them.
    await store.update(() => undefined);
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, 'state.json'), 'utf8')) as { pairs: Record<string, unknown>[]; schemaVersion: number };
    expect(onDisk.schemaVersion).toBe(STATE_SCHEMA_VERSION);
    expect(onDisk.pairs).toEqual(v3.pairs);
  });

  it('a location\'s own calendar and a copy being moved survive the compact file', async () => {
    const { state } = await readThroughStore(v3);
    const [account] = Object.values(state.accounts.platforms);
    account!.icloudCalendar = 'http://127.0.0.1:1/alice/clinic/';
    const [appointment] = Object.values(state.pairs).filter((pair) => pair.owner === 'platform');
    state.pairs[appointment!.key] = { ...appointment!, movedFrom: { href: `${v3.links.icloudCalendar}old.ics`, etag: '"e1"', calendarUrl: v3.links.icloudCalendar! } };
    const disk = encodeState(state);
    expect(disk.pairs.find((pair) => pair.mv)?.mv?.[1], 'the old copy\'s href is written as it is').toBe(`${v3.links.icloudCalendar}old.ics`);
    expect(decodeState(diskStateSchema.parse(JSON.parse(JSON.stringify(disk))))).toEqual(state);
  });
});
