import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyCounts, type RunReport } from '../../../src/shared/run-report';
import { Scheduler, maxBackoffMs, maxRetryAfterMs, nextDelayMs, type Timers } from '../../../src/main/sync/scheduler';
import { StateStore } from '../../../src/main/store/state-store';
import { DataDirBusyError } from '../../../src/main/store/data-dir-lock';
import { makeTempDir } from '../../support/temp-dir';

/** Timers the test fires by hand. */
class ManualTimers implements Timers {
  pending: { callback: () => void; ms: number; cancelled: boolean }[] = [];
  set(callback: () => void, ms: number) {
    const timer = { callback, ms, cancelled: false };
    this.pending.push(timer);
    return () => void (timer.cancelled = true);
  }
  live() {
    return this.pending.filter((t) => !t.cancelled);
  }
  /** Fire the newest live timer, as the clock would; a fired timer is spent. */
  async fireNext() {
    const timer = this.live().at(-1)!;
    timer.cancelled = true;
    timer.callback();
    await new Promise((r) => setTimeout(r, 50));
  }
}

const report = (outcome: RunReport['outcome'] = 'ok'): RunReport => ({
  id: 'r', trigger: 'schedule', startedAt: '', finishedAt: '', outcome, counts: emptyCounts(), requests: { icloud: 0, platform: 0 }, items: [],
});

let dir: string;
let cleanup: () => Promise<void>;
let store: StateStore;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  store = new StateStore(dir);
  await store.update((s) => {
    s.accounts.icloud = { appleId: 'a@b.c', caldavUrl: 'x', connectedAt: 'now' };
    s.accounts.platforms.l = { locationId: 'l', userId: 'u', apiUrl: 'x', connectedAt: 'now', calendars: null };
    s.links.icloudCalendar = 'cal';
  });
});
afterEach(() => cleanup());

describe('nextDelayMs', () => {
  it('uses the interval with at most ±10 % jitter when healthy', () => {
    expect(nextDelayMs(5, 0, undefined, () => 0)).toBe(270_000);
    expect(nextDelayMs(5, 0, undefined, () => 1)).toBe(330_000);
  });
  it('backs off exponentially to one hour after failures, and honours a longer Retry-After', () => {
    expect(nextDelayMs(5, 1, undefined, () => 0.5)).toBe(60_000);
    expect(nextDelayMs(5, 3, undefined, () => 0.5)).toBe(240_000);
    expect(nextDelayMs(5, 20, undefined, () => 0.5)).toBe(maxBackoffMs);
    expect(nextDelayMs(5, 1, 900_000, () => 0.5)).toBe(900_000);
    // A Retry-After that would stop syncing for a day is honoured only up to the 2-hour clamp.
    expect(nextDelayMs(5, 1, 86_400_000, () => 0.5)).toBe(maxRetryAfterMs);
  });
});

describe('Scheduler', () => {
  it('runs on its timer, records the next run, and plans the one after', async () => {
    const timers = new ManualTimers();
    const runs: string[] = [];
    const scheduler = new Scheduler({ store, timers, random: () => 0.5, now: () => new Date('2026-11-26T10:00:00Z'), run: async (t) => (runs.push(t), report()) });
    await scheduler.start();
    expect(timers.live()).toHaveLength(1);
    expect(timers.live()[0].ms).toBe(300_000);
    expect((await store.read()).scheduler.nextRunAt).toBe('2026-11-26T10:05:00.000Z');
    await scheduler.trigger('schedule');
    expect(runs).toEqual(['schedule']);
    expect(timers.live()).toHaveLength(1);
    scheduler.stop();
    expect(timers.live()).toHaveLength(0);
  });

  it('does nothing while paused and resumes with a fresh timer', async () => {
    const timers = new ManualTimers();
    const runs: string[] = [];
    const scheduler = new Scheduler({ store, timers, random: () => 0.5, now: () => new Date(), run: async (t) => (runs.push(t), report()) });
    await scheduler.start();
    await scheduler.pause();
    expect(timers.live()).toHaveLength(0);
    expect(await scheduler.trigger('wake')).toBeUndefined();
    expect(runs).toEqual([]);
    await scheduler.resume();
    expect((await store.read()).scheduler.paused).toBe(false);
    expect(timers.live()).toHaveLength(1);
  });

  it('stops after a credential failure until the user reconnects', async () => {
    await store.update((s) => void (s.scheduler.stoppedForCredentials = 'icloud'));
    const runs: string[] = [];
    const scheduler = new Scheduler({ store, timers: new ManualTimers(), now: () => new Date(), run: async (t) => (runs.push(t), report()) });
    await scheduler.start();
    expect(await scheduler.trigger('schedule')).toBeUndefined();
    expect(runs).toEqual([]);
  });

  it('starts syncing again by itself once the user has reconnected', async () => {
    await store.update((s) => void (s.scheduler.stoppedForCredentials = 'platform'));
    const timers = new ManualTimers();
    const runs: string[] = [];
    const scheduler = new Scheduler({ store, timers, random: () => 0.5, now: () => new Date(), run: async (t) => (runs.push(t), report()) });
    await scheduler.start();
    await timers.fireNext();
    expect(runs).toEqual([]);
    expect(timers.live()).toHaveLength(1);
    await store.update((s) => void (s.scheduler.stoppedForCredentials = undefined)); // what connect does
    await timers.fireNext();
    expect(runs).toEqual(['schedule']);
  });

  it('runs on wake and on network return', async () => {
    const listeners: (() => void)[] = [];
    const runs: string[] = [];
    const scheduler = new Scheduler({ store, timers: new ManualTimers(), now: () => new Date(), run: async (t) => (runs.push(t), report()) });
    await scheduler.start({ onWake: (l) => (listeners.push(l), () => undefined), onNetworkBack: (l) => (listeners.push(l), () => undefined) });
    listeners.forEach((l) => l());
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toEqual(['wake', 'wake']);
  });

  it('waits for the Retry-After the last failure asked for', async () => {
    const timers = new ManualTimers();
    const now = new Date('2026-11-26T10:00:00Z');
    const scheduler = new Scheduler({
      store, timers, random: () => 0.5, now: () => now,
      run: async () => {
        await store.update((s) => {
          s.scheduler.consecutiveFailures = 1;
          s.scheduler.retryAt = '2026-11-26T10:30:00.000Z';
        });
        return report('failed');
      },
    });
    await scheduler.start();
    await scheduler.trigger('schedule');
    expect(timers.live().at(-1)!.ms).toBe(30 * 60_000);
  });

  it('keeps its schedule when the data directory is busy (the CLI is syncing)', async () => {
    const timers = new ManualTimers();
    const update = store.update.bind(store);
    let busy = true;
    store.update = async (change) => {
      if (busy) throw new DataDirBusyError(dir);
      return update(change);
    };
    const scheduler = new Scheduler({
      store, timers, random: () => 0.5, now: () => new Date(),
      run: async () => {
        throw new DataDirBusyError(dir);
      },
    });
    await scheduler.start();
    expect(timers.live()).toHaveLength(1);
    await timers.fireNext();
    expect(timers.live()).toHaveLength(1);
    busy = false;
  });
});
