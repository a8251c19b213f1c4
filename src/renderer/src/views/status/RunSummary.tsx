// The last run in one line, and when the next one is due.
import type { StatusView } from '../../../../shared/status';
import { StateBadge } from '../../components/StateBadge';
import { ago, dayTime, relativeTime } from '../../lib/time';
import { runSummary } from '../../../../shared/words';
import { outcomeWords } from '../../lib/words';
import { Muted } from '../../components/Muted';

export function RunSummary({ status, now }: { status: StatusView; now: Date }) {
  const run = status.lastRun;
  const outcome = run ? outcomeWords[run.outcome] : undefined;
  return (
    <dl className="run-summary">
      <dt>Last sync</dt>
      <dd>
        {run && outcome ? (
          <>
            <span>
              {dayTime(run.finishedAt, now)} — {runSummary(run)}
            </span>{' '}
            <StateBadge tone={outcome.tone} word={outcome.word} /> <Muted>({ago(run.finishedAt, now)})</Muted>
          </>
        ) : (
          'Not synced yet'
        )}
      </dd>
      <dt>Next sync</dt>
      <dd>{status.paused ? 'Paused until you resume' : status.running ? 'Syncing now' : status.nextRunAt ? relativeTime(status.nextRunAt, now) : 'Not planned'}</dd>
    </dl>
  );
}
