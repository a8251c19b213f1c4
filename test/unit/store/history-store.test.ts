import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../src/main/store/history-store';
import { emptyCounts, type RunReport } from '../../../src/shared/run-report';
import { makeTempDir } from '../../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

function report(id: string, startedAt: string): RunReport {
  return {
    id, trigger: 'cli', startedAt, finishedAt: startedAt, outcome: 'ok',
    counts: emptyCounts(), requests: { icloud: 1, platform: 2 }, items: [],
  };
}

describe('HistoryStore', () => {
  it('returns runs newest first, limited', async () => {
    const history = new HistoryStore(dir);
    const now = new Date('2026-11-26T12:00:00Z');
    for (const id of ['a', 'b', 'c']) await history.append(report(id, '2026-11-26T10:00:00Z'), now);
    expect((await history.list()).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect((await history.list(2)).map((r) => r.id)).toEqual(['c', 'b']);
  });

  it('keeps at most maxRuns and nothing older than maxAgeDays', async () => {
    const history = new HistoryStore(dir, { maxRuns: 3, maxAgeDays: 90 });
    const now = new Date('2026-11-26T12:00:00Z');
    await history.append(report('old', '2026-08-01T00:00:00Z'), now);
    for (const id of ['1', '2', '3', '4']) await history.append(report(id, '2026-11-26T11:00:00Z'), now);
    expect((await history.list()).map((r) => r.id)).toEqual(['4', '3', '2']);
  });
});
