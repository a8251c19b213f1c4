// Fault injection: random (rates, for soak runs) or scripted (a queue of exact faults for the next
// requests, for deterministic tests). Applied before the request is handled, except `afterCommit`
// faults, which apply the change and then lose the answer (the case a non-idempotent create fears).
export type Fault =
  | { kind: 'status'; status: number; afterCommit?: boolean }
  | { kind: 'drop'; afterCommit?: boolean }
  | { kind: 'malformed' }
  | { kind: 'delay'; ms: number };

export interface FaultOptions {
  /** Added to every answer. */
  latencyMs?: number;
  /** 0..1: share of requests answered with `errorStatus`. */
  errorRate?: number;
  errorStatus?: number;
  /** 0..1: share of requests whose connection is destroyed without an answer. */
  dropRate?: number;
  /** Deterministic randomness for reproducible soak runs. */
  random?: () => number;
}

export class FaultPlan {
  private readonly queue: Fault[] = [];

  constructor(public options: FaultOptions = {}) {}

  /** The next requests get these faults, in order (one each). */
  enqueue(...faults: Fault[]): void {
    this.queue.push(...faults);
  }

  clear(): void {
    this.queue.length = 0;
    this.options = {};
  }

  next(): Fault | undefined {
    const scripted = this.queue.shift();
    if (scripted) return scripted;
    const random = this.options.random ?? Math.random;
    if (this.options.dropRate && random() < this.options.dropRate) return { kind: 'drop' };
    if (this.options.errorRate && random() < this.options.errorRate) {
      return { kind: 'status', status: this.options.errorStatus ?? 500 };
    }
    return undefined;
  }
}
