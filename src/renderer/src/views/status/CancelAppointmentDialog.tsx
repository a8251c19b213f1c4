// "Cancel Appointment…" asks first, naming whose booking it is, when, and what cancelling does
// (issue 12). The customer's name is read from the platform as the dialog opens
// (attention.describe), so it is never stale; until it arrives the destructive button waits. If it
// cannot be read, the dialog says "the customer" and why — the cancel itself never depends on it.
import type { AppointmentDescription, AttentionItem } from '../../../../shared/ipc/views';
import { cancelConsequence, customerLabel, customerMissingNote } from '../../../../shared/cancel-words';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useLoad } from '../../hooks/useLoad';
import { useApi } from '../../lib/api';
import { dayTime, eventTime } from '../../lib/time';

interface Props {
  item: AttentionItem;
  now: Date;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function CancelAppointmentDialog({ item, now, busy, onConfirm, onCancel }: Props) {
  const api = useApi();
  const described = useLoad(() => api.attention.describe({ id: item.id }), [api, item.id]);
  // Not read (the app could not ask): what the list already knows, with no name.
  const appointment: AppointmentDescription | undefined =
    described.data ?? (described.state === 'error' ? { id: item.id, title: item.title, start: item.start, end: item.start, customerMissing: 'unavailable' } : undefined);
  const note = appointment && customerMissingNote(appointment);
  const when = appointment && (Date.parse(appointment.end) > Date.parse(appointment.start) ? eventTime(appointment.start, appointment.end, false, now) : dayTime(appointment.start, now));

  return (
    <ConfirmDialog
      title={`Cancel “${item.title}”?`}
      confirmLabel="Cancel Appointment"
      cancelLabel="Keep Appointment"
      busy={busy}
      busyLabel="Cancelling…"
      confirmDisabled={!appointment}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {appointment ? (
        <>
          <p>
            “{appointment.title}” with <strong>{customerLabel(appointment)}</strong>, {when}.
          </p>
          <p>{cancelConsequence(appointment)}</p>
          {note && <p className="muted">{note}</p>}
        </>
      ) : (
        <p role="status">Reading the appointment and its customer from the platform…</p>
      )}
      <p>Its iCloud copy was already deleted. To keep the booking, choose Keep Appointment and then Restore in iCloud.</p>
    </ConfirmDialog>
  );
}
