// What crosses (UI.md, DESIGN S19): per source — the linked calendar, each busy source, the
// location — which events make copies, then what the copies are called. A title filter the app
// refuses is shown under its source's box; any other refusal of the filters above the cards.
import type { SettingChange } from '../../../../shared/ipc/contract';
import type { Settings } from '../../../../shared/settings';
import type { StatusView } from '../../../../shared/status';
import { ErrorNote } from '../../components/Notice';
import { problemOf, SourceFilterCard, type FilterSource } from './SourceFilterCard';
import { TitleTemplateSetting } from './TitleTemplateSetting';
import './what-crosses.css';
import { SettingsGroup } from './SettingsGroup';
import { settingProps } from './settingProps';

interface Props {
  status: StatusView;
  settings: Settings;
  save: (change: SettingChange) => void;
  problemFor: (key: keyof Settings) => string | undefined;
}

/** The sources as Status knows them, named as the user knows them. */
export function filterSources(status: StatusView): FilterSource[] {
  const sources: FilterSource[] = [];
  const linked = status.icloud.linkedCalendar;
  if (linked) sources.push({ id: linked.id, heading: `Linked calendar “${linked.name}”`, makesBlocks: true });
  for (const busy of status.icloud.busySources) sources.push({ id: busy.id, heading: `Busy source “${busy.name}”`, makesBlocks: true });
  // A location's own iCloud calendar (issue 15): its events block time like the linked calendar's, filtered by its own card.
  const own = new Map((status.locations ?? [status.platform]).flatMap((location) => (location.icloudCalendar ? [[location.icloudCalendar.id, { calendar: location.icloudCalendar, location }]] : [])));
  for (const { calendar, location } of own.values()) {
    if (calendar.id === linked?.id) continue;
    sources.push({ id: calendar.id, heading: `Calendar “${calendar.name}” of ${location.locationName ?? location.locationId}`, makesBlocks: true });
  }
  const { locationId, locationName } = status.platform;
  if (locationId) sources.push({ id: locationId, heading: `Location “${locationName ?? locationId}”`, makesBlocks: false });
  return sources;
}

export function WhatCrossesSettings({ status, settings, save, problemFor }: Props) {
  const sources = filterSources(status);
  const refused = problemFor('filters');
  const unplaced = refused && !sources.some((source) => problemOf(source, refused)) ? refused : undefined;
  return (
    <SettingsGroup id="what-crosses" title="What crosses">
      {sources.length === 0 && <p className="hint">Link a calendar first: its filters appear here.</p>}
      {unplaced && <ErrorNote message={unplaced} />}
      {sources.map((source) => (
        <SourceFilterCard key={source.id} source={source} filters={settings.filters} save={(value) => save({ key: 'filters', value })} problem={refused} />
      ))}
      <TitleTemplateSetting
        label="Blocked slot titles"
        titleWord="The iCloud event’s title"
        hint="What people on the platform see on the time your iCloud events block. A template may use {title} and {calendar}."
        problem={problemFor('blockTitles')}
        {...settingProps(settings, save, 'blockTitles')}
      />
      <TitleTemplateSetting
        label="Titles in other locations"
        titleWord="The appointment’s title"
        hint="With several locations connected: what an appointment blocks in the others. {calendar} is its location’s name."
        problem={problemFor('crossLocationTitles')}
        {...settingProps(settings, save, 'crossLocationTitles')}
      />
    </SettingsGroup>
  );
}
