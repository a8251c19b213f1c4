// The normalised content hash (DESIGN: "change = etag and normalised content hash both changed").
// Servers rewrite what they store (line endings, folding, DTSTAMP, PRODID, LAST-MODIFIED, CREATED,
// their own VTIMEZONE text); hashing the fields we sync, not the bytes, stops ping-pong updates.
import { createHash } from 'node:crypto';
import type { DomainEvent } from './types';

/** The fields that make an event what it is, in a fixed order. */
function canonical(event: DomainEvent): unknown[] {
  const ours = Object.entries(event.xProps)
    .filter(([name]) => name.startsWith('X-ICLOUDSYNC-'))
    .sort(([a], [b]) => a.localeCompare(b));
  return [
    event.uid,
    event.recurrenceId ?? null,
    event.start.iso,
    event.start.date ?? null,
    event.start.tzid ?? null,
    event.end.iso,
    event.end.date ?? null,
    event.end.tzid ?? null,
    event.allDay,
    normaliseText(event.title),
    normaliseText(event.notes),
    normaliseText(event.location),
    event.transparent,
    event.status ?? null,
    event.recurrence
      ? [event.recurrence.rrule.map(normaliseRule).sort(), [...event.recurrence.rdate].sort(), [...event.recurrence.exdate].sort()]
      : null,
    ours,
  ];
}

function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/** RRULE parts in a fixed order, so "BYDAY=MO;FREQ=WEEKLY" equals "FREQ=WEEKLY;BYDAY=MO". */
function normaliseRule(rule: string): string {
  return rule.toUpperCase().split(';').filter(Boolean).sort().join(';');
}

/** sha256 (hex) of one object's events (master and overrides), independent of their order. */
export function contentHash(events: DomainEvent[]): string {
  const parts = events.map((event) => JSON.stringify(canonical(event))).sort();
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}
