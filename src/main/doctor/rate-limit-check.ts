// Rate-limit headroom from the X-RateLimit-* headers of the platform's last answer: the burst
// window (100 per 10 s by default) and the day's budget (200,000), both shared by every app using
// this location. Little headroom means another integration is busy on the same location.
import { parseRateLimitHeaders } from '../platform';
import type { Exchange } from './recording-fetch';
import { fail, pass, warn, type Finding } from './finding';

const NAME = 'platform rate limits';
/** Under these shares left, syncs will wait (burst) or may stop for the day (daily). */
export const BURST_WARN_SHARE = 0.2;
export const DAILY_WARN_SHARE = 0.1;

export function checkRateLimits(exchanges: Exchange[]): Finding {
  const platform = exchanges.filter((e) => e.side === 'platform');
  if (platform.length === 0) return warn(NAME, 'Not checked: the platform did not answer.', 'Fix the platform lines above, then run the doctor again.');
  const throttled = platform.some((e) => e.status === 429);
  const last = [...platform].reverse().find((e) => e.headers.has('x-ratelimit-max') || e.headers.has('x-ratelimit-daily-remaining'));
  if (!last) {
    if (throttled) return fail(NAME, 'The platform is throttling this location (429) and sent no X-RateLimit headers.', 'Wait a few minutes and run the doctor again.', 'unreachable');
    return warn(NAME, 'The platform sent no X-RateLimit headers; the app paces itself at 100 requests per 10 s.', 'Nothing to do unless syncs report throttling.');
  }
  const h = parseRateLimitHeaders(last.headers);
  const burst = h.max !== undefined && h.remaining !== undefined
    ? `burst ${h.remaining}/${h.max} left per ${Math.round((h.intervalMs ?? 10_000) / 1000)} s` : 'burst: not reported';
  const daily = h.dailyLimit !== undefined && h.dailyRemaining !== undefined
    ? `daily ${h.dailyRemaining.toLocaleString('en-US')}/${h.dailyLimit.toLocaleString('en-US')} left` : 'daily: not reported';
  const summary = `${burst}; ${daily}.`;
  if (h.dailyRemaining === 0) {
    return fail(NAME, `${summary} The day's budget is spent: syncing stops until it resets (00:00 UTC).`, 'Find the other integration using this location, or wait for the reset.', 'unreachable');
  }
  if (throttled) return fail(NAME, `${summary} The platform answered 429 (too many requests) during the check.`, 'Another app is using this location heavily; wait a few minutes and run the doctor again.', 'unreachable');
  if (h.dailyLimit && h.dailyRemaining !== undefined && h.dailyRemaining < h.dailyLimit * DAILY_WARN_SHARE) {
    return warn(NAME, `${summary} Less than 10% of the day's budget is left.`, 'Another integration on this location is using most of the budget; syncs may stop before the reset.');
  }
  if (h.max && h.remaining !== undefined && h.remaining < h.max * BURST_WARN_SHARE) {
    return warn(NAME, `${summary} Less than 20% of the burst window is left.`, 'Another app is busy on this location right now; syncs will wait their turn.');
  }
  return pass(NAME, summary);
}
