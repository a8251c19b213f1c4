// What the cancel confirmation names (attention.describe, the CLI's `cancel` question): the detached
// appointment as the platform has it now, and its customer's name from GET /contacts/{contactId}.
// Read at the moment of asking, so it is never stale, and never stored: a name is personal data,
// so it goes into the question only, not the state, the history or a log. Nothing here fails the
// cancel: without the contacts.readonly scope, or with the platform unreachable, the question says
// "the customer" and why.
import type { AppointmentDescription } from '../../shared/ipc/views';
import { SyncError, toSyncError } from '../errors';
import { contactName, type CalendarEvent } from '../platform/schemas';
import type { State } from '../store/state-schema';
import type { PlatformPort } from './ports';

type Reader = Pick<PlatformPort, 'getEvent' | 'getContact'>;

/** A refusal of the contact read is the missing scope (Scopes.md: contacts.readonly); anything else is "not now". */
function missingReason(thrown: unknown): 'missing-scope' | 'unavailable' {
  const status = toSyncError(thrown).details.status;
  return status === 401 || status === 403 ? 'missing-scope' : 'unavailable';
}

export async function describeAppointment(state: State, id: string, platform: Reader): Promise<AppointmentDescription> {
  const pair = state.pairs[id];
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
  const current: AppointmentDescription = { id, title: appointment.title || pair.title, start: appointment.startTime, end: appointment.endTime };
  if (!appointment.contactId || !platform.getContact) return { ...current, customerMissing: 'unavailable' };
  try {
    const name = contactName(await platform.getContact(appointment.contactId));
    return name ? { ...current, customerName: name } : { ...current, customerMissing: 'no-name' };
  } catch (thrown) {
    return { ...current, customerMissing: missingReason(thrown) };
  }
}
