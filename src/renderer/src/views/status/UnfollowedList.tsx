// "Not followed": events the user kept as they are at a safety guard. The app leaves them alone on
// both sides; Follow Again hands one back to the next sync (which adopts what exists, no duplicate).
import type { UnfollowedItem } from '../../../../shared/guard';
import { sideName } from '../../../../shared/words';
import { ErrorNote } from '../../components/Notice';
import { useAction } from '../../hooks/useAction';
import { useLoad } from '../../hooks/useLoad';
import { useApi } from '../../lib/api';
import { eventTime } from '../../lib/time';
import { Button } from '../../components/Button';
import { Muted } from '../../components/Muted';

export function UnfollowedList({ count, now, onChanged }: { count: number; now: Date; onChanged: () => void }) {
  const api = useApi();
  const items = useLoad(() => api.unfollowed.list(), [api, count]);
  const { busy: working, failure, run } = useAction<string>();

  const follow = (item: UnfollowedItem) =>
    run(
      async () => {
        await api.unfollowed.follow({ key: item.key });
        items.reload();
        onChanged();
      },
      item.key,
      (message) => `“${item.title}”: ${message}`,
    );

  if (count === 0 && !items.data?.length) return null;
  return (
    <section className="attention unfollowed" aria-labelledby="unfollowed-title">
      <h2 id="unfollowed-title">Not followed</h2>
      <p className="sentence muted">You kept these as they are when syncing stopped for safety, or undid the run that changed them. The app leaves them alone on both sides.</p>
      {items.state === 'error' && <ErrorNote message={items.error} onRetry={items.reload} />}
      {failure && <ErrorNote message={failure} />}
      <ul className="attention-list">
        {items.data?.map((item) => (
          <li key={item.key} className="attention-item">
            <div>
              <strong>{item.title}</strong> <Muted>{eventTime(item.start, item.end, item.allDay, now)}</Muted>
              <p className="sentence muted">On {sideName(item.side)} · not followed since {new Date(item.since).toLocaleDateString()}{item.guard === 'undo' ? ' (undone)' : ''}</p>
            </div>
            <div className="row-actions">
              <Button disabled={working === item.key} onClick={() => follow(item)} aria-label={`Follow again: ${item.title}`}>
                Follow Again
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
