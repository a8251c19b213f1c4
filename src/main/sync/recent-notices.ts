// What Status shows of the run reports' `notice` items (a series capped, a title cut): the notices
// of the last day's runs, one line each. A day, because an unchanged event is read again (and its
// notice given again) at least once a day, when the window moves; a fixed event's notice then fades.
/** The part of a run report this reads (RunReport fits it). */
interface RunWithItems {
  finishedAt: string;
  items: { op: string; side: string; pair: string; title: string; reason?: string }[];
}

export interface RecentNotice {
  title: string;
  reason: string;
}

const dayMs = 86_400_000;
const maxShown = 10;

/** `runs` newest first (HistoryStore.list). */
export function recentNotices(runs: RunWithItems[], now: Date): RecentNotice[] {
  const seen = new Set<string>();
  const notices: RecentNotice[] = [];
  for (const run of runs) {
    if (now.getTime() - Date.parse(run.finishedAt) > dayMs) break;
    for (const item of run.items) {
      if (item.op !== 'notice' || !item.reason) continue;
      const key = `${item.side}|${item.pair}|${item.reason}`;
      if (seen.has(key)) continue;
      seen.add(key);
      notices.push({ title: item.title, reason: item.reason });
      if (notices.length >= maxShown) return notices;
    }
  }
  return notices;
}
