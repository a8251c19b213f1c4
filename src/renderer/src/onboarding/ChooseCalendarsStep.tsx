// The last onboarding step: pick calendars, preview the first sync (nothing saved yet), then save the
// links and start it when the user presses "Start Syncing".
import { useState } from 'react';
import type { RunReport } from '../../../shared/run-report';
import { CalendarChooser, type CalendarLinks } from '../components/CalendarChooser';
import { ErrorNote, Loading } from '../components/Notice';
import { useLoad } from '../hooks/useLoad';
import { useApi } from '../lib/api';
import { plainError } from '../lib/messages';
import { FirstSyncPreview } from './FirstSyncPreview';

export function ChooseCalendarsStep({ onLinked, finishing }: { onLinked: () => void; finishing: boolean }) {
  const api = useApi();
  const calendars = useLoad(() => api.calendars.list(), [api]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [preview, setPreview] = useState<{ links: CalendarLinks; report: RunReport }>();

  const showPreview = async (links: CalendarLinks) => {
    setBusy(true);
    setFailure(undefined);
    try {
      setPreview({ links, report: await api.sync.preview({ links }) });
    } catch (error) {
      setFailure(plainError(error));
    }
    setBusy(false);
  };

  const start = async (links: CalendarLinks) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await api.links.set(links);
      await api.sync.now();
      onLinked();
    } catch (error) {
      setFailure(plainError(error));
      setBusy(false);
    }
  };

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
