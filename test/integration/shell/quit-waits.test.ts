// services.shell.stop() — what Quit awaits (index.ts → startShell.stop) — lets a running cycle finish
// its writes against the real servers, records it in history and releases the data directory.
import { describe, expect, it } from 'vitest';
import { radicaleSkipReason } from '../../support/radicale';
import { hoursFromNow, startSyncWorld } from '../../support/sync-world';

describe.skipIf(Boolean(radicaleSkipReason()))('Quit waits for the running cycle', () => {
  it('stop() resolves only after the cycle wrote its mirror, its state and its history', async () => {
    const world = await startSyncWorld();
    try {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let requests = 0;
      // The app's requests wait at the gate, so the cycle is surely mid-way when Quit comes.
      const gatedFetch: typeof fetch = async (input, init) => {
        requests += 1;
        await gate;
        return fetch(input, init);
      };
      const services = world.reopen({ fetch: gatedFetch });
      const appointment = await world.platform.book({ title: 'Before quitting', start: hoursFromNow(9, 1), end: hoursFromNow(10, 1) });

      expect(await services.shell.syncNow()).toEqual({ started: true, coalesced: false });
      await expect.poll(() => requests).toBeGreaterThan(0);
      let stopped = false;
      const stopping = services.shell.stop!().then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stopped).toBe(false);
      expect(services.sync.running).toBe(true);

      release();
      await stopping;
      expect(services.sync.running).toBe(false);
      const [run] = await services.history.list(1);
      expect(run.counts.icloud.created).toBe(1);
      expect(world.icloud.events('work').some((e) => e.title === 'Before quitting')).toBe(true);
      const state = await services.state.read();
      expect(Object.values(state.pairs).some((pair) => pair.platformId === appointment.id)).toBe(true);
      // The data-directory lock is free again: the next start (or the CLI) can write at once.
      await expect(world.reopen().state.update(() => undefined)).resolves.toBeDefined();
    } finally {
      await world.stop();
    }
  }, 60_000);
});
