// Bounded work, as a user meets it (issue 10): one event in iCloud that repeats every second, for
// ever, must not flood the platform. It blocks at most the cap's worth of slots, fast, and the run
// report says the series was capped; state stays the size of what is synced.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OCCURRENCE_CAP } from '../../../src/main/icloud';
import { icsEvent } from '../../support/sync-world';
import { expectNoDuplicates, inWorld, skipWithoutRadicale, totalWrites } from './helpers';

const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}/, '');

describe.skipIf(skipWithoutRadicale)('a runaway recurring event', () => {
  it('FREQ=SECONDLY without an end: capped, reported, fast — and left alone by the next cycle', async () => {
    await inWorld({}, async (world) => {
      const start = Date.now() - 3_600_000;
      await world.icloud.put('work', 'hostile.ics', icsEvent('hostile', { title: 'Every second', start: stamp(start), end: stamp(start + 1000), lines: ['RRULE:FREQ=SECONDLY'] }));
      const begun = performance.now();
      const begunAt = Date.now();
      const report = await world.sync();
      const elapsedMs = performance.now() - begun;

      expect(report.outcome).toBe('ok');
      expect(report.counts.platform.created).toBe(OCCURRENCE_CAP);
      expect(world.platform.blocks()).toHaveLength(OCCURRENCE_CAP);
      const notices = report.items.filter((item) => item.op === 'notice');
      expect(notices).toEqual([
        expect.objectContaining({ op: 'notice', side: 'icloud', title: 'Every second', reason: expect.stringContaining(`only the ${OCCURRENCE_CAP} occurrences nearest to now`) }),
      ]);
      // The slots kept are the ones from now on, not the past hour's.
      expect(Math.min(...world.platform.blocks().map((b) => b.endMs))).toBeGreaterThan(begunAt);
      expect(elapsedMs, 'one cycle').toBeLessThan(30_000);
      // State in proportion to what is synced (a few hundred bytes a pair), not to what the rule describes.
      expect(statSync(join(world.dataDir, 'state.json')).size / OCCURRENCE_CAP).toBeLessThan(2048);
      expectNoDuplicates(world);

      const again = await world.sync();
      expect(again.outcome).toBe('ok');
      expect(totalWrites(again)).toBe(0);
    });
  }, 120_000);

  it('FREQ=HOURLY;COUNT=1000000: capped with a notice, not 2,000-odd slots without a word', async () => {
    await inWorld({}, async (world) => {
      const start = Date.now() - 3_600_000;
      await world.icloud.put('work', 'hourly.ics', icsEvent('hourly', { title: 'Every hour', start: stamp(start), end: stamp(start + 1_800_000), lines: ['RRULE:FREQ=HOURLY;COUNT=1000000'] }));
      const report = await world.sync();
      expect(report.counts.platform.created).toBe(OCCURRENCE_CAP);
      expect(report.items.filter((item) => item.op === 'notice').map((item) => item.title)).toEqual(['Every hour']);
    });
  }, 120_000);
});

describe.skipIf(skipWithoutRadicale)('texts longer than the platform accepts', () => {
  it('an iCloud title of 400 characters blocks time under a title cut to 255, says so once, and stays put', async () => {
    await inWorld({}, async (world) => {
      const long = `Quarterly planning ${'and more planning '.repeat(21)}`.trim();
      expect(long.length).toBeGreaterThan(380);
      const start = Date.now() + 86_400_000;
      await world.icloud.put('work', 'long.ics', icsEvent('long', { title: long, start: stamp(start), end: stamp(start + 3_600_000) }));
      const report = await world.sync();
      expect(report.outcome).toBe('ok');
      const [block] = world.platform.blocks();
      expect(block.title.length).toBeLessThanOrEqual(255);
      expect(block.title.endsWith('…')).toBe(true);
      expect(long.startsWith(block.title.slice(0, -1))).toBe(true);
      expect(report.items.filter((item) => item.op === 'notice')).toEqual([
        expect.objectContaining({ side: 'platform', title: block.title, reason: expect.stringContaining('255 characters') }),
      ]);
      const again = await world.sync();
      expect(totalWrites(again)).toBe(0);
      expect(again.items.filter((item) => item.op === 'notice')).toEqual([]);
    });
  }, 60_000);

  it('the emulator refuses a title over 255 or a description over 5,000 characters with 422, as the platform would', async () => {
    await inWorld({}, async (world) => {
      const post = (path: string, body: Record<string, unknown>) =>
        fetch(new URL(path, world.emulator.url), {
          method: 'POST',
          headers: { Authorization: `Bearer ${world.token}`, Version: '2021-04-15', 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ locationId: world.locationId, startTime: new Date(Date.now() + 86_400_000).toISOString(), endTime: new Date(Date.now() + 90_000_000).toISOString(), ...body }),
        });
      const slot = await post('/calendars/events/block-slots', { assignedUserId: world.userId, title: 'x'.repeat(256) });
      expect(slot.status).toBe(422);
      expect(JSON.stringify(await slot.json())).toContain('title must be shorter than or equal to 255 characters');
      expect((await post('/calendars/events/block-slots', { assignedUserId: world.userId, title: 'x'.repeat(255) })).status).toBe(201);
      const appointment = await post('/calendars/events/appointments', { calendarId: 'cal-rr', contactId: 'contact-1', assignedUserId: world.userId, title: 'Consult', description: 'x'.repeat(5001) });
      expect(appointment.status).toBe(422);
    });
  }, 60_000);
});
