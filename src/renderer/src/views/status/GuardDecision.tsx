// A safety guard stopped syncing (issue 12): what it would do — the count and the events by title
// and time — and the two choices. "Delete Them" / "Create Them" asks first; "Keep Them" / "Don't
// Create Them" is the safe choice and this view's primary action while a guard waits.
import { useState } from 'react';
import type { GuardDecision as Decision, GuardChoice } from '../../../../shared/guard';
import { guardHeadline, plural, sideName } from '../../../../shared/words';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNote } from '../../components/Notice';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../lib/api';
import { eventTime } from '../../lib/time';
import { Button } from '../../components/Button';
import { Muted } from '../../components/Muted';

export function GuardDecision({ decision, now, onChanged }: { decision: Decision; now: Date; onChanged: () => void }) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const { busy, failure, run } = useAction<GuardChoice>();
  const n = decision.items.length;
  const creating = decision.kind === 'creations';
  // The creation guard's "keep" leaves the events in iCloud without blocked slots.
  const keepWords = creating ? 'Don’t Create Them' : 'Keep Them';
  const sides = [...new Set(decision.items.map((item) => item.side))];

  const decide = (choice: GuardChoice) =>
    run(async () => {
      await api.guard.decide({ kind: decision.kind, choice });
      setConfirming(false);
      onChanged();
    }, choice);

  const deleteLabel = creating ? `Create ${plural(n, 'Blocked Slot')}` : `Delete ${plural(n, 'Event')}`;
  return (
    <section className="guard-decision" aria-labelledby="guard-title">
      <h2 id="guard-title">Syncing stopped for safety: {guardHeadline(decision)}</h2>
      <p className="sentence">{decision.message}</p>
      <ul className="guard-items" aria-label="What the sync would do">
        {decision.items.map((item) => (
          <li key={item.key}>
            <span>{item.title}</span>
            <Muted>{eventTime(item.start, item.end, item.allDay, now)}</Muted>
          </li>
        ))}
      </ul>
      <div className="row-actions">
        <Button tone="destructive" disabled={busy !== undefined} onClick={() => setConfirming(true)}>
          {creating ? 'Create Them…' : 'Delete Them…'}
        </Button>
        <Button tone="primary" disabled={busy !== undefined} onClick={() => decide('keep')}>
          {busy === 'keep' ? 'Keeping…' : keepWords}
        </Button>
      </div>
      {failure && <ErrorNote message={failure} />}
      {confirming && (
        <ConfirmDialog
          title={`${deleteLabel}?`}
          confirmLabel={deleteLabel}
          busy={busy === 'allow'}
          busyLabel={creating ? 'Creating…' : 'Deleting…'}
          onConfirm={() => decide('allow')}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {creating
              ? `${plural(n, 'blocked slot')} will be created on the platform, starting with “${decision.items[0]?.title}”, each blocking that time for bookings.`
              : decision.kind === 'deletions'
              ? `${plural(n, 'event')} will be deleted from ${sides.map(sideName).join(' and ')}, starting with “${decision.items[0]?.title}”. This cannot be undone.`
              : `${sideName(sides[0] ?? 'icloud')} listed none of these ${plural(n, 'event')}. Syncing now treats them as deleted there and removes their copies on the other side. This cannot be undone.`}
          </p>
          <p>If you are not sure, choose Cancel and then {keepWords}: both sides stay as they are{creating ? ' and those events get no blocked slot' : ''}.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
