// Title filters and filter entries in state.json that this build refuses (DESIGN "What crosses"):
// written by an older build whose checker let them pass, or by hand. The settings schema refuses
// the whole `filters` value for one of them, which set the whole state file aside — every pair,
// account and link with it. They are dropped here, before the file is validated, each named in a
// notice; what the checker accepts stays exactly as it was.
import { checkFilters } from '../../shared/filter-rules';
import { checkTitlePattern } from '../../shared/title-patterns';

/** Drops what the filter checks refuse from a (migrated) state file, in place; says what it dropped. */
export function dropRefusedFilters(file: Record<string, unknown>): string | undefined {
  const settings = file.settings as { filters?: unknown } | undefined;
  const filters = settings?.filters;
  if (!filters || typeof filters !== 'object' || Array.isArray(filters) || checkFilters(filters) === undefined) return undefined;
  const dropped: string[] = [];
  const kept = new Map<string, unknown>();
  for (const [source, filter] of Object.entries(filters as Record<string, unknown>)) {
    let entry = filter;
    const titles = (entry as { skipTitles?: unknown } | null)?.skipTitles;
    if (Array.isArray(titles)) {
      const refused = titles.filter((title) => !checkTitlePattern(title).ok);
      for (const title of refused) dropped.push(`title filter ${JSON.stringify(title)} of ${source}`);
      entry = { ...(entry as object), skipTitles: titles.filter((title) => !refused.includes(title)) };
      // Left letting everything cross (its only title filters dropped): no entry, as withFilterField does.
      if (refused.length && lets(entry)) continue;
    }
    if (checkFilters(Object.fromEntries([[source, entry]])) === undefined) kept.set(source, entry);
    else dropped.push(`the filter of ${JSON.stringify(source)}`);
  }
  settings!.filters = Object.fromEntries(kept);
  return `state.json held filters this version refuses; they were dropped (everything else was kept): ${dropped.join('; ')}. Set them again in a form the checker accepts (icloud-sync set filters.…).`;
}

function lets(entry: unknown): boolean {
  const { skipTitles, skipAllDay, workingHours, ...others } = entry as Record<string, unknown>;
  return Array.isArray(skipTitles) && skipTitles.length === 0 && skipAllDay === false && workingHours === '' && Object.keys(others).length === 0;
}
