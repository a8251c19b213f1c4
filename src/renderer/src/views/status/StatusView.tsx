// Status: both connections, the last and next sync, progress, Sync Now / Pause, and what needs you.
import type { StatusView as Status } from '../../../../shared/status';
import type { Route } from '../../components/Sidebar';
import { ErrorNote } from '../../components/Notice';
import { ProgressBar } from '../../components/ProgressBar';
import { StateBadge } from '../../components/StateBadge';
import { useAction } from '../../hooks/useAction';
import { useNow } from '../../hooks/useNow';
import { useApi } from '../../lib/api';
import { overallState } from '../../lib/words';
import { plural } from '../../../../shared/words';
import { AttentionList } from './AttentionList';
import { IcloudCard, PlatformCard } from './ConnectionCard';
import { GuardDecision } from './GuardDecision';
import { RunNotices } from './RunNotices';
import { RunSummary } from './RunSummary';
import { UnfollowedList } from './UnfollowedList';
import { Button } from '../../components/Button';
import { ViewHeader } from '../../components/ViewHeader';

export function StatusView({ status, onOpen, onChanged }: { status: Status; onOpen: (route: Route) => void; onChanged: () => void }) {
  const api = useApi();
  const now = useNow();
  const action = useAction();
  const { busy, failure } = action;
  const overall = overallState(status);

  const run = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      onChanged();
    });

  return (
    <div className="view status-view">
      <ViewHeader title="Status">
        <StateBadge tone={overall.tone} word={overall.word} />
      </ViewHeader>
      {status.notice && <p className="note">{status.notice}</p>}
      {status.guard && !status.running && <GuardDecision decision={status.guard} now={now} onChanged={onChanged} />}
      <div className="cards">
        <IcloudCard icloud={status.icloud} />
        {/* Several sub-accounts (issue 15): one card each, named by its location. */}
        {(status.locations ?? [status.platform]).map((platform) => (
          <PlatformCard key={platform.locationId ?? 'platform'} platform={platform} several={Boolean(status.locations)} />
        ))}
      </div>
      <RunSummary status={status} now={now} />
      {status.running && <ProgressBar done={status.progress?.done} total={status.progress?.total} />}
      <div className="actions">
        {/* One primary action per view: while a safety guard waits, its safe choice is the primary one. */}
        <Button tone={status.guard ? undefined : 'primary'} disabled={busy || status.running} onClick={() => run(() => api.sync.now())}>
          {status.running ? 'Syncing…' : 'Sync Now'}
        </Button>
        {status.paused ? (
          <Button disabled={busy} onClick={() => run(() => api.sync.resume())}>
            Resume Syncing
          </Button>
        ) : (
          <Button disabled={busy} onClick={() => run(() => api.sync.pause())}>
            Pause Syncing
          </Button>
        )}
        <span className="counts">
          {plural(status.counts.pairs, 'event kept in sync', 'events kept in sync')}
          {status.counts.conflicts > 0 && (
            <>
              {' · '}
              <button type="button" className="link" onClick={() => onOpen('conflicts')}>
                {plural(status.counts.conflicts, 'conflict needs you', 'conflicts need you')}
              </button>
            </>
          )}
          {status.counts.attention > 0 && ` · ${plural(status.counts.attention, 'item needs attention', 'items need attention')}`}
        </span>
      </div>
      {failure && <ErrorNote message={failure} />}
      <RunNotices notices={status.runNotices} />
      <AttentionList count={status.counts.attention} now={now} onChanged={onChanged} />
      <UnfollowedList count={status.unfollowed ?? 0} now={now} onChanged={onChanged} />
    </div>
  );
}
