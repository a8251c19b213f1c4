// What "the same event" means across the two sides. Each side's item is projected onto the fields
// the other side can hold, then hashed: a change is a changed hash, so a server that rewrites its
// ICS (DTSTAMP, PRODID, VTIMEZONE) or its JSON never causes ping-pong (DESIGN §2, vdirsyncer).
import type { EventVersion } from '../../shared/ipc/views';
import type { Settings } from '../../shared/settings';
import type { Occurrence } from '../icloud/codec/types';
import type { CalendarEvent } from '../platform/schemas';
import { PLATFORM_LIMITS } from '../../shared/platform-limits';
import { blockTitle } from './block-title';
import { fitText } from './fit-text';
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
  return fingerprint(canonical);
}

/**
 * A 128-bit fingerprint (cyrb53's two 32-bit lanes, for two seeds), as hex. Change detection
 * compares a pair's content with its own last-seen content, nothing adversarial, so a fast
 * non-cryptographic hash is enough; it keeps planning 10,000 pairs cheap (sha256 through node:crypto
 * costs ~2 µs a call, and formatting large numbers in base 36 was slower still).
 */
function fingerprint(text: string): string {
  return lanes(text, 1) + lanes(text, 2);
}

const hexByte = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (n: number) => hexByte[(n >>> 24) & 255] + hexByte[(n >>> 16) & 255] + hexByte[(n >>> 8) & 255] + hexByte[n & 255];

/** cyrb53's mixing (public domain, bryc), keeping both 32-bit lanes. */
function lanes(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex32(h1) + hex32(h2);
}

/** Already canonical (what our side and Date#toISOString write): no need to parse it again. */
const canonicalUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const instant = (value: string) => (canonicalUtc.test(value) ? value : new Date(value).toISOString());

/**
 * An iCloud event as the blocked slot that mirrors it (S8, S15: all-day = whole days in the location's
 * zone), before any filter: judge-block.ts applies the source's filter and working hours.
 * `calendar` is the event's calendar name (a title template's {calendar}).
 */
export function blockContentFromIcloud(occ: Occurrence, settings: Pick<Settings, 'blockTitles'>, zone: string, calendar = ''): Content {
  const start = occ.allDay && occ.start.date ? midnightInZone(occ.start.date, zone) : instant(occ.start.iso);
  const end = occ.allDay && occ.end.date ? midnightInZone(occ.end.date, zone) : instant(occ.end.iso);
  return { title: blockTitle(occ.title, settings, calendar), start, end, allDay: false };
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

/**
 * What an edited mirror asks of its appointment (S5). Title and notes are cut to what the platform
 * accepts here, on the way in, so both sides' hashes agree on the cut text and a long iCloud title
 * does not read as a change on every cycle.
 */
export function appointmentContentFromIcloud(occ: Occurrence): Content {
  return {
    title: fitText(occ.title, PLATFORM_LIMITS.title),
    start: instant(occ.start.iso),
    end: instant(occ.end.iso),
    allDay: false,
    notes: fitText(occ.notes, PLATFORM_LIMITS.notes),
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
