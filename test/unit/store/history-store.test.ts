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

describe('HistoryStore cache', () => {
  it('sees runs appended by another process (another HistoryStore on the same file)', async () => {
    const app = new HistoryStore(dir);
    const cli = new HistoryStore(dir);
    const now = new Date('2026-11-26T12:00:00Z');
    await app.append(report('a', '2026-11-26T10:00:00Z'), now);
    expect((await app.list()).map((r) => r.id)).toEqual(['a']);
    await cli.append(report('b', '2026-11-26T10:01:00Z'), now);
    expect((await app.list()).map((r) => r.id)).toEqual(['b', 'a']);
    await app.append(report('c', '2026-11-26T10:02:00Z'), now);
    expect((await cli.list()).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });

  it('returns a copy: callers cannot reorder the cached runs', async () => {
    const history = new HistoryStore(dir);
    const now = new Date('2026-11-26T12:00:00Z');
    for (const id of ['1', '2']) await history.append(report(id, '2026-11-26T10:00:00Z'), now);
    (await history.list()).reverse();
    expect((await history.list()).map((r) => r.id)).toEqual(['2', '1']);
  });
});
