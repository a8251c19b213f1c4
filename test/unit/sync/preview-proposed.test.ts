// A preview with proposed settings or calendars (Settings → "This change will …", `set --dry-run`):
// it plans against a scratch copy holding the proposed values, reports what the sync after saving
// them does, and saves nothing — not the values, not the state, not a history entry, no write to a side.
import { afterEach, expect, it } from 'vitest';
import { RequestCounter } from '../../../src/main/request-counter';
import type { RunItem, RunReport } from '../../../src/shared/run-report';
import type { Settings } from '../../../src/shared/settings';
import { SyncService } from '../../../src/main/sync/sync-service';
import { createMemoryEngine, MEMORY_CALENDAR, MEMORY_PLATFORM_CALENDAR } from '../../support/memory-sides';
import { makeTempDir } from '../../support/temp-dir';

const NOW = new Date('2030-01-10T08:00:00Z');
const DAY = 86_400_000;
const utc = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function ics(uid: string, title: string, start: number, extra: string[] = []): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${utc(NOW.getTime())}`,
    `DTSTART:${utc(start)}`, `DTEND:${utc(start + 3_600_000)}`, `SUMMARY:${title}`, ...extra, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function world(settings: Partial<Settings>) {
  const temp = await makeTempDir('preview-proposed-');
  cleanups.push(temp.cleanup);
  const engine = await createMemoryEngine({ dataDir: temp.dir, now: () => NOW, settings });
  const service = new SyncService({
    store: engine.store, history: engine.history, codec: engine.codec, counter: new RequestCounter(),
    now: () => NOW, sides: async () => ({ icloud: engine.icloud, platform: engine.platform }),
  });
  const preview = (proposed: NonNullable<Parameters<SyncService['run']>[1]>['proposed']) => service.run('manual', { dryRun: true, proposed }).report;
  return { ...engine, service, preview };
}

const itemsOf = (report: RunReport) => report.items.map((i: RunItem) => `${i.op} ${i.side} ${i.title}`).sort();

/** Everything a preview must leave alone: the saved state, the history, both sides' contents. */
async function untouched(w: Awaited<ReturnType<typeof world>>) {
  return JSON.stringify({ state: await w.store.read(), history: await w.history.list(100), icloud: [...w.icloud.objects], platform: [...w.platform.events] });
}

it('a wider window previews the blocked slots the sync after saving it creates, and saves nothing', async () => {
  const w = await world({ futureDays: 10 });
  w.icloud.userPut(MEMORY_CALENDAR, 'near.ics', ics('near', 'Near', NOW.getTime() + 2 * DAY));
  w.icloud.userPut(MEMORY_CALENDAR, 'far.ics', ics('far', 'Far', NOW.getTime() + 40 * DAY));
  w.platform.book({ userId: 'user-me', calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Far booking', startTime: new Date(NOW.getTime() + 50 * DAY).toISOString(), endTime: new Date(NOW.getTime() + 50 * DAY + 3_600_000).toISOString() });
  expect((await w.sync()).counts.platform.created).toBe(1);

  const before = await untouched(w);
  const preview = await w.preview({ settings: { futureDays: 60 } });
  expect(preview.dryRun).toBe(true);
  expect(preview.counts.platform.created).toBe(1);
  expect(preview.counts.icloud.created).toBe(1);
  expect(itemsOf(preview)).toEqual(['create icloud Far booking', 'create platform Far']);
  expect(await untouched(w)).toBe(before);
  expect((await w.store.read()).settings.futureDays).toBe(10);

  await w.store.update((state) => { state.settings.futureDays = 60; });
  const real = await w.sync();
  expect(real.counts).toEqual(preview.counts);
  expect(itemsOf(real)).toEqual(itemsOf(preview));
});

it('free events that block time: the preview shows their slots; saved, the sync makes the same', async () => {
  const w = await world({ freeEventsBlock: false });
  w.icloud.userPut(MEMORY_CALENDAR, 'free.ics', ics('free', 'Lunch', NOW.getTime() + DAY, ['TRANSP:TRANSPARENT']));
  expect((await w.sync()).counts.platform.created).toBe(0);

  const before = await untouched(w);
  const preview = await w.preview({ settings: { freeEventsBlock: true } });
  expect(itemsOf(preview)).toEqual(['create platform Lunch']);
  expect(await untouched(w)).toBe(before);

  await w.store.update((state) => { state.settings.freeEventsBlock = true; });
  expect(itemsOf(await w.sync())).toEqual(itemsOf(preview));
});

it('says where the creation guard would stop the cycle with the proposed window', async () => {
  const w = await world({ futureDays: 5 });
  for (let i = 0; i < 60; i++) w.icloud.userPut(MEMORY_CALENDAR, `e${i}.ics`, ics(`e${i}`, `Event ${i}`, NOW.getTime() + (10 + i) * DAY));
  await w.sync();

  const before = await untouched(w);
  const preview = await w.preview({ settings: { futureDays: 90 } });
  expect(preview).toMatchObject({ dryRun: true, outcome: 'guarded', error: { kind: 'guard' } });
  expect(preview.guard?.items).toHaveLength(60);
  expect(await untouched(w)).toBe(before);
});

it('another linked calendar is previewed from a new baseline, as linking it would leave the state', async () => {
  const w = await world({});
  const other = 'mem://icloud/alice/home/';
  w.icloud.userPut(MEMORY_CALENDAR, 'work.ics', ics('work', 'Work thing', NOW.getTime() + DAY));
  w.icloud.userPut(other, 'home.ics', ics('home', 'Home thing', NOW.getTime() + 2 * DAY));
  await w.sync();

  const before = await untouched(w);
  const preview = await w.preview({ links: { icloud: other, busy: [], platformCalendars: [MEMORY_PLATFORM_CALENDAR] } });
  // A new baseline: the old calendar's slot is not judged (never a mass deletion), the new one's is made.
  expect(itemsOf(preview)).toContain('create platform Home thing');
  expect(preview.counts.platform.deleted).toBe(0);
  expect(await untouched(w)).toBe(before);
  expect((await w.store.read()).links.icloudCalendar).toBe(MEMORY_CALENDAR);
});
