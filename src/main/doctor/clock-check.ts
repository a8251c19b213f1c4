// Clock skew: each server's `Date` header against this computer's clock, taken halfway between
// sending and receiving (so latency does not count as skew). Why it matters: the sync decides what
// lies in the past or inside its window by this clock, reads Retry-After dates and the daily reset
// (00:00 UTC) by it, and HTTPS certificates and signed requests are only valid inside time windows.
//
// Thresholds: the header has one-second resolution and NTP keeps a healthy Mac within a fraction
// of a second, so over 1 minute means the clock is not being set (warn); over 5 minutes — the
// usual tolerance of authentication time windows (Kerberos, signed URLs) — requests and window
// edges go wrong (fail).
import type { Side } from '../../shared/run-report';
import type { Exchange } from './recording-fetch';
import { fail, pass, warn, type Finding } from './finding';

export const CLOCK_WARN_MS = 60_000;
export const CLOCK_FAIL_MS = 5 * 60_000;
const NAME = 'clock';
const sideName: Record<Side, string> = { icloud: 'iCloud', platform: 'the platform' };

/** Server minus local, in ms (positive: this computer is behind); undefined without a Date header. */
export function skewOf(exchange: Exchange): number | undefined {
  const header = exchange.headers.get('date');
  const server = header ? Date.parse(header) : Number.NaN;
  if (Number.isNaN(server)) return undefined;
  // The header is truncated to the second: compare with the middle of that second.
  return server + 500 - (exchange.sentAt + exchange.receivedAt) / 2;
}

export function checkClock(exchanges: Exchange[]): Finding {
  const worst = new Map<Side, number>();
  for (const exchange of exchanges) {
    const skew = skewOf(exchange);
    if (skew === undefined) continue;
    const before = worst.get(exchange.side);
    if (before === undefined || Math.abs(skew) > Math.abs(before)) worst.set(exchange.side, skew);
  }
  if (worst.size === 0) {
    return warn(NAME, 'Not checked: no server answered with a Date header.', 'Fix the connection problems above, then run the doctor again.');
  }
  const parts = [...worst].map(([side, skew]) => describe(skew, sideName[side]));
  const largest = Math.max(...[...worst.values()].map(Math.abs));
  const summary = `This computer's clock is ${parts.join('; ')}.`;
  const fix =
    'Turn on "Set time and date automatically" (System Settings → General → Date & Time). ' +
    'A wrong clock puts events on the wrong side of the sync window and can make servers refuse requests.';
  if (largest > CLOCK_FAIL_MS) return fail(NAME, `${summary} Over 5 minutes apart: time windows and sign-in checks go wrong.`, fix);
  if (largest > CLOCK_WARN_MS) return warn(NAME, `${summary} Over 1 minute apart: the clock is not being set.`, fix);
  return pass(NAME, summary);
}

function describe(skewMs: number, server: string): string {
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  if (seconds <= 1) return `within a second of ${server}`;
  const amount = seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
  return skewMs > 0 ? `${amount} behind ${server}` : `${amount} ahead of ${server}`;
}
