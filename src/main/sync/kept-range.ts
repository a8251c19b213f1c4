// A capped series (icloud/codec/occurrence-cap.ts) keeps the occurrences nearest to now, so the kept
// part moves on as time does. A pair of it that falls out of the kept part is not a deletion of the
// event — the series still holds that occurrence — so the planner forgets it, as it forgets one
// that left the sync window, instead of deleting its slot (and tripping the deletion guard daily).
import type { CappedSeries } from '../icloud';
import type { PairRecord } from './pair';
import type { IcloudObjectChange } from './plan-input';

export function keptRangesOf(capped: CappedSeries[]): Pick<IcloudObjectChange, 'keptRanges'> {
  const ranges: NonNullable<IcloudObjectChange['keptRanges']> = {};
  for (const series of capped) if (series.keptFrom && series.keptTo) ranges[series.uid] = { from: series.keptFrom, to: series.keptTo };
  return Object.keys(ranges).length ? { keptRanges: ranges } : {};
}

/** Whether a pair of this object lies outside the part of its series the cap kept. */
export function outsideKeptRange(pair: PairRecord, change: Pick<IcloudObjectChange, 'keptRanges'>): boolean {
  const range = pair.icloud && change.keptRanges?.[pair.icloud.uid];
  if (!range) return false;
  const start = Date.parse(pair.start);
  return start < Date.parse(range.from) || start > Date.parse(range.to);
}
