// Whether an item makes a copy under its source's filter (DESIGN "What crosses"), and what the copy
// is: the planner asks here for every new and every re-read item, so a filter set later releases the
// copies it now keeps out (plan-pairs.ts), through the same delete operations as any other.
import type { Settings } from '../../shared/settings';
import type { Occurrence } from '../icloud/codec/types';
import type { CalendarEvent } from '../platform/schemas';
import { blockContentFromIcloud, type Content } from './content';
import { filterOf, filterProblem, workingHoursRange } from './filters';
import type { IcloudRef } from './pair';
import type { PlanContext } from './plan-input';
import { midnightInZone, dateInZone } from './zoned-midnight';

export type BlockVerdict = { content: Content } | { skip: string };

/** How the report names a source. */
export function sourceLabel(ref: Pick<IcloudRef, 'calendarUrl' | 'source'>, context: Pick<PlanContext, 'calendarNames'>): string {
  const name = context.calendarNames?.[ref.calendarUrl];
  if (ref.source === 'linked') return 'linked calendar';
  return name ? `busy source "${name}"` : 'busy source';
}

/** The blocked slot an iCloud event makes, or why its source's filter keeps it off the platform. */
export function judgeBlock(occ: Occurrence, ref: Pick<IcloudRef, 'calendarUrl' | 'source'>, settings: Settings, context: PlanContext): BlockVerdict {
  const filter = filterOf(settings, ref.calendarUrl);
  const label = sourceLabel(ref, context);
  const problem = filterProblem(occ, filter, label);
  if (problem) return { skip: problem };
  const content = blockContentFromIcloud(occ, settings, context.zone, context.calendarNames?.[ref.calendarUrl] ?? '');
  const hours = workingHoursRange(content, filter, context.floatingZone, label);
  if ('skip' in hours) return hours;
  return { content: { ...content, start: hours.range.start, end: hours.range.end } };
}

/**
 * Why the location's filter keeps an appointment from crossing (its iCloud copy here; a
 * cross-location block too, where there are several locations), or undefined. Working hours never
 * clip an iCloud copy of a booking: they only shape blocks.
 */
export function appointmentFilterProblem(event: CalendarEvent, settings: Settings, context: Pick<PlanContext, 'locationId' | 'locationName' | 'zone'>): string | undefined {
  const filter = filterOf(settings, context.locationId);
  if (!filter) return undefined;
  const label = context.locationName ? `location "${context.locationName}"` : 'location';
  return filterProblem({ title: event.title ?? '', allDay: coversWholeDays(event, context.zone) }, filter, label);
}

/** The platform has no all-day appointments: one from midnight to midnight in the location's zone counts as one. */
function coversWholeDays(event: Pick<CalendarEvent, 'startTime' | 'endTime'>, zone: string): boolean {
  const start = new Date(event.startTime).toISOString();
  const end = new Date(event.endTime).toISOString();
  return start < end && midnightInZone(dateInZone(start, zone), zone) === start && midnightInZone(dateInZone(end, zone), zone) === end;
}
