// The words of the cancel confirmation, shared by the window's dialog and the CLI's `cancel`
// question (UI.md "Words"): who the booking belongs to, when, and what cancelling does. The name
// is read from the platform at that moment (attention.describe); without it, "the customer" and why.
import type { AppointmentDescription } from './ipc/views';
import { localTime } from './words';

// Pure: lets the window's bundle drop it where only the other words are used.
const clock = /* @__PURE__ */ new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** The customer by name, or "the customer" when the name could not be read. */
export function customerLabel(appointment: AppointmentDescription): string {
  return appointment.customerName ?? 'the customer';
}

/** Why the name is not shown, with the one thing to do when there is one; undefined when it is shown. */
export function customerMissingNote(appointment: AppointmentDescription): string | undefined {
  switch (appointment.customerMissing) {
    case 'missing-scope':
      return 'The customer’s name is not shown because the platform token may not read contacts: add the contacts.readonly scope to the Private Integration Token (Settings → Private Integrations on the platform) to see it here.';
    case 'unavailable':
      return 'The customer’s name could not be read from the platform just now.';
    default:
      return undefined;
  }
}

/** "Tue 3 Jun, 14:05–15:05" in the Mac's local time; the whole end when it falls on another day. */
export function appointmentTimes(appointment: Pick<AppointmentDescription, 'start' | 'end'>): string {
  const start = new Date(appointment.start);
  const end = new Date(appointment.end);
  // No usable end (unknown, or not after the start): the start alone.
  if (Number.isNaN(start.getTime()) || !(end.getTime() > start.getTime())) return localTime(appointment.start);
  const sameDay = start.toDateString() === end.toDateString();
  return `${localTime(appointment.start)}–${sameDay ? clock.format(end) : localTime(appointment.end)}`;
}

/** What cancelling does, naming whose booking it is. */
export function cancelConsequence(appointment: AppointmentDescription): string {
  return `The booking is cancelled on the platform for ${customerLabel(appointment)} and the time becomes free to book. This cannot be undone here.`;
}

/** The CLI's question: the appointment, its customer, its time and the consequence, then why a name is missing. */
export function cancelQuestion(appointment: AppointmentDescription): string {
  const note = customerMissingNote(appointment);
  return `Cancel the appointment "${appointment.title}" with ${customerLabel(appointment)} on ${appointmentTimes(appointment)}? ${cancelConsequence(appointment)}${note ? ` (${note})` : ''}`;
}
