// Who is invited to an event and how each answered (RFC 5545 ORGANIZER / ATTENDEE;PARTSTAT), read so
// the sync can tell the user's own answer to an invitation (S18). Addresses are normalised like the
// user's own (case-insensitive, without `mailto:`); iCloud sometimes names a person by urn:uuid or
// principal path with the email in the EMAIL parameter, so both are kept.
import ICAL from 'ical.js';

export interface Participant {
  /** The value and the EMAIL parameter, normalised. */
  addresses: string[];
  /** PARTSTAT upper-cased; RFC 5545 §3.2.12: absent means NEEDS-ACTION. */
  partstat: string;
}

export interface Participation {
  organizer?: string[];
  attendees: Participant[];
}

/**
 * How addresses are compared (the user's own and an ATTENDEE's): case-insensitive, without the
 * `mailto:` scheme, and percent-decoded (servers answer `/alice%40example.com/` for `/alice@example.com/`).
 */
export function normaliseAddress(value: string): string {
  const trimmed = value.trim().toLowerCase();
  const bare = trimmed.startsWith('mailto:') ? trimmed.slice('mailto:'.length) : trimmed;
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare; // a stray % is kept as written
  }
}

function addressesOf(prop: ICAL.Property): string[] {
  const values = [prop.getFirstValue(), prop.getParameter('email')].filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return [...new Set(values.map(normaliseAddress))];
}

/** The event's ORGANIZER and ATTENDEEs; undefined when it has neither (not a meeting: it is the user's). */
export function readParticipation(component: ICAL.Component): Participation | undefined {
  const attendees = component.getAllProperties('attendee').map((prop) => {
    const partstat = prop.getParameter('partstat');
    return { addresses: addressesOf(prop), partstat: typeof partstat === 'string' && partstat ? partstat.toUpperCase() : 'NEEDS-ACTION' };
  });
  const organizerProp = component.getFirstProperty('organizer');
  const organizer = organizerProp ? addressesOf(organizerProp) : undefined;
  if (!attendees.length && !organizer?.length) return undefined;
  return { ...(organizer?.length ? { organizer } : {}), attendees };
}
