// The last onboarding step: pick calendars, preview the first sync (nothing saved yet), then save the
// links and start it when the user presses "Start Syncing".
import { useState } from 'react';
import type { RunReport } from '../../../shared/run-report';
import { CalendarChooser, type CalendarLinks } from '../components/CalendarChooser';
import { ErrorNote, Loading } from '../components/Notice';
import { useAction } from '../hooks/useAction';
import { useLoad } from '../hooks/useLoad';
import { useApi } from '../lib/api';
import { FirstSyncPreview } from './FirstSyncPreview';

export function ChooseCalendarsStep({ onLinked, finishing }: { onLinked: () => void; finishing: boolean }) {
  const api = useApi();
  const calendars = useLoad(() => api.calendars.list(), [api]);
  const [preview, setPreview] = useState<{ links: CalendarLinks; report: RunReport }>();

  const { busy, failure, run } = useAction();
  const showPreview = (links: CalendarLinks) => run(async () => setPreview({ links, report: await api.sync.preview({ links }) }));
  // After onLinked the step stays disabled through `finishing` until onboarding closes.
  const start = (links: CalendarLinks) =>
    run(async () => {
      await api.links.set(links);
      await api.sync.now();
      onLinked();
    });

  if (calendars.state === 'loading' && !calendars.data) return <Loading what="your calendars" />;
  if (calendars.state === 'error' && !calendars.data) return <ErrorNote message={calendars.error} onRetry={calendars.reload} />;
  if (preview) {
    return (
      <>
        <FirstSyncPreview report={preview.report} busy={busy || finishing} onStart={() => void start(preview.links)} onBack={() => setPreview(undefined)} />
        {failure && <ErrorNote message={failure} />}
      </>
    );
  }
  return (
    <>
      <CalendarChooser calendars={calendars.data ?? []} submitLabel="Preview First Sync" busy={busy || finishing} onSubmit={showPreview} />
      {failure && <ErrorNote message={failure} />}
    </>
  );
}
