// Calendars: the same chooser as onboarding, starting from what is linked now.
import { useState } from 'react';
import type { StatusView } from '../../../../shared/status';
import { CalendarChooser, type CalendarLinks } from '../../components/CalendarChooser';
import { ErrorNote, Loading } from '../../components/Notice';
import { useLoad } from '../../hooks/useLoad';
import { useApi } from '../../lib/api';
import { plainError } from '../../lib/messages';

export function CalendarSettings({ status, onChanged }: { status: StatusView; onChanged: () => void }) {
  const api = useApi();
  const calendars = useLoad(() => api.calendars.list(), [api]);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string }>();

  const save = async (links: CalendarLinks) => {
    setBusy(true);
    setNote(undefined);
    try {
      await api.links.set(links);
      setNote({ ok: true, text: 'Calendars saved. The next sync uses them.' });
      onChanged();
    } catch (error) {
      setNote({ ok: false, text: plainError(error) });
    } finally {
      setBusy(false);
    }
  };

  const initial = {
    icloud: status.icloud.linkedCalendar?.id,
    busy: status.icloud.busySources.map((c) => c.id),
    platformCalendars: status.platform.calendars.map((c) => c.id),
  };
  return (
    <section className="settings-group" aria-labelledby="calendar-settings">
      <h2 id="calendar-settings">Calendars</h2>
      {calendars.state === 'loading' && !calendars.data && <Loading what="your calendars" />}
      {calendars.state === 'error' && <ErrorNote message={calendars.error} onRetry={calendars.reload} />}
      {calendars.data && <CalendarChooser calendars={calendars.data} initial={initial} submitLabel="Save Calendars" busy={busy} onSubmit={save} />}
      {note && (note.ok ? <p className="note note-ok" role="status">{note.text}</p> : <ErrorNote message={note.text} />)}
    </section>
  );
}
