// Settings → Calendars, per location (issue 15): "Appointments from <location> go to: [main calendar ▾]".
// A choice is previewed first like every calendar choice (ChangePreview.tsx: the moves it makes, nothing
// saved), then applied or cancelled. Offered: the main (linked) calendar and every iCloud calendar that
// could be linked and is not a busy source — the same checks `link --location-id` makes.
import { useState } from 'react';
import type { CalendarEntry } from '../../../../shared/calendars';
import type { LocationStatus, StatusView } from '../../../../shared/status';

export const MAIN = 'default';

interface Props {
  status: StatusView;
  calendars: CalendarEntry[];
  /** A choice made: location id → calendar URL, or "default" (the main calendar). */
  onChoose: (locationCalendars: Record<string, string>) => void;
  disabled?: boolean;
}

export function LocationCalendars({ status, calendars, onChoose, disabled }: Props) {
  // What the user picked while its preview is shown (Cancel remounts this with what is saved).
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const main = status.icloud.linkedCalendar;
  const locations = (status.locations ?? [status.platform]).filter((location) => location.connected && location.locationId);
  if (!main || locations.length === 0) return null;
  const busy = new Set(status.icloud.busySources.map((c) => c.id));
  const choices = calendars.filter((c) => c.side === 'icloud' && c.eligible && c.id !== main.id && !busy.has(c.id));
  return (
    <fieldset className="location-calendars">
      <legend>Where each location&apos;s appointments go in iCloud</legend>
      {locations.map((location) => (
        <label key={location.locationId} className="field">
          <span>Appointments from {nameOf(location)} go to:</span>
          <select
            aria-label={`Appointments from ${nameOf(location)} go to`}
            value={chosen[location.locationId!] ?? location.icloudCalendar?.id ?? MAIN}
            disabled={disabled}
            onChange={(event) => {
              setChosen({ [location.locationId!]: event.target.value });
              onChoose({ [location.locationId!]: event.target.value });
            }}
          >
            <option value={MAIN}>the main calendar ({main.name})</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </label>
      ))}
      <p className="hint">Choosing another calendar moves that location&apos;s appointment copies there on the next sync. Your own events in it block time in every location, as the main calendar&apos;s do.</p>
    </fieldset>
  );
}

function nameOf(location: LocationStatus): string {
  return location.locationName ?? location.locationId ?? 'the platform';
}
