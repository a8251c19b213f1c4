// The cap on occurrences per series inside the sync window (DESIGN §1 "work is bounded"; issue 10).
// A person means a daily stand-up, not a blocked slot every second: FREQ=SECONDLY without an end
// once made ~49,000 blocked slots (788 MB, a 34 MB state file) before it was killed.
//
// Why 500: the largest window the settings allow is 90 past + 365 future days (+ today) = 456 days,
// so no daily (or rarer) series is ever capped, in any window; only sub-daily ones (hourly, every
// minute…) can reach it. 500 slots is also about 1 % of a location's daily API budget, so one
// runaway series cannot spend the day's requests.
//
// Which ones are kept: the nearest from now on. Occurrences that have not ended yet come first, in
// order; past ones of the window fill what room is left, the most recent first. Memory stays bounded
// by 2 × the cap whatever the series describes (buffers are trimmed as they fill).
import type { Occurrence } from './types';

export const OCCURRENCE_CAP = 500;

/** What was left out of one series, for the run report's `notice` item. */
export interface CappedSeries {
  uid: string;
  title: string;
  /** Occurrences kept (at most the cap). */
  kept: number;
  /**
   * 'cap': more occurrences than the cap lie in the window; 'budget': the rule was too costly to
   * walk to its end (the iteration budget of expand.ts ran out), so later ones may be missing.
   */
  reason: 'cap' | 'budget';
  /** Earliest and latest start kept (UTC ISO): outside them the series goes on, unfollowed. */
  keptFrom?: string;
  keptTo?: string;
}

interface Candidate {
  occurrence: Occurrence;
  start: number;
  end: number;
}

export class NearestOccurrences {
  private future: Candidate[] = [];
  private past: Candidate[] = [];
  private futureSeen = 0;
  private pastSeen = 0;
  private cut = false;

  constructor(
    readonly nowMs: number,
    readonly cap: number = OCCURRENCE_CAP,
  ) {}

  offer(occurrence: Occurrence): void {
    const candidate = { occurrence, start: Date.parse(occurrence.start.iso), end: Date.parse(occurrence.end.iso) };
    if (candidate.end > this.nowMs) {
      this.futureSeen += 1;
      this.future.push(candidate);
      if (this.future.length >= 2 * this.cap) this.future = nearestFuture(this.future, this.cap);
    } else {
      this.pastSeen += 1;
      this.past.push(candidate);
      if (this.past.length >= 2 * this.cap) this.past = latestPast(this.past, this.cap);
    }
  }

  /**
   * More occurrences that have not ended than the cap: later ones (the iterator yields them in
   * order) can never be among the kept, so the caller can stop iterating.
   */
  get saturated(): boolean {
    return this.futureSeen > this.cap;
  }

  /** Start again (the caller walks the series once more, from further back). */
  clear(): void {
    this.future = [];
    this.past = [];
    this.futureSeen = 0;
    this.pastSeen = 0;
    this.cut = false;
  }

  /** Occurrences of the window were left out before they could be offered (skipped ahead over them). */
  markCut(): void {
    this.cut = true;
  }

  get truncated(): boolean {
    return this.cut || this.futureSeen + this.pastSeen > this.cap;
  }

  result(): Occurrence[] {
    const future = nearestFuture(this.future, this.cap);
    const past = latestPast(this.past, this.cap - future.length);
    return [...past.reverse(), ...future].map((c) => c.occurrence);
  }
}

function nearestFuture(candidates: Candidate[], n: number): Candidate[] {
  return [...candidates].sort((a, b) => a.start - b.start).slice(0, Math.max(n, 0));
}

function latestPast(candidates: Candidate[], n: number): Candidate[] {
  return [...candidates].sort((a, b) => b.end - a.end).slice(0, Math.max(n, 0));
}
