import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JsonDocument } from '../../../src/main/store/json-document';
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

describe('HistoryStore append', () => {
  it('adds a run without checking every run already there (that is done where they are shown)', async () => {
    const history = new HistoryStore(dir);
    const now = new Date('2026-11-26T12:00:00Z');
    await history.append(report('a', '2026-11-26T10:00:00Z'), now);
    const read = vi.spyOn(JsonDocument.prototype, 'read');
    try {
      await new HistoryStore(dir).append(report('b', '2026-11-26T11:00:00Z'), now);
      expect(read).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
    }
    expect((await new HistoryStore(dir).list()).map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('keeps a file that is not a history aside, as a read does, and starts a new one', async () => {
    await fs.writeFile(path.join(dir, 'history.json'), JSON.stringify({ schemaVersion: 1, runs: [{ id: 'no start' }] }));
    const history = new HistoryStore(dir);
    await history.append(report('a', '2026-11-26T10:00:00Z'), new Date('2026-11-26T12:00:00Z'));
    expect((await history.list()).map((r) => r.id)).toEqual(['a']);
    expect(history.notices.join()).toMatch(/history\.json could not be read/);
    expect((await fs.readdir(dir)).some((name) => name.startsWith('history.unreadable-'))).toBe(true);
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
