// Calendars: the same chooser as onboarding, starting from what is linked now. Each choice is
// previewed first (what the next sync would do with it, nothing saved: ChangePreview.tsx), then
// applied or cancelled; an applied one has Undo: changing the linked calendar re-baselines and the
// next sync adopts what exists, so going back is exact and never duplicates anything.
import { useCallback, useState } from 'react';
import type { StatusView } from '../../../../shared/status';
import { CalendarChooser, type CalendarLinks } from '../../components/CalendarChooser';
import { ErrorNote, LoadNotes } from '../../components/Notice';
import { useLoad } from '../../hooks/useLoad';
import { useApi } from '../../lib/api';
import { plainError } from '../../lib/messages';
import { ChangePreview } from './ChangePreview';
import { useChangePreview } from './useChangePreview';
import { SettingsGroup } from './SettingsGroup';
import { LocationCalendars } from './LocationCalendars';

export function CalendarSettings({ status, onChanged }: { status: StatusView; onChanged: () => void }) {
  const api = useApi();
  const calendars = useLoad(() => api.calendars.list(), [api]);
  const current: CalendarLinks = {
    icloud: status.icloud.linkedCalendar?.id ?? '',
    busy: status.icloud.busySources.map((c) => c.id),
    // Every location's (ids are unique across locations; saving gives each location its own back).
    platformCalendars: (status.locations ?? [status.platform]).flatMap((location) => location.calendars.map((c) => c.id)),
  };
  const [saved, setSaved] = useState<CalendarLinks>(current);
  /** What was linked before the last change, for Undo. */
  const [previous, setPrevious] = useState<CalendarLinks>();
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  /** Remounts the chooser after an Undo or a refused save, so it shows what is really linked. */
  const [generation, setGeneration] = useState(0);

  const save = useCallback(async (links: CalendarLinks, undo = false) => {
    setNote(undefined);
    try {
      await api.links.set(links);
      setPrevious(undo ? undefined : saved);
      setSaved(links);
      setNote({ ok: true, text: undo ? 'Calendars put back. The next sync uses them.' : 'Calendars saved. The next sync uses them.' });
      if (undo) setGeneration((g) => g + 1);
      onChanged();
    } catch (error) {
      setNote({ ok: false, text: plainError(error) });
      setGeneration((g) => g + 1);
    }
  }, [api, saved, onChanged]);
  const preview = useCallback((links: CalendarLinks) => api.sync.preview({ links }), [api]);
  const proposal = useChangePreview(preview, save);
  const cancel = () => {
    proposal.cancel();
    setGeneration((g) => g + 1); // the chooser shows what is linked again
  };
  // A location's own iCloud calendar (issue 15): the saved links, with that one choice, previewed first.
  const withLocation = (locationCalendars: Record<string, string>): CalendarLinks => ({ ...saved, locationCalendars });
  const locationProposal = useChangePreview(
    useCallback((choice: Record<string, string>) => api.sync.preview({ links: withLocation(choice) }), [api, saved]),
    useCallback(async (choice: Record<string, string>) => {
      setNote(undefined);
      try {
        await api.links.set(withLocation(choice));
        setNote({ ok: true, text: 'Saved. The next sync moves those appointment copies.' });
        onChanged();
      } catch (error) {
        setNote({ ok: false, text: plainError(error) });
      }
    }, [api, saved, onChanged]),
  );

  return (
    <SettingsGroup id="calendar-settings" title="Calendars">
      <LoadNotes load={calendars} what="your calendars" />
      {calendars.data && <CalendarChooser key={generation} calendars={calendars.data} initial={saved} onSubmit={(links) => {
        setNote(undefined);
        proposal.propose(links);
      }} />}
      {proposal.pending && (
        <ChangePreview what="Calendars" preview={proposal.pending.preview} busy={proposal.busy} onApply={() => void proposal.apply()} onCancel={cancel} />
      )}
      {calendars.data && (
        <LocationCalendars key={`locations-${generation}`} status={status} calendars={calendars.data} disabled={Boolean(locationProposal.pending)}
          onChoose={(choice) => {
            setNote(undefined);
            locationProposal.propose(choice);
          }} />
      )}
      {locationProposal.pending && (
        <ChangePreview what="Where the appointments go" preview={locationProposal.pending.preview} busy={locationProposal.busy}
          onApply={() => void locationProposal.apply()}
          onCancel={() => {
            locationProposal.cancel();
            setGeneration((g) => g + 1);
          }} />
      )}
      {note &&
        (note.ok ? (
          <p className="note note-ok" role="status">
            {note.text}{' '}
            {previous && (
              <button type="button" className="link" onClick={() => void save(previous, true)}>
                Undo
              </button>
            )}
          </p>
        ) : (
          <ErrorNote message={note.text} />
        ))}
    </SettingsGroup>
  );
}
