// The last 30 days of runs, per day, for the chart: read newest first in large pages until a run
// is older than the window (bounded, so a huge history cannot make it read forever).
import { useEffect, useState } from 'react';
import type { RunReport } from '../../../../shared/run-report';
import { useApi } from '../../lib/api';
import { plainError } from '../../lib/messages';
import { daysAgo } from '../../lib/time';

export const chartDays = 30;
const chartPage = 1000;
const maxPages = 30;

export interface DayBar {
  /** 0 = today, 29 = the oldest day shown. */
  daysAgo: number;
  runs: number;
  failures: number;
}

export function isFailure(run: Pick<RunReport, 'outcome'>): boolean {
  return run.outcome === 'failed' || run.outcome === 'guarded';
}

export function dayBars(runs: Pick<RunReport, 'startedAt' | 'outcome'>[], now: Date): DayBar[] {
  const bars = Array.from({ length: chartDays }, (_, i) => ({ daysAgo: chartDays - 1 - i, runs: 0, failures: 0 }));
  for (const run of runs) {
    const ago = daysAgo(run.startedAt, now);
    if (ago < 0 || ago >= chartDays) continue;
    const bar = bars[chartDays - 1 - ago];
    bar.runs++;
    if (isFailure(run)) bar.failures++;
  }
  return bars;
}

export function useRecentRuns(enabled: boolean, refreshKey: unknown): { bars?: DayBar[]; error?: string } {
  const api = useApi();
  const [result, setResult] = useState<{ bars?: DayBar[]; error?: string }>({});
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    (async () => {
      const now = new Date();
      const seen: Pick<RunReport, 'startedAt' | 'outcome'>[] = [];
      for (let page = 0; page < maxPages; page++) {
        const { runs, total } = await api.history.list({ limit: chartPage, offset: page * chartPage });
        if (cancelled) return;
        seen.push(...runs.map(({ startedAt, outcome }) => ({ startedAt, outcome })));
        const oldest = runs[runs.length - 1];
        if (!oldest || daysAgo(oldest.startedAt, now) >= chartDays || (page + 1) * chartPage >= total) break;
      }
      setResult({ bars: dayBars(seen, now) });
    })().catch((error: unknown) => !cancelled && setResult({ error: plainError(error) }));
    return () => {
      cancelled = true;
    };
  }, [api, enabled, refreshKey]);
  return result;
}
