// A busy-across slot whose create answer was lost (the process killed after the platform made it, a
// dropped connection) and whose appointment was cancelled before the next cycle: nothing recorded
// it, so it stayed, blocking time in the other location for a booking that no longer exists (found
// by crash-locations.test.ts, one run in a few). Its intent is now on disk before the request; the
// next cycle finds the slot by it and deletes it, or drops the intent when no such slot exists.
// On the real cycle over the memory sides, two locations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutcomeUnknownError } from '../../../src/main/platform/platform-errors';
import { MEMORY_PLATFORM_CALENDAR, MEMORY_USER } from '../../support/memory-sides';
import { memoryTwoLocations } from '../../support/memory-two-locations';
import { makeTempDir } from '../../support/temp-dir';

const DAY = 24 * 3_600_000;
const T0 = Date.parse('2031-03-01T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('cross-intents-')));
afterEach(() => cleanup());

async function twoLocations() {
  const { one, two, store, sync } = await memoryTwoLocations(dir, { now: () => new Date(T0) });
  return { one, two, store, sync };
}

describe('a busy-across slot whose create answer was lost', () => {
  it('is deleted by its intent once its appointment is cancelled; no slot, the intent goes', async () => {
    const { one, two, store, sync } = await twoLocations();
    expect((await sync()).outcome).toBe('ok');
    const booked = one.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Consult', startTime: iso(T0 + 2 * DAY), endTime: iso(T0 + 2 * DAY + 3_600_000) });
    // The platform makes the slot, the answer never arrives.
    const create = two.createBlockSlot.bind(two);
    two.createBlockSlot = async (input) => {
      await create(input);
      throw new OutcomeUnknownError('POST /calendars/events/block-slots', 'the connection was dropped', { side: 'platform' });
    };
    await sync();
    expect(two.blocks().map((b) => b.title)).toEqual(['Busy']);
    two.createBlockSlot = create;
    one.patch(booked.id, { appointmentStatus: 'cancelled' });
    const next = await sync();
    expect(next.outcome, JSON.stringify(next.error)).toBe('ok');
    expect(two.blocks(), 'the slot of the cancelled booking').toEqual([]);
    expect((await store.read()).intents).toEqual({});
  });

  it('is adopted, not made twice, while its appointment stands', async () => {
    const { one, two, store, sync } = await twoLocations();
    one.book({ userId: MEMORY_USER, calendarId: MEMORY_PLATFORM_CALENDAR, title: 'Consult', startTime: iso(T0 + 2 * DAY), endTime: iso(T0 + 2 * DAY + 3_600_000) });
    const create = two.createBlockSlot.bind(two);
    two.createBlockSlot = async (input) => {
      await create(input);
      throw new OutcomeUnknownError('POST /calendars/events/block-slots', 'the connection was dropped', { side: 'platform' });
    };
    await sync();
    two.createBlockSlot = create;
    expect((await sync()).outcome).toBe('ok');
    expect(two.blocks().map((b) => b.title)).toEqual(['Busy']);
    expect((await store.read()).intents).toEqual({});
    expect((await sync()).counts.platform).toEqual({ created: 0, updated: 0, deleted: 0 });
  });
});
