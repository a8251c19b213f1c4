// The last onboarding step: pick calendars, save the links, and start the first sync.
import { useState } from 'react';
import { CalendarChooser, type CalendarLinks } from '../components/CalendarChooser';
import { ErrorNote, Loading } from '../components/Notice';
import { useLoad } from '../hooks/useLoad';
import { useApi } from '../lib/api';
import { plainError } from '../lib/messages';

export function ChooseCalendarsStep({ onLinked, finishing }: { onLinked: () => void; finishing: boolean }) {
  const api = useApi();
  const calendars = useLoad(() => api.calendars.list(), [api]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const save = async (links: CalendarLinks) => {
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
  return (
    <>
      <CalendarChooser calendars={calendars.data ?? []} submitLabel="Start Syncing" busy={busy || finishing} onSubmit={save} />
      {failure && <ErrorNote message={failure} />}
    </>
  );
}
