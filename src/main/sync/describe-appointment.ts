// What the cancel confirmation names (attention.describe, the CLI's `cancel` question): the detached
// appointment as the platform has it now, and its customer's name from GET /contacts/{contactId}.
// Read at the moment of asking, so it is never stale, and never stored: a name is personal data,
// so it goes into the question only, not the state, the history or a log. Nothing here fails the
// cancel: without the contacts.readonly scope, or with the platform unreachable, the question says
// "the customer" and why.
import { own } from '../../shared/own';
import type { AppointmentDescription } from '../../shared/ipc/views';
import { SyncError, toSyncError } from '../errors';
import { contactName, type CalendarEvent } from '../platform/schemas';
import type { State } from '../store/state-schema';
import { fitText } from './fit-text';
import type { PlatformPort } from './ports';

/** The question waits this long for the name (the transport's own timeout and retries run to minutes). */
export const CONTACT_READ_DEADLINE_MS = 5_000;
/** Longer names are cut: a question, not a record (the platform limits nothing we can rely on). */
const MAX_NAME_LENGTH = 80;
const MAX_TITLE_LENGTH = 200;

type Reader = Pick<PlatformPort, 'getEvent' | 'getContact'>;

/** A refusal of the contact read is the missing scope (Scopes.md: contacts.readonly); anything else is "not now". */
function missingReason(thrown: unknown): 'missing-scope' | 'unavailable' {
  const status = toSyncError(thrown).details.status;
  return status === 401 || status === 403 ? 'missing-scope' : 'unavailable';
}

export async function describeAppointment(state: State, id: string, platform: Reader, deadlineMs = CONTACT_READ_DEADLINE_MS): Promise<AppointmentDescription> {
  const pair = own(state.pairs, id);
  if (!pair || pair.status !== 'detached' || pair.detached?.kind !== 'icloud-mirror-deleted' || !pair.platformId) {
    throw new SyncError('item', `There is no appointment "${id}" waiting to be cancelled. Run \`icloud-sync attention\` to list them.`);
  }
  const known: AppointmentDescription = { id, title: pair.title, start: pair.start, end: pair.end };
  let appointment: CalendarEvent;
  try {
    appointment = await platform.getEvent(pair.platformId);
  } catch {
    // The appointment could not be read (gone, or the platform is down): what the app knew, no name.
    return { ...known, customerMissing: 'unavailable' };
  }
  const current: AppointmentDescription = { id, title: printable(appointment.title ?? '', MAX_TITLE_LENGTH) || pair.title, start: appointment.startTime, end: appointment.endTime };
  if (!appointment.contactId || !platform.getContact) return { ...current, customerMissing: 'unavailable' };
  try {
    const read = platform.getContact(appointment.contactId);
    const contact = await withinDeadline(read, deadlineMs);
    if (!contact) return { ...current, customerMissing: 'unavailable' };
    const name = printable(contactName(contact) ?? '', MAX_NAME_LENGTH);
    return name ? { ...current, customerName: name } : { ...current, customerMissing: 'no-name' };
  } catch (thrown) {
    return { ...current, customerMissing: missingReason(thrown) };
  }
}

/** The read's answer, or undefined once the deadline passed (a hanging read never holds the question). */
async function withinDeadline<T>(read: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  // A read that fails after the deadline is nobody's error any more.
  read.catch(() => undefined);
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A name or title as a person reads it in a terminal or a dialog: control characters (a terminal's escape
 * sequences, line breaks) and bidirectional overrides (text that reads backwards) become spaces,
 * runs of spaces one, and a huge one is cut.
 */
function printable(text: string, max: number): string | undefined {
  const clean = text.replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ').replace(/\s+/g, ' ').trim();
  return clean ? fitText(clean, max) : undefined;
}
