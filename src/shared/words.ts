// Words the window and the command line share (UI.md "Words"): plurals, times as the Mac's local
// clock shows them, and the one sentence that says what a run did. Pure: no DOM, no Node.
import type { GuardDecision, GuardItem } from './guard';
import type { RunReport } from './run-report';

/** "1 conflict", "2 conflicts", "1 entry", "3 entries". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// Pure: the window imports this file but not localTime, so the bundler may drop the formatters.
const dateTime = /* @__PURE__ */ new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
const dateOnly = /* @__PURE__ */ new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

/** An instant in the Mac's local time ("Tue 3 Jun, 14:05"); a date-only value as that day. */
export function localTime(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return dateOnly.format(new Date(`${iso}T12:00:00`));
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function sideName(side: 'icloud' | 'platform'): string {
  return side === 'icloud' ? 'iCloud' : 'the platform';
}

export function writesTo(counts: RunReport['counts'], side: 'icloud' | 'platform'): number {
  const c = counts[side];
  return c.created + c.updated + c.deleted;
}

/**
 * What a run actually did, in one sentence: a failed run says why it stopped, a partial one what it
 * skipped or left open, a run that changed nothing says so only when nothing was left undone.
 */
export function runSummary(run: RunReport): string {
  const toIcloud = writesTo(run.counts, 'icloud');
  const toPlatform = writesTo(run.counts, 'platform');
  const changes: string[] = [];
  if (toIcloud) changes.push(`${plural(toIcloud, 'event')} to iCloud`);
  if (toPlatform) changes.push(`${plural(toPlatform, 'change')} to the platform`);
  if (run.outcome === 'guarded') return `Stopped for safety before changing anything${run.guard ? `: ${guardHeadline(run.guard)}` : ''}.`;
  if (run.outcome === 'failed') return `Stopped: ${run.error?.message ?? 'the sync did not finish.'}${changes.length ? ` Done before that: ${changes.join(', ')}.` : ''}`;
  const left: string[] = [];
  if (run.counts.errors) left.push(`${plural(run.counts.errors, 'event')} could not be synced`);
  if (run.counts.conflicts) left.push(`${plural(run.counts.conflicts, 'conflict')} waiting for you`);
  if (run.counts.skipped) left.push(`${plural(run.counts.skipped, 'event')} skipped`);
  const done = changes.length ? changes.join(', ') : left.length ? 'No changes made' : 'Nothing needed changing';
  return left.length ? `${done}; ${left.join(', ')}.` : `${done}.`;
}

/** "12 events would be deleted on the platform", "iCloud listed none of 5 synced events". */
export function guardHeadline(decision: GuardDecision): string {
  const n = decision.items.length;
  if (decision.kind === 'deletions') {
    const sides = [...new Set(decision.items.map((item) => item.side))];
    const where = sides.length === 1 ? ` from ${sideName(sides[0])}` : '';
    return `${plural(n, 'event')} would be deleted${where}`;
  }
  if (decision.kind === 'creations') return `${plural(n, 'blocked slot')} would be created on the platform`;
  const side = decision.items[0]?.side ?? 'icloud';
  return `${side === 'icloud' ? 'iCloud' : 'The platform'} listed none of ${plural(n, 'synced event')}`;
}

/** One guard item as a person reads it: its title and local time. */
export function guardItemLine(item: GuardItem): string {
  return `${item.title} — ${localTime(item.start)}`;
}

/**
 * Why a platform calendar cannot be chosen, as a sentence that does not repeat its name (the
 * emulator's and many real locations' Simple calendar is itself called "Simple calendar").
 */
export function platformCalendarProblem(entry: { type: string; eligible: boolean; reason?: string; mine?: boolean }): string | undefined {
  if (!entry.eligible) {
    if (entry.type === 'event') return 'Simple calendars can’t be synced';
    if (entry.type === 'personal') return 'Personal calendars can’t be synced';
    return entry.reason ? `Can’t be synced: ${entry.reason}` : 'Can’t be synced';
  }
  if (entry.mine === false) return 'You are not on this calendar’s team, so none of its appointments are yours';
  return undefined;
}

/** The platform location by its name when known, else its id (the name comes with the location endpoint). */
export function locationLabel(platform: { locationId?: string; locationName?: string }): string | undefined {
  return platform.locationName ?? platform.locationId;
}

/** The same where it stands alone in a sentence: "Salon Nord", or "Location abc123" for a bare id. */
export function locationPhrase(platform: { locationId?: string; locationName?: string }): string | undefined {
  return platform.locationName ?? (platform.locationId ? `Location ${platform.locationId}` : undefined);
}
