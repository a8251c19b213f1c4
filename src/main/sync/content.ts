// What "the same event" means across the two sides. Each side's item is projected onto the fields
// the other side can hold, then hashed: a change is a changed hash, so a server that rewrites its
// ICS (DTSTAMP, PRODID, VTIMEZONE) or its JSON never causes ping-pong (DESIGN §2, vdirsyncer).
import { createHash } from 'node:crypto';
import type { EventVersion } from '../../shared/ipc/views';
import type { Settings } from '../../shared/settings';
import type { Occurrence } from '../icloud/codec/types';
import type { CalendarEvent } from '../platform/schemas';
import { midnightInZone } from './zoned-midnight';

/** The comparable content of one side of a pair. Times are UTC instants (ISO) for blocks. */
export interface Content {
  title: string;
  start: string;
  end: string;
  allDay: boolean;
  notes?: string;
  location?: string;
}

export function hashContent(content: Content): string {
  const canonical = JSON.stringify([
    content.title.trim(),
    content.start,
    content.end,
    content.allDay,
    (content.notes ?? '').trim(),
    (content.location ?? '').trim(),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

const instant = (value: string) => new Date(value).toISOString();

/** Title a blocked slot gets for an iCloud event (setting blockTitles). */
export function blockTitle(title: string, settings: Pick<Settings, 'blockTitles'>): string {
  return settings.blockTitles === 'busy' || !title.trim() ? 'Busy' : title;
}

/** An iCloud event as the blocked slot that mirrors it (S8, S15: all-day = whole days in the location's zone). */
export function blockContentFromIcloud(occ: Occurrence, settings: Pick<Settings, 'blockTitles'>, zone: string): Content {
  const start = occ.allDay && occ.start.date ? midnightInZone(occ.start.date, zone) : instant(occ.start.iso);
  const end = occ.allDay && occ.end.date ? midnightInZone(occ.end.date, zone) : instant(occ.end.iso);
  return { title: blockTitle(occ.title, settings), start, end, allDay: false };
}

export function blockContentFromPlatform(event: CalendarEvent): Content {
  return { title: event.title ?? '', start: instant(event.startTime), end: instant(event.endTime), allDay: false };
}

/** Appointment fields a mirror carries (S3, S5): title, time, notes, address. */
export function appointmentContentFromPlatform(event: CalendarEvent): Content {
  return {
    title: event.title ?? '',
    start: instant(event.startTime),
    end: instant(event.endTime),
    allDay: false,
    notes: event.description ?? event.notes ?? '',
    location: event.address ?? '',
  };
}

export function appointmentContentFromIcloud(occ: Occurrence): Content {
  return {
    title: occ.title,
    start: instant(occ.start.iso),
    end: instant(occ.end.iso),
    allDay: false,
    notes: occ.notes,
    location: occ.location,
  };
}

export function toVersion(content: Content, modifiedAt?: string): EventVersion {
  return { ...content, modifiedAt };
}

/** The EventVersion fields that differ, for the conflict view. */
export function changedFields(a: Content, b: Content): string[] {
  return (['title', 'start', 'end', 'allDay', 'notes', 'location'] as const).filter(
    (field) => (a[field] ?? '') !== (b[field] ?? ''),
  );
}
