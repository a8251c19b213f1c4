// Filtering and exporting run reports for the History view. Exports hold only what reports hold:
// titles, times, counts, reasons — never a secret (secrets never enter a report).
import type { RunReport } from '../../shared/run-report';

export interface HistoryFilter {
  outcome?: RunReport['outcome'];
  direction?: 'to-icloud' | 'to-platform';
  text?: string;
}

export function matchesFilter(run: RunReport, filter: HistoryFilter): boolean {
  if (filter.outcome && run.outcome !== filter.outcome) return false;
  const { icloud, platform } = run.counts;
  if (filter.direction === 'to-icloud' && icloud.created + icloud.updated + icloud.deleted === 0) return false;
  if (filter.direction === 'to-platform' && platform.created + platform.updated + platform.deleted === 0) return false;
  const text = filter.text?.trim().toLowerCase();
  if (text) {
    const haystack = [run.error?.message, ...run.items.flatMap((i) => [i.title, i.reason, i.error])].filter(Boolean).join('\n').toLowerCase();
    if (!haystack.includes(text)) return false;
  }
  return true;
}

const csvColumns = [
  'startedAt', 'finishedAt', 'trigger', 'outcome', 'toIcloudCreated', 'toIcloudUpdated', 'toIcloudDeleted',
  'toPlatformCreated', 'toPlatformUpdated', 'toPlatformDeleted', 'skipped', 'conflicts', 'errors', 'error',
] as const;

function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  // Quote always-dangerous cells; a leading = + - @ is neutralised so a spreadsheet never runs it.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(runs: RunReport[]): string {
  const rows = runs.map((r) => [
    r.startedAt, r.finishedAt, r.trigger, r.outcome,
    r.counts.icloud.created, r.counts.icloud.updated, r.counts.icloud.deleted,
    r.counts.platform.created, r.counts.platform.updated, r.counts.platform.deleted,
    r.counts.skipped, r.counts.conflicts, r.counts.errors, r.error?.message,
  ].map(csvCell).join(','));
  return [csvColumns.join(','), ...rows].join('\n') + '\n';
}
