// The words of the `notice` items that tell a user their event was bounded (issue 10, "bounded
// work"): a series cut to the cap, a title cut to what the platform accepts. Notices change nothing;
// they make a silent limit visible in the run report and in Status.
import type { CappedSeries } from '../icloud';
import type { IcloudNotice } from './plan-input';

export function cappedSeriesNotice(href: string, capped: CappedSeries): IcloudNotice {
  const reason =
    capped.reason === 'cap'
      ? `repeats more often than the app follows: only the ${capped.kept} occurrences nearest to now block time`
      : `its rule takes too long to work out in full: only ${capped.kept} occurrences block time`;
  return { href, key: capped.uid, title: capped.title, reason };
}
