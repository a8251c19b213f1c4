// One source's filter (DESIGN S19): its title filters, all-day events, working hours. Every change
// saves the whole `filters` setting with this source's field changed (withFilterField).
import { noFilter, withFilterField, type FilterField, type SourceFilter, type SourceFilters } from '../../../../shared/filter-rules';
import { FilterFieldInput } from './FilterFieldInput';
import { ToggleSetting } from './SettingControls';

export interface FilterSource {
  /** The source id: a calendar URL or a location id. */
  id: string;
  /** "Linked calendar “Work”", "Busy source “Family”", "Location “Downtown”". */
  heading: string;
  /** Its items make blocked slots (working hours apply), or iCloud copies of bookings (they do not). */
  makesBlocks: boolean;
}

interface Props {
  source: FilterSource;
  filters: SourceFilters;
  save: (filters: SourceFilters) => void;
  /** The app's refusal of the last filters saved, if any: "<source id>: <problem>." (settings-service.ts). */
  problem?: string;
}

/** The part of a refusal that is about `source`'s filter, as a sentence; undefined when it is another's. */
export function problemOf(source: FilterSource, problem: string | undefined): string | undefined {
  const prefix = `${source.id}: `;
  if (!problem?.startsWith(prefix)) return undefined;
  const rest = problem.slice(prefix.length);
  return `${rest[0]?.toUpperCase() ?? ''}${rest.slice(1)}`;
}

export function SourceFilterCard({ source, filters, save, problem }: Props) {
  const filter: SourceFilter = filters[source.id] ?? noFilter;
  const change = (field: FilterField, value: SourceFilter[FilterField]) => save(withFilterField(filters, source.id, field, value));
  const copies = source.makesBlocks ? 'blocked slots' : 'iCloud copies';
  return (
    <section className="source-filter" aria-label={source.heading}>
      <h3>{source.heading}</h3>
      <FilterFieldInput
        label="Skip events whose title contains"
        hint="One a line, any case. Write /…/i for a regular expression."
        field="skipTitles"
        value={filter.skipTitles.join('\n')}
        onSave={(value) => change('skipTitles', value)}
        refused={problemOf(source, problem)}
      />
      <ToggleSetting label="Skip all-day events" value={filter.skipAllDay} hint={`All-day events make no ${copies}.`} onSave={(value) => change('skipAllDay', value)} />
      {source.makesBlocks && (
        <FilterFieldInput
          label="Block only inside working hours"
          hint="In this Mac’s time zone, e.g. mon-fri 09:00-17:30, sat 10:00-14:00. Empty: every hour."
          field="workingHours"
          value={filter.workingHours}
          onSave={(value) => change('workingHours', value)}
        />
      )}
    </section>
  );
}
