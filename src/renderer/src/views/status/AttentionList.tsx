// "Needs attention": pairs the engine detached (S6, S12), each with what happened and two actions.
import { useState } from 'react';
import type { AttentionItem } from '../../../../shared/ipc/views';
import { ErrorNote, LoadNotes } from '../../components/Notice';
import { useAction } from '../../hooks/useAction';
import { useLoad } from '../../hooks/useLoad';
import { useApi } from '../../lib/api';
import { dayTime } from '../../lib/time';
import { CancelAppointmentDialog } from './CancelAppointmentDialog';
import { Button } from '../../components/Button';
import { Muted } from '../../components/Muted';

const actionWords: Record<AttentionItem['kind'], { restore: string; cancel: string }> = {
  'icloud-mirror-deleted': { restore: 'Restore in iCloud', cancel: 'Cancel Appointment' },
  'platform-mirror-deleted': { restore: 'Restore Blocked Slot', cancel: 'Stop Syncing This Event' },
};

export function AttentionList({ count, now, onChanged }: { count: number; now: Date; onChanged: () => void }) {
  const api = useApi();
  const items = useLoad(() => api.attention.list(), [api, count]);
  const { busy: working, failure, run } = useAction<string>();
  /** Cancelling a booking reaches the customer: it asks first (S6). */
  const [confirming, setConfirming] = useState<AttentionItem>();

  const act = (item: AttentionItem, action: 'restore' | 'cancel') =>
    run(
      async () => {
        try {
          await (action === 'restore' ? api.attention.restore({ id: item.id }) : api.attention.cancel({ id: item.id }));
        } finally {
          setConfirming(undefined);
        }
        items.reload();
        onChanged();
      },
      item.id,
      (message) => `“${item.title}”: ${message}`,
    );

  if (count === 0 && !items.data?.length) return null;
  return (
    <section className="attention" aria-label="Needs attention">
      <h2>Needs attention</h2>
      <LoadNotes load={items} what="what needs you" />
      {failure && <ErrorNote message={failure} />}
      <ul className="attention-list">
        {items.data?.map((item) => (
          <li key={item.id} className="attention-item">
            <div>
              <strong>{item.title}</strong> <Muted>{dayTime(item.start, now)}</Muted>
              <p className="sentence">{item.message}</p>
            </div>
            <div className="row-actions">
              <Button disabled={working === item.id} onClick={() => act(item, 'restore')} aria-label={`${actionWords[item.kind].restore}: ${item.title}`}>
                {actionWords[item.kind].restore}
              </Button>
              <Button disabled={working === item.id} onClick={() => (item.kind === 'icloud-mirror-deleted' ? setConfirming(item) : act(item, 'cancel'))} aria-label={`${actionWords[item.kind].cancel}: ${item.title}`}>
                {item.kind === 'icloud-mirror-deleted' ? `${actionWords[item.kind].cancel}…` : actionWords[item.kind].cancel}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {confirming && (
        <CancelAppointmentDialog
          item={confirming}
          now={now}
          busy={working === confirming.id}
          onConfirm={() => act(confirming, 'cancel')}
          onCancel={() => setConfirming(undefined)}
        />
      )}
    </section>
  );
}
