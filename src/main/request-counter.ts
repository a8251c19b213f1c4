// Counts the HTTP requests a cycle makes to each side, for the run report's `requests`.
import type { Side } from '../shared/run-report';

export class RequestCounter {
  private counts: Record<Side, number> = { icloud: 0, platform: 0 };

  count(side: Side): void {
    this.counts[side] += 1;
  }

  snapshot(): Record<Side, number> {
    return { ...this.counts };
  }

  reset(): void {
    this.counts = { icloud: 0, platform: 0 };
  }
}
