// When cycles run in the app: every `interval` minutes with a little jitter (so many Macs do not hit
// the servers in step), on wake and when the network returns, never two at once (SyncService
// coalesces), with exponential backoff up to an hour after failures (Retry-After wins when longer),
// and not at all while paused or after a credential failure until the user reconnects.
import type { RunReport, Trigger } from '../../shared/run-report';
import type { StateStore } from '../store/state-store';

export interface Timers {
  set(callback: () => void, ms: number): () => void;
}
export const realTimers: Timers = {
  set(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};

/** Power and network events (Electron's powerMonitor / online state), injected by the shell. */
export interface SystemMonitor {
  onWake(listener: () => void): () => void;
  onNetworkBack(listener: () => void): () => void;
}

export interface SchedulerDeps {
  store: StateStore;
  run(trigger: Trigger): Promise<RunReport>;
  timers?: Timers;
  random?: () => number;
  now: () => Date;
}

export const maxBackoffMs = 60 * 60_000;
/** A server's Retry-After is honoured up to this (docs/icloud-caldav.md: clamp 1 min – 2 h). */
export const maxRetryAfterMs = 2 * 60 * 60_000;

/** Delay before the next cycle after `report`, given the user's interval. */
export function nextDelayMs(intervalMinutes: number, consecutiveFailures: number, retryAfterMs: number | undefined, random: () => number): number {
  const base = intervalMinutes * 60_000;
  const jitter = base * 0.1 * (random() * 2 - 1);
  if (consecutiveFailures === 0) return Math.round(base + jitter);
  const backoff = Math.min(maxBackoffMs, 60_000 * 2 ** (consecutiveFailures - 1));
  return Math.round(Math.max(backoff, Math.min(retryAfterMs ?? 0, maxRetryAfterMs), 60_000));
}

export class Scheduler {
  private cancelTimer: (() => void) | undefined;
  private unsubscribers: (() => void)[] = [];
  private stopped = true;
  private readonly timers: Timers;
  private readonly random: () => number;

  constructor(private readonly deps: SchedulerDeps) {
    this.timers = deps.timers ?? realTimers;
    this.random = deps.random ?? Math.random;
  }

  async start(monitor?: SystemMonitor): Promise<void> {
    this.stopped = false;
    if (monitor) {
      this.unsubscribers.push(monitor.onWake(() => void this.trigger('wake').catch(() => undefined)), monitor.onNetworkBack(() => void this.trigger('wake').catch(() => undefined)));
    }
    await this.planNext(0, undefined);
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.unsubscribers.forEach((off) => off());
    this.unsubscribers = [];
  }

  async pause(): Promise<void> {
    await this.deps.store.update((state) => void (state.scheduler.paused = true));
    this.cancelTimer?.();
  }

  async resume(): Promise<void> {
    await this.deps.store.update((state) => void (state.scheduler.paused = false));
    await this.planNext(0, undefined);
  }

  /** A scheduled, wake or network cycle; skipped while paused or stopped for credentials. */
  async trigger(trigger: Trigger): Promise<RunReport | undefined> {
    if (this.stopped) return undefined;
    const state = await this.deps.store.read();
    if (state.scheduler.paused) return undefined;
    // Waiting for the user to reconnect (or to finish onboarding): no cycle, but keep looking, so
    // syncing starts again by itself once they have.
    if (state.scheduler.stoppedForCredentials || !state.accounts.icloud || Object.keys(state.accounts.platforms).length === 0 || !state.links.icloudCalendar) {
      await this.planNext(0, undefined);
      return undefined;
    }
    let report: RunReport | undefined;
    try {
      report = await this.deps.run(trigger);
    } finally {
      const after = await this.deps.store.read();
      const retryAt = after.scheduler.retryAt ? Date.parse(after.scheduler.retryAt) - this.deps.now().getTime() : undefined;
      await this.planNext(after.scheduler.consecutiveFailures, retryAt);
    }
    return report;
  }

  private async planNext(failures: number, retryAfterMs: number | undefined): Promise<void> {
    this.cancelTimer?.();
    if (this.stopped) return;
    const state = await this.deps.store.read();
    if (state.scheduler.paused) return;
    const delay = nextDelayMs(state.settings.interval, failures, retryAfterMs, this.random);
    const nextRunAt = new Date(this.deps.now().getTime() + delay).toISOString();
    // The timer first: a busy data directory (the CLI mid-sync) must never end the schedule.
    this.cancelTimer = this.timers.set(() => void this.trigger('schedule').catch(() => undefined), delay);
    await this.deps.store.update((draft) => void (draft.scheduler.nextRunAt = nextRunAt)).catch(() => undefined);
  }
}
