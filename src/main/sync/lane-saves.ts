// The executor's saves of the one state file, shared by its lanes (execute-lanes.ts). With several
// locations at once, a lane that finds a save due while another lane's is being written does not
// queue a second write behind it nor wait for it: a timed save is started and not waited for, and
// what it missed stays to be saved by the next. Only what must be on disk before a request (the
// intents of blocked-slot creates) is waited for: a save begun after the caller asked, one shared by
// every lane that asked meanwhile.
/**
 * A timed save waits at least this many times as long as the last save took, so writing the state
 * stays about a tenth of a cycle however large it grew (at 10,000 pairs one save is ~4 MB).
 */
const SAVE_SHARE = 9;

export class LaneSaves {
  /** Changes recorded so far, and how many of them the last finished save holds. */
  private changes = 0;
  private saved = 0;
  private running: Promise<void> | undefined;
  /** The save that starts once the running one is written (for callers that need their changes in it). */
  private next: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;
  private lastSave = performance.now();
  private gap: number;

  /** `everyMs`: the least time between timed saves (0: after every change). */
  constructor(private readonly write: () => Promise<void>, private readonly everyMs: number) {
    this.gap = everyMs;
  }

  /** Something changed that the next save must hold. */
  changed(): void {
    this.changes += 1;
  }

  /** Starts a save when one is due and none is being written; never waits. A failed save throws here. */
  soon(): void {
    this.throwIfFailed();
    if (this.running || this.changes === this.saved || performance.now() - this.lastSave < this.gap) return;
    this.start().catch(() => undefined); // kept in `failure`, thrown at the next call
  }

  /** Resolves once a save begun after this call is written (what must be on disk before a request). */
  fresh(): Promise<void> {
    if (!this.running) return this.start();
    this.next ??= this.running.then(() => this.start(), () => this.start());
    return this.next;
  }

  /** No save is being written any more (whatever became of them). */
  async settled(): Promise<void> {
    while (this.running || this.next) await (this.next ?? this.running)!.catch(() => undefined);
  }

  /** Everything recorded is on disk (the end of the executor); a failed save throws. */
  async flush(): Promise<void> {
    await this.settled();
    this.throwIfFailed();
    if (this.changes !== this.saved) await this.start();
  }

  private start(): Promise<void> {
    this.next = undefined;
    const covers = this.changes;
    const begun = performance.now();
    const saving = this.write().then(
      () => {
        this.saved = Math.max(this.saved, covers);
        this.lastSave = performance.now();
        if (this.everyMs > 0) this.gap = Math.max(this.everyMs, SAVE_SHARE * (this.lastSave - begun));
      },
      (error: unknown) => {
        this.failure ??= { error };
        throw error;
      },
    ).finally(() => {
      if (this.running === saving) this.running = undefined;
    });
    this.running = saving;
    return saving;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
