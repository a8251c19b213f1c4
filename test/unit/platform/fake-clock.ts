// A clock whose time moves only when a test says so; sleepers wake in time order.
import type { Clock } from '../../../src/main/platform/clock';

export class FakeClock implements Clock {
  private timers: Array<{ at: number; wake: () => void }> = [];

  constructor(private time = Date.UTC(2026, 0, 15, 12, 0, 0)) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.time + Math.max(0, ms), wake: resolve });
      this.timers.sort((a, b) => a.at - b.at);
    });
  }

  get pendingSleeps(): number {
    return this.timers.length;
  }

  /** Move time forward, waking sleepers due on the way and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await flush();
    while (this.timers.length > 0 && this.timers[0].at <= target) {
      const timer = this.timers.shift()!;
      this.time = timer.at;
      timer.wake();
      await flush();
    }
    this.time = target;
    await flush();
  }
}

/** Lets every pending promise continuation run (a macrotask turn drains the microtask queue). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
