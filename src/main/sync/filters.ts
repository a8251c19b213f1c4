// What crosses (DESIGN "What crosses"): whether a source's filter keeps an item from making a copy,
// and why in the words of the run report. A source is the linked iCloud calendar, a busy source, or
// a location; its filter is settings.filters[its id]. Pure: no clock, no I/O.
import { own } from '../../shared/own';
import type { Settings, SourceFilter } from '../../shared/settings';
import { compileTitlePattern, TITLE_MATCH_LENGTH } from '../../shared/title-patterns';
import { parseWorkingHours, type WorkingInterval } from '../../shared/working-hours';
import { clipToWorkingHours, type TimeRange } from './working-hours-clip';

export function filterOf(settings: Pick<Settings, 'filters'>, source: string | undefined): SourceFilter | undefined {
  return source === undefined ? undefined : own(settings.filters, source);
}

const compiled = new Map<string, RegExp>();

/** The first title filter the title matches, or undefined. Titles are matched on their first 255 characters. */
export function matchingTitleFilter(title: string, patterns: readonly string[]): string | undefined {
  const text = title.slice(0, TITLE_MATCH_LENGTH);
  for (const pattern of patterns) {
    let regex = compiled.get(pattern);
    if (!regex) {
      regex = compileTitlePattern(pattern);
      compiled.set(pattern, regex);
    }
    if (regex.test(text)) return pattern;
  }
  return undefined;
}

/** Why the filter skips an item (its title, all-day), or undefined; `label` names the source. */
export function filterProblem(item: { title: string; allDay: boolean }, filter: SourceFilter | undefined, label: string): string | undefined {
  if (!filter) return undefined;
  const pattern = matchingTitleFilter(item.title, filter.skipTitles);
  if (pattern !== undefined) return `skipped by title filter ${JSON.stringify(pattern)} (${label})`;
  if (item.allDay && filter.skipAllDay) return `skipped: all-day event (${label})`;
  return undefined;
}

const schedules = new Map<string, WorkingInterval[]>();

function intervalsOf(text: string): WorkingInterval[] {
  let intervals = schedules.get(text);
  if (!intervals) {
    const parsed = parseWorkingHours(text);
    // Settings are checked when set; a schedule that no longer parses lets every hour block rather than none.
    intervals = parsed.ok ? parsed.intervals : [];
    schedules.set(text, intervals);
  }
  return intervals;
}

/** A block's range inside the source's working hours (in the Mac's zone), or a skip reason. */
export function workingHoursRange(range: TimeRange, filter: SourceFilter | undefined, zone: string, label: string): { range: TimeRange } | { skip: string } {
  if (!filter?.workingHours) return { range };
  const clipped = clipToWorkingHours(range, intervalsOf(filter.workingHours), zone);
  return clipped ? { range: clipped } : { skip: `skipped: outside working hours ${filter.workingHours} (${label})` };
}
