import { describe, expect, it } from 'vitest';
import { matchesFilter, toCsv } from '../../../src/main/api/history-query';
import { emptyCounts, type RunReport } from '../../../src/shared/run-report';

function run(partial: Partial<RunReport>): RunReport {
  return { id: 'x', trigger: 'schedule', startedAt: '2026-11-26T10:00:00Z', finishedAt: '2026-11-26T10:00:05Z', outcome: 'ok', counts: emptyCounts(), requests: { icloud: 1, platform: 2 }, items: [], ...partial };
}

describe('history filters and export', () => {
  const toIcloud = run({ counts: { ...emptyCounts(), icloud: { created: 2, updated: 0, deleted: 0 } }, items: [{ op: 'create', side: 'icloud', pair: 'p', title: 'Haircut with Ann' }] });
  const failed = run({ outcome: 'failed', error: { kind: 'auth', message: 'password rejected' } });

  it('filters by outcome, direction and text', () => {
    expect(matchesFilter(failed, { outcome: 'failed' })).toBe(true);
    expect(matchesFilter(toIcloud, { outcome: 'failed' })).toBe(false);
    expect(matchesFilter(toIcloud, { direction: 'to-icloud' })).toBe(true);
    expect(matchesFilter(toIcloud, { direction: 'to-platform' })).toBe(false);
    expect(matchesFilter(toIcloud, { text: 'haircut' })).toBe(true);
    expect(matchesFilter(failed, { text: 'PASSWORD' })).toBe(true);
    expect(matchesFilter(failed, { text: 'haircut' })).toBe(false);
  });

  it('exports CSV with a header, quoting and formula neutralising', () => {
    const csv = toCsv([toIcloud, run({ outcome: 'failed', error: { kind: 'internal', message: '=HYPERLINK("x"), oops' } })]);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/^startedAt,finishedAt,trigger,outcome,toIcloudCreated/);
    expect(lines[1]).toContain(',ok,2,0,0,');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x""), oops"`);
  });
});
