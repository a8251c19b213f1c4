// The end of onboarding: what the first sync will do (a dry run: nothing was changed to find out),
// then "Start Syncing". Nothing is linked, so no sync can start, before the user presses it.
import type { RunReport } from '../../../shared/run-report';
import { plural } from '../../../shared/words';
import { Button } from '../components/Button';

/** "Will create 143 blocked slots and 12 iCloud events; will adopt 40 that already exist." */
export function previewSentence(report: RunReport): string {
  const { icloud, platform } = report.counts;
  const adopted = report.items.filter((item) => item.op === 'adopt').length;
  const changes = [
    platform.created && plural(platform.created, 'blocked slot'),
    icloud.created && plural(icloud.created, 'iCloud event'),
  ].filter(Boolean);
  const parts = [
    changes.length ? `Will create ${changes.join(' and ')}` : 'Will create nothing',
    adopted ? `will adopt ${adopted} that already exist${adopted === 1 ? 's' : ''}` : undefined,
    icloud.updated + platform.updated ? `will update ${plural(icloud.updated + platform.updated, 'event')}` : undefined,
    icloud.deleted + platform.deleted ? `will delete ${plural(icloud.deleted + platform.deleted, 'event')}` : undefined,
  ].filter(Boolean);
  return `${parts.join('; ')}.`;
}

export function FirstSyncPreview({ report, busy, onStart, onBack }: { report: RunReport; busy: boolean; onStart: () => void; onBack: () => void }) {
  return (
    <section aria-label="First sync preview">
      <h2>Your first sync</h2>
      {report.error ? <p role="alert">{report.error.message}</p> : <p>{previewSentence(report)}</p>}
      <p>Nothing has been changed yet: this is what the first sync would do now.</p>
      <div className="actions">
        <Button onClick={onBack} disabled={busy}>Change Calendars</Button>
        <Button tone="primary" onClick={onStart} disabled={busy}>Start Syncing</Button>
      </div>
    </section>
  );
}
