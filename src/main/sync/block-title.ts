// What a copy is called on the platform (DESIGN "What crosses"): blockTitles for the blocked slots
// iCloud events make, crossLocationTitles for the blocks one location's appointments make in the
// others. Each takes `event` (the original's title), `busy`, or a template with {title} and
// {calendar}. The result is cut to what the platform accepts; an empty one reads "Busy".
import { PLATFORM_LIMITS } from '../../shared/platform-limits';
import type { Settings, TitleTemplate } from '../../shared/settings';
import { fitText } from './fit-text';

export const BUSY = 'Busy';

/** A title by one template setting's value. */
export function renderTitle(template: TitleTemplate, values: { title: string; calendar: string }): string {
  const text = template === 'busy' ? BUSY : template === 'event' ? values.title : template.replace(/\{(title|calendar)\}/g, (_, name: 'title' | 'calendar') => values[name]);
  return text.trim() ? fitText(text, PLATFORM_LIMITS.title) : BUSY;
}

/** The title of the blocked slot an iCloud event makes; `calendar` is its calendar's name. */
export function blockTitle(title: string, settings: Pick<Settings, 'blockTitles'>, calendar = ''): string {
  return renderTitle(settings.blockTitles, { title, calendar });
}

/**
 * The title of a cross-location block (issue 15): the appointment it stands for, by the
 * crossLocationTitles setting (default `busy`: the other location learns nothing of the booking).
 * `locationName` fills {calendar}.
 */
export function crossLocationBlockTitle(appointment: { title?: string | null }, settings: Pick<Settings, 'crossLocationTitles'>, locationName = ''): string {
  return renderTitle(settings.crossLocationTitles, { title: appointment.title ?? '', calendar: locationName });
}
