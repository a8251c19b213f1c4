// Time, injected (DESIGN §2: services are wired through constructors), so the rate limiter and the
// retry backoff can be driven by a fake clock in unit tests instead of real waiting.
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
