// The words of the `notice` items that tell a user their event was bounded (issue 10, "bounded
// work"): a series cut to the cap, a title cut to what the platform accepts. Notices change nothing;
// they make a silent limit visible in the run report and in Status.
import type { CappedSeries } from '../icloud';
import { PLATFORM_LIMITS } from '../../shared/platform-limits';
import { needsCut } from './fit-text';
import type { Operation } from './operations';
import type { IcloudNotice } from './plan-input';

export function cappedSeriesNotice(href: string, capped: CappedSeries): IcloudNotice {
  const reason =
    capped.reason === 'cap'
      ? `repeats more often than the app follows: only the ${capped.kept} occurrences nearest to now block time`
      : `its rule takes too long to work out in full: only ${capped.kept} occurrences block time`;
  return { href, key: capped.uid, title: capped.title, reason };
}

/** A `notice` for each write to the platform that carries an iCloud title cut to the platform's limit. */
export function truncationNotices(ops: Operation[]): Operation[] {
  const notices: Operation[] = [];
  for (const op of ops) {
    if (op.type !== 'platform.createBlock' && op.type !== 'platform.updateBlock' && op.type !== 'platform.updateAppointment') continue;
    const original = op.occurrence?.title;
    if (original === undefined || !needsCut(original, PLATFORM_LIMITS.title) || op.content.title === original) continue;
    notices.push({
      type: 'notice', rule: 'bounds', side: 'platform', key: op.key, title: op.content.title,
      reason: `the title is longer than the platform accepts (${PLATFORM_LIMITS.title} characters): it was cut to fit`,
    });
  }
  return notices;
}
