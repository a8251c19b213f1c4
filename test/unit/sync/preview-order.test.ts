// A preview (dry run) and a real cycle share the request counter (it is wired into the sides), so the
// service never lets them overlap: a preview waits for the running cycle and a cycle for the preview.
// Before, a preview asked for in the window mid-cycle reset the counter under the running cycle.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { RequestCounter } from '../../../src/main/request-counter';
import { HistoryStore } from '../../../src/main/store/history-store';
import { SyncService } from '../../../src/main/sync/sync-service';
import { createMemoryEngine } from '../../support/memory-sides';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

it('a preview and a cycle run one after the other, never interleaved, and only the cycle is in the history', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'preview-order-'));
  dirs.push(dir);
  const now = () => new Date('2030-01-10T08:00:00Z');
  const e = await createMemoryEngine({ dataDir: dir, now });
  const events: string[] = [];
  const counter = new RequestCounter();
  const history = new HistoryStore(dir);
  const svc = new SyncService({
    store: e.store, history, codec: e.codec, counter, now,
    sides: async () => {
      events.push('sides');
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { icloud: e.icloud, platform: e.platform };
    },
  });
  const realReset = counter.reset.bind(counter);
  counter.reset = () => {
    events.push('reset');
    realReset();
  };
  const cycle = svc.run('manual').report;
  const preview = svc.run('manual', { dryRun: true }).report;
  const next = svc.run('schedule').report; // joins the running cycle, as before
  const [a, b] = await Promise.all([cycle, preview, next]);
  expect(events).toEqual(['reset', 'sides', 'reset', 'sides']);
  expect(a.dryRun).toBeUndefined();
  expect(b.dryRun).toBe(true);
  expect((await history.list(10)).map((r) => r.id)).toEqual([a.id]);
});
