// The platform read tiers (issue 16) as a schedule: which blocked slots a cycle lists, on a fake
// clock, and when an iCloud change makes a cycle read the rest of the window.
import { describe, expect, it } from 'vitest';
import { FAR_EVERY_MS, NEAR_DAYS, planPlatformRead, reachesBeyond, restOfWindow, type ReadPlanInput } from '../../../src/main/sync/platform-read-tiers';
import type { IcloudChanges } from '../../../src/main/sync/plan-input';
import type { PairRecord } from '../../../src/main/sync/pair';

const DAY = 24 * 3_600_000;
const T0 = Date.parse('2031-03-01T12:00:00Z');
const window = { start: new Date(T0 - 30 * DAY), end: new Date(T0 + 365 * DAY) };
const at = (ms: number) => new Date(ms);

function input(overrides: Partial<ReadPlanInput> = {}): ReadPlanInput {
  return {
    account: { blockedSlotsReadAt: at(T0).toISOString() }, window, now: at(T0),
    dryRun: false, rejudge: false, lastCycleFailed: false, pendingCreates: false, ...overrides,
  };
}

describe('planPlatformRead', () => {
  it('reads only the near tier (the past part and NEAR_DAYS ahead) until the whole-window read is FAR_EVERY_MS old', () => {
    for (const elapsed of [0, 60_000, FAR_EVERY_MS - 1]) {
      const now = at(T0 + elapsed);
      const plan = planPlatformRead(input({ now }));
      expect(plan.whole, `after ${elapsed} ms`).toBeUndefined();
      expect(plan.blocks).toEqual({ start: window.start, end: at(T0 + elapsed + NEAR_DAYS * DAY) });
    }
  });

  it('reads the whole window once the last whole read is FAR_EVERY_MS old', () => {
    const plan = planPlatformRead(input({ now: at(T0 + FAR_EVERY_MS) }));
    expect(plan).toEqual({ blocks: window, whole: 'due' });
  });

  it('reads the whole window on a first sync, a dry run, a re-judge, after a failed cycle and while a create awaits its answer', () => {
    expect(planPlatformRead(input({ account: {} })).whole).toBe('first');
    expect(planPlatformRead(input({ dryRun: true })).whole).toBe('dry-run');
    expect(planPlatformRead(input({ rejudge: true })).whole).toBe('re-judge');
    expect(planPlatformRead(input({ lastCycleFailed: true })).whole).toBe('after-failure');
    expect(planPlatformRead(input({ pendingCreates: true })).whole).toBe('pending-create');
    expect(planPlatformRead(input({ account: { blockedSlotsReadAt: 'not a date' } })).whole).toBe('first');
  });

  it('does not let a clock set back postpone the whole read', () => {
    expect(planPlatformRead(input({ now: at(T0 - 60_000) })).whole).toBe('due');
  });

  it('reads the whole window when it does not reach beyond the near tier', () => {
    const short = { start: window.start, end: at(T0 + 3 * DAY) };
    expect(planPlatformRead(input({ window: short }))).toEqual({ blocks: short, whole: 'short-window' });
  });
});

const near = { start: window.start, end: at(T0 + NEAR_DAYS * DAY) };
const iso = (ms: number) => new Date(ms).toISOString();
const occurrence = (startMs: number) => ({ start: { iso: iso(startMs) }, end: { iso: iso(startMs + 3_600_000) } });
const change = (href: string, ...starts: number[]) => ({ href, calendarUrl: 'cal/', source: 'linked', recurring: starts.length > 1, occurrences: starts.map(occurrence) });
const changes = (parts: Partial<IcloudChanges>): IcloudChanges => ({ changed: [], deleted: [], failures: [], ...parts }) as IcloudChanges;
const pair = (href: string, startMs: number) => ({ key: href, start: iso(startMs), end: iso(startMs + 3_600_000), icloud: { href } }) as unknown as PairRecord;

describe('reachesBeyond', () => {
  const pairs = { 'cal/near.ics': pair('cal/near.ics', T0 + DAY), 'cal/far.ics': pair('cal/far.ics', T0 + 30 * DAY) };

  it('is false for no change and for changes inside the near tier', () => {
    expect(reachesBeyond(changes({}), pairs, near, window)).toBe(false);
    expect(reachesBeyond(changes({ changed: [change('cal/near.ics', T0 + 2 * DAY)] as never }), pairs, near, window)).toBe(false);
    expect(reachesBeyond(changes({ deleted: ['cal/near.ics'] }), pairs, near, window)).toBe(false);
  });

  it('is true for an event new or moved beyond it, a series reaching beyond it, and a change to a pair beyond it', () => {
    expect(reachesBeyond(changes({ changed: [change('cal/new.ics', T0 + 20 * DAY)] as never }), pairs, near, window)).toBe(true);
    expect(reachesBeyond(changes({ changed: [change('cal/series.ics', T0 + DAY, T0 + 8 * DAY)] as never }), pairs, near, window)).toBe(true);
    // Moved from far to near: the slot to update is still where the pair says, beyond the near tier.
    expect(reachesBeyond(changes({ changed: [change('cal/far.ics', T0 + DAY)] as never }), pairs, near, window)).toBe(true);
    expect(reachesBeyond(changes({ deleted: ['cal/far.ics'] }), pairs, near, window)).toBe(true);
  });

  it('ignores occurrences outside the window (nothing to plan there)', () => {
    expect(reachesBeyond(changes({ changed: [change('cal/later.ics', T0 + 400 * DAY)] as never }), pairs, near, window)).toBe(false);
  });
});

describe('restOfWindow', () => {
  it('is the part of the window after the near tier, and nothing after a whole read', () => {
    expect(restOfWindow(near, window)).toEqual({ start: near.end, end: window.end });
    expect(restOfWindow(window, window)).toBeUndefined();
  });
});
