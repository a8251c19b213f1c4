// Transient failures, rate limits and the non-idempotent create, against the emulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/main/errors';
import { isOutcomeUnknown } from '../../../src/main/platform/platform-errors';
import { RateLimiter } from '../../../src/main/platform/rate-limiter';
import type { RunningEmulator } from '../../support/emulator';
import { defaultSeed } from '../../support/emulator/default-seed';
import { TEST_LOCATION, TEST_USER, at, makeClient, startTestEmulator } from './helpers';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.faults.clear());

const slotInput = (hour: number) => ({ assignedUserId: TEST_USER, startTime: at(20, hour), endTime: at(20, hour + 1), title: `Slot ${hour}` });
const slotCount = () => emulator.state.eventsOf(TEST_LOCATION, 'blocked').length;

describe('transient failures on idempotent requests are retried (bounded)', () => {
  it('5xx then success', async () => {
    const { client, counter } = makeClient(emulator);
    emulator.faults.enqueue({ kind: 'status', status: 502 }, { kind: 'status', status: 500 });
    await expect(client.listCalendars()).resolves.toHaveLength(6);
    expect(counter.snapshot().platform).toBe(3);
  });

  it('a dropped connection then success', async () => {
    const { client, counter } = makeClient(emulator);
    emulator.faults.enqueue({ kind: 'drop' });
    await expect(client.listUsers()).resolves.toHaveLength(3);
    expect(counter.snapshot().platform).toBe(2);
  });

  it('a timeout then success', async () => {
    const { client, counter } = makeClient(emulator, { timeoutMs: 300 });
    emulator.faults.enqueue({ kind: 'delay', ms: 1_000 });
    await expect(client.getCalendar('cal-rr')).resolves.toMatchObject({ id: 'cal-rr' });
    expect(counter.snapshot().platform).toBe(2);
  });

  it('gives up after maxAttempts with a retry-later error naming the endpoint', async () => {
    const { client, counter } = makeClient(emulator, { maxAttempts: 3 });
    emulator.faults.enqueue(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 500 })));
    const error = await client.listCalendars().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', details: { status: 500 } });
    expect((error as Error).message).toContain('GET /calendars/');
    expect(counter.snapshot().platform).toBe(3);
  });

  it('PUT (idempotent) is retried after a 503', async () => {
    const { client } = makeClient(emulator);
    const slot = await client.createBlockSlot(slotInput(1));
    emulator.faults.enqueue({ kind: 'status', status: 503 });
    await expect(client.updateBlockSlot(slot.id, { ...slotInput(2) })).resolves.toMatchObject({ title: 'Slot 2' });
  });
});

describe('creating a blocked slot is never blindly retried', () => {
  it('a 5xx answer → OutcomeUnknownError, exactly one request', async () => {
    const { client, counter } = makeClient(emulator);
    emulator.faults.enqueue({ kind: 'status', status: 503 });
    const error = await client.createBlockSlot(slotInput(3)).catch((e: unknown) => e);
    expect(isOutcomeUnknown(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'network' });
    expect((error as Error).message).toContain('POST /calendars/events/block-slots');
    expect(counter.snapshot().platform).toBe(1);
  });

  it('a connection lost after the server created it → unknown outcome, and indeed one slot exists, not two', async () => {
    const { client, counter } = makeClient(emulator);
    const before = slotCount();
    emulator.faults.enqueue({ kind: 'drop', afterCommit: true });
    const error = await client.createBlockSlot(slotInput(4)).catch((e: unknown) => e);
    expect(isOutcomeUnknown(error)).toBe(true);
    expect(counter.snapshot().platform).toBe(1);
    expect(slotCount()).toBe(before + 1);
  });

  it('a 429 is safe to retry even for a create (the server did nothing)', async () => {
    const small = await startTestEmulator(defaultSeed({ rateLimit: { max: 10, intervalMs: 1_000, daily: 200_000 } }));
    try {
      const { client, counter } = makeClient(small, { limiter: new RateLimiter({ max: 10, intervalMs: 1_000 }) });
      for (let i = 0; i < 10; i += 1) small.limits.check(TEST_LOCATION); // another app spends the burst
      const created = await client.createBlockSlot(slotInput(5));
      expect(created.title).toBe('Slot 5');
      expect(small.state.eventsOf(TEST_LOCATION, 'blocked')).toHaveLength(1);
      expect(small.limits.rejected).toBe(1);
      expect(counter.snapshot().platform).toBe(2);
    } finally {
      await small.stop();
    }
  });
});

describe('rate limits', () => {
  it('recovers from a 429 with backoff and no storm', async () => {
    const small = await startTestEmulator(defaultSeed({ rateLimit: { max: 10, intervalMs: 1_000, daily: 200_000 } }));
    try {
      const { client, counter } = makeClient(small, { limiter: new RateLimiter({ max: 10, intervalMs: 1_000 }) });
      for (let i = 0; i < 10; i += 1) small.limits.check(TEST_LOCATION); // the window is full before we start
      const started = Date.now();
      await expect(client.listUsers()).resolves.toHaveLength(3);
      expect(small.limits.rejected).toBe(1);
      expect(counter.snapshot().platform).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      await small.stop();
    }
  });

  it('paces a burst of concurrent calls so that the server never says 429', async () => {
    const small = await startTestEmulator(defaultSeed({ rateLimit: { max: 10, intervalMs: 1_000, daily: 200_000 } }));
    try {
      const { client } = makeClient(small, { limiter: new RateLimiter({ max: 10, intervalMs: 1_000 }) });
      const started = Date.now();
      await Promise.all(Array.from({ length: 30 }, () => client.listCalendars()));
      expect(small.limits.rejected).toBe(0);
      // 9 per second allowed (10 minus the margin): 30 calls need at least 3 windows.
      expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    } finally {
      await small.stop();
    }
  });

  it('stops cleanly for the day once the headers say the daily budget is spent: no request is sent', async () => {
    const small = await startTestEmulator(defaultSeed({ rateLimit: { max: 100, intervalMs: 10_000, daily: 50 } }));
    try {
      const { client, counter } = makeClient(small);
      small.limits.spendDaily(TEST_LOCATION, 49);
      await expect(client.listUsers()).resolves.toHaveLength(3); // the last one of the day
      const error = await client.listCalendars().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SyncError);
      expect(error).toMatchObject({ kind: 'throttled', details: { side: 'platform' } });
      expect((error as SyncError).details.retryAfterMs).toBeGreaterThan(0);
      expect((error as Error).message).toMatch(/daily request budget \(50\) is spent/);
      expect(counter.snapshot().platform).toBe(1);
      expect(small.requestCount()).toBe(1);
    } finally {
      await small.stop();
    }
  });

  it('a 429 that reports the daily budget spent stops at once, without retrying', async () => {
    const small = await startTestEmulator(defaultSeed({ rateLimit: { max: 100, intervalMs: 10_000, daily: 50 } }));
    try {
      const { client } = makeClient(small);
      small.limits.spendDaily(TEST_LOCATION, 50);
      await expect(client.createBlockSlot(slotInput(6))).rejects.toMatchObject({ kind: 'throttled', details: { status: 429 } });
      await expect(client.listUsers()).rejects.toMatchObject({ kind: 'throttled' });
      expect(small.requestCount()).toBe(1);
    } finally {
      await small.stop();
    }
  });
});
