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

describe('HistoryStore append in place (issue 16)', () => {
  it('adds the run to the file without parsing or writing out the runs already there', async () => {
    const history = new HistoryStore(dir);
    const now = new Date('2026-11-26T12:00:00Z');
    await history.append(report('a', '2026-11-26T10:00:00Z'), now);
    await history.append(report('b', '2026-11-26T10:30:00Z'), now);
    const before = await fs.readFile(path.join(dir, 'history.json'), 'utf8');
    const parse = vi.spyOn(JSON, 'parse');
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      await history.append(report('c', '2026-11-26T11:00:00Z'), now);
      expect(parse).not.toHaveBeenCalled();
      // Only the new run is serialised.
      expect(stringify.mock.calls.map(([value]) => (value as RunReport).id)).toEqual(['c']);
    } finally {
      parse.mockRestore();
      stringify.mockRestore();
    }
    const after = await fs.readFile(path.join(dir, 'history.json'), 'utf8');
    expect(after.startsWith(before.slice(0, -2))).toBe(true);
    expect(JSON.parse(after)).toEqual({ schemaVersion: 1, runs: [report('a', '2026-11-26T10:00:00Z'), report('b', '2026-11-26T10:30:00Z'), report('c', '2026-11-26T11:00:00Z')] });
    expect((await new HistoryStore(dir).list()).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });

  it('still prunes by age and by count, and a title naming startedAt counts no run', async () => {
    const history = new HistoryStore(dir, { maxRuns: 3, maxAgeDays: 90 });
    const now = new Date('2026-11-26T12:00:00Z');
    const tricky = { ...report('t', '2026-11-26T11:00:00Z'), items: [{ op: 'skip' as const, side: 'icloud' as const, pair: 'p', title: '"startedAt":"1999-01-01T00:00:00Z"' }] };
    await history.append(tricky, now);
    await history.append(report('old', '2026-08-01T00:00:00Z'), new Date('2026-08-01T01:00:00Z'));
    expect((await history.list()).map((r) => r.id)).toEqual(['old', 't']);
    // Age is judged by the first run (runs are appended in time order): one out of order (the clock
    // set back) waits for the next pruning, here the count's.
    await history.append(report('1', '2026-11-26T11:00:00Z'), now);
    expect((await history.list()).map((r) => r.id)).toEqual(['1', 'old', 't']);
    await history.append(report('2', '2026-11-26T11:00:00Z'), now);
    expect((await history.list()).map((r) => r.id)).toEqual(['2', '1', 't']);
    // The first run too old: pruned on the next append.
    await history.append(report('3', '2027-03-01T00:00:00Z'), new Date('2027-03-01T00:00:00Z'));
    expect((await history.list()).map((r) => r.id)).toEqual(['3']);
  });

  it('keeps the app’s cached runs in step with what it appended', async () => {
    const history = new HistoryStore(dir);
    const now = new Date('2026-11-26T12:00:00Z');
    await history.append(report('a', '2026-11-26T10:00:00Z'), now);
    expect((await history.list()).map((r) => r.id)).toEqual(['a']);
    await history.append(report('b', '2026-11-26T10:30:00Z'), now);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect((await history.list()).map((r) => r.id)).toEqual(['b', 'a']);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});
