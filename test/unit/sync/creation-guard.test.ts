// The creation guard (DESIGN §1, issue 10): a burst of new blocked slots in a calendar that already
// finished its first sync pauses and asks; a first sync never does. "Don't create them" leaves the
// events in iCloud without slots and stops following them until the user follows one again.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { creationGuard } from '../../../src/main/sync/guards';
import { followAgain, keepPending, listUnfollowed } from '../../../src/main/sync/unfollowed';
import { MEMORY_CALENDAR, createMemoryEngine } from '../../support/memory-sides';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

const NOW = new Date('2030-01-10T08:00:00Z');
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** One single event per half hour from the day after tomorrow on, numbered from `first`. */
function putEvents(e: Awaited<ReturnType<typeof createMemoryEngine>>, first: number, count: number): void {
  for (let i = first; i < first + count; i++) {
    const start = NOW.getTime() + 2 * 86_400_000 + i * 30 * 60_000;
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', `UID:burst-${i}`, 'DTSTAMP:20300101T000000Z',
      `DTSTART:${stamp(start)}`, `DTEND:${stamp(start + 20 * 60_000)}`, `SUMMARY:Imported ${i}`, 'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\r\n');
    e.icloud.userPut(MEMORY_CALENDAR, `burst-${i}.ics`, ics);
  }
}

async function engine() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'creation-guard-'));
  dirs.push(dir);
  return createMemoryEngine({ dataDir: dir, now: () => NOW });
}

const uniqueStarts = (blocks: { startTime?: unknown }[]) => new Set(blocks.map((b) => String(b.startTime))).size;

describe('the creation guard', () => {
  it('never stops a first sync, however many slots it makes', async () => {
    const e = await engine();
    putEvents(e, 0, 120);
    const report = await e.sync();
    expect(report.outcome).toBe('ok');
    expect(e.platform.blocks()).toHaveLength(120);
  });

  it(`stops a later burst of more than ${creationGuard.maxCount} new slots, listing them; exactly ${creationGuard.maxCount} goes through`, async () => {
    const e = await engine();
    putEvents(e, 0, 5);
    expect((await e.sync()).outcome).toBe('ok');
    putEvents(e, 5, creationGuard.maxCount);
    expect((await e.sync()).outcome).toBe('ok');
    expect(e.platform.blocks()).toHaveLength(5 + creationGuard.maxCount);

    putEvents(e, 100, creationGuard.maxCount + 1);
    const guarded = await e.sync();
    expect(guarded.outcome).toBe('guarded');
    expect(guarded.error).toMatchObject({ kind: 'guard', message: expect.stringMatching(/--allow-creations.*--skip-creations/) });
    expect(guarded.guard?.kind).toBe('creations');
    expect(guarded.guard?.items).toHaveLength(creationGuard.maxCount + 1);
    expect(guarded.guard?.items[0]).toMatchObject({ title: 'Imported 100', side: 'platform', allDay: false });
    expect(e.platform.blocks(), 'nothing was created').toHaveLength(5 + creationGuard.maxCount);
    // Still guarded on the next scheduled cycle: nothing decided yet.
    expect((await e.sync()).outcome).toBe('guarded');
  });

  it('"Create them" creates every one, once', async () => {
    const e = await engine();
    putEvents(e, 0, 3);
    await e.sync();
    putEvents(e, 3, 80);
    expect((await e.sync()).outcome).toBe('guarded');
    const allowed = await e.sync({ allowCreations: true });
    expect(allowed.outcome).toBe('ok');
    expect(allowed.counts.platform.created).toBe(80);
    expect(e.platform.blocks()).toHaveLength(83);
    expect(uniqueStarts(e.platform.blocks())).toBe(83);
    expect((await e.sync()).counts.platform.created).toBe(0);
  });

  it('"Don\'t create them" makes none, durably, until one is followed again', async () => {
    const e = await engine();
    putEvents(e, 0, 3);
    await e.sync();
    putEvents(e, 3, 60);
    expect((await e.sync()).outcome).toBe('guarded');
    const kept = await e.store.update((state) => void keepPending(state, NOW));
    expect(listUnfollowed(kept)).toHaveLength(60);
    for (let run = 0; run < 2; run++) {
      const report = await e.sync();
      expect(report.outcome).toBe('ok');
      expect(report.counts.platform.created).toBe(0);
    }
    expect(e.platform.blocks()).toHaveLength(3);

    const [first] = listUnfollowed(await e.store.read());
    await e.store.update((state) => void followAgain(state, first.key));
    const followed = await e.sync();
    expect(followed.outcome).toBe('ok');
    expect(followed.counts.platform.created).toBe(1);
    expect(e.platform.blocks()).toHaveLength(4);
    expect(listUnfollowed(await e.store.read())).toHaveLength(59);
  });
});
