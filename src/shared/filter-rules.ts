// What crosses (DESIGN "What crosses"): per-source filters and title templates, as plain data with
// their checks. No zod here (the window imports it); settings.ts wraps these same checks in zod.
import { own } from './own';
import { checkTitlePattern, TITLE_FILTER_MAX_COUNT } from './title-patterns';
import { parseWorkingHours } from './working-hours';

/** What one source lets cross. A source with no entry lets everything cross. */
export interface SourceFilter {
  /** Title filters: plain text (case-insensitive, anywhere in the title) or `/regex/` / `/regex/i`. */
  skipTitles: string[];
  /** All-day events make no copy. */
  skipAllDay: boolean;
  /** A weekly schedule in the Mac's zone (working-hours.ts); '' = every hour. Blocks only. */
  workingHours: string;
}
export type SourceFilters = Record<string, SourceFilter>;
export type FilterField = keyof SourceFilter;
export const filterFields: FilterField[] = ['skipTitles', 'skipAllDay', 'workingHours'];
export const noFilter: SourceFilter = { skipTitles: [], skipAllDay: false, workingHours: '' };

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A source is named by its id: an iCloud calendar's URL (the linked calendar or a busy source) or a
 * platform location's id.
 */
export function checkSourceId(source: string): string | undefined {
  if (/^https?:\/\/\S+$/.test(source) && source.length <= 2000) return undefined;
  // `__proto__` names no location the app can keep: a JSON record drops that key when it is read.
  if (/^[A-Za-z0-9_-]{1,100}$/.test(source) && source !== '__proto__') return undefined;
  return `"${source}" is not a source: name an iCloud calendar by its URL (icloud-sync calendars) or a location by its id`;
}

export function checkFilterField(field: FilterField, value: unknown): Checked<SourceFilter[FilterField]> {
  if (field === 'skipAllDay') return typeof value === 'boolean' ? { ok: true, value } : { ok: false, message: 'skipAllDay is true or false' };
  if (field === 'workingHours') {
    if (typeof value !== 'string') return { ok: false, message: 'workingHours is a text such as "mon-fri 09:00-17:30"' };
    return checkWorkingHours(value);
  }
  if (!Array.isArray(value)) return { ok: false, message: 'skipTitles is a list of texts, e.g. ["lunch","/^private/i"]' };
  return checkTitleFilters(value);
}

// The two checks below are what the window runs as a field is saved: its boxes always hold text,
// so the type checks above (the CLI's and the IPC's) would be dead code in its bundle.

/** A source's title filters: at most TITLE_FILTER_MAX_COUNT, each a valid pattern (title-patterns.ts). */
export function checkTitleFilters(list: readonly unknown[]): Checked<string[]> {
  if (list.length > TITLE_FILTER_MAX_COUNT) return { ok: false, message: `skipTitles holds at most ${TITLE_FILTER_MAX_COUNT} filters` };
  for (const item of list) {
    const checked = checkTitlePattern(item);
    if (!checked.ok) return checked;
  }
  return { ok: true, value: [...(list as string[])] };
}

/** A source's working hours as written; the value kept is the schedule in its normal form. */
export function checkWorkingHours(text: string): Checked<string> {
  const hours = parseWorkingHours(text);
  return hours.ok ? { ok: true, value: hours.text } : { ok: false, message: hours.message };
}

/** More sources than anyone links (calendars and locations together): bounds what the window may send. */
const MAX_SOURCES = 200;

/** The whole `filters` setting: every source id valid, every entry complete and valid. */
export function checkFilters(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'filters is an object: source id → { skipTitles, skipAllDay, workingHours }';
  if (Object.keys(value).length > MAX_SOURCES) return `filters name at most ${MAX_SOURCES} sources`;
  for (const [source, filter] of Object.entries(value)) {
    const bad = checkSourceId(source);
    if (bad) return bad;
    if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return `the filter of ${source} is an object { skipTitles, skipAllDay, workingHours }`;
    const keys = Object.keys(filter);
    if (keys.length !== filterFields.length || !filterFields.every((f) => keys.includes(f))) return `the filter of ${source} has exactly skipTitles, skipAllDay and workingHours`;
    for (const field of filterFields) {
      const checked = checkFilterField(field, (filter as Record<string, unknown>)[field]);
      if (!checked.ok) return `${source}: ${checked.message}`;
    }
  }
  return undefined;
}

/** The CLI names one field of one source: `filters.<source id>.<field>` (the field after the last dot). */
export function parseFilterKey(key: string): Checked<{ source: string; field: FilterField }> {
  const rest = key.slice('filters.'.length);
  const dot = rest.lastIndexOf('.');
  const field = rest.slice(dot + 1) as FilterField;
  const source = rest.slice(0, Math.max(dot, 0));
  if (dot <= 0 || !filterFields.includes(field)) {
    return { ok: false, message: `A filter key is filters.<source>.<field>, with field one of ${filterFields.join(', ')}: got "${key}".` };
  }
  const bad = checkSourceId(source);
  return bad ? { ok: false, message: bad } : { ok: true, value: { source, field } };
}

/** One field of a source's filter, changed; a filter back to letting everything cross is removed. */
export function withFilterField(filters: SourceFilters, source: string, field: FilterField, value: SourceFilter[FilterField]): SourceFilters {
  const next: SourceFilter = { ...(own(filters, source) ?? noFilter), [field]: value };
  const { [source]: _old, ...others } = filters;
  void _old;
  const lets = next.skipTitles.length === 0 && !next.skipAllDay && next.workingHours === '';
  return lets ? others : { ...others, [source]: next };
}

// Title templates: `event` (the event's own title), `busy` ("Busy"), or a text with {title} and
// {calendar} (the source calendar's name, or the location's for a cross-location block).
export const TITLE_TEMPLATE_MAX_LENGTH = 200;
export const templatePlaceholders = ['{title}', '{calendar}'] as const;

export function checkTitleTemplate(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return 'event, busy, or a text with {title} and {calendar}';
  if (value.length > TITLE_TEMPLATE_MAX_LENGTH) return `a title template is at most ${TITLE_TEMPLATE_MAX_LENGTH} characters`;
  for (const placeholder of value.match(/\{[^}]*\}/g) ?? []) {
    if (!(templatePlaceholders as readonly string[]).includes(placeholder)) return `unknown placeholder ${placeholder}: use {title} or {calendar}`;
  }
  return undefined;
}

/** A filter field given as text (the CLI): skipTitles as a JSON list, skipAllDay as true/false, workingHours as written. */
export function parseFilterFieldText(field: FilterField, text: string): Checked<SourceFilter[FilterField]> {
  const trimmed = text.trim();
  if (field === 'skipAllDay') return checkFilterField(field, trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed);
  if (field === 'workingHours') return checkFilterField(field, trimmed);
  let list: unknown;
  try {
    list = JSON.parse(trimmed);
  } catch {
    return { ok: false, message: `skipTitles is a JSON list of texts, e.g. '["lunch","/^private/i"]': got ${text}` };
  }
  return checkFilterField(field, list);
}
