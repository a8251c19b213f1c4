// Choosing calendars (onboarding and Settings): the linked iCloud calendar, busy sources, and the
// platform calendars. Calendars that cannot be used stay visible, greyed, with their reason.
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { CalendarEntry } from '../../../shared/calendars';
import { platformCalendarProblem } from '../../../shared/words';
import { Button } from './Button';

export interface CalendarLinks {
  icloud: string;
  busy: string[];
  platformCalendars: string[];
  /** By location id: the iCloud calendar its appointments go to, or "default" (the main one). */
  locationCalendars?: Record<string, string>;
}

interface Props {
  calendars: CalendarEntry[];
  initial?: Partial<CalendarLinks>;
  /** The submit button's word; without one (Settings) every change is submitted at once. */
  submitLabel?: string;
  busy?: boolean;
  onSubmit: (links: CalendarLinks) => void;
}

export function defaultLinks(calendars: CalendarEntry[], initial: Partial<CalendarLinks> = {}): CalendarLinks {
  const icloud = calendars.filter((c) => c.side === 'icloud');
  const platform = calendars.filter((c) => c.side === 'platform');
  const firstEligible = icloud.find((c) => c.eligible)?.id ?? '';
  return {
    icloud: initial.icloud ?? firstEligible,
    busy: initial.busy ?? [],
    platformCalendars: initial.platformCalendars?.length ? initial.platformCalendars : platform.filter((c) => c.eligible && c.mine !== false).map((c) => c.id),
  };
}

function toggle(list: string[], id: string, on: boolean): string[] {
  return on ? [...new Set([...list, id])] : list.filter((x) => x !== id);
}

function Swatch({ color }: { color?: string }) {
  return <span className="swatch" aria-hidden="true" style={color ? { background: color } : undefined} />;
}

export function CalendarChooser({ calendars, initial, submitLabel, busy, onSubmit }: Props) {
  const [links, setChosen] = useState(() => defaultLinks(calendars, initial));
  const [problem, setProblem] = useState<string>();
  const icloud = useMemo(() => calendars.filter((c) => c.side === 'icloud'), [calendars]);
  const platform = useMemo(() => calendars.filter((c) => c.side === 'platform'), [calendars]);

  const send = (chosen: CalendarLinks) => {
    if (!chosen.icloud) return setProblem('Choose the iCloud calendar your appointments go to.');
    if (platform.length > 0 && chosen.platformCalendars.length === 0) return setProblem('Choose at least one platform calendar.');
    setProblem(undefined);
    const usable = new Set(platform.filter((c) => platformCalendarProblem(c) === undefined).map((c) => c.id));
    onSubmit({ ...chosen, busy: chosen.busy.filter((id) => id !== chosen.icloud), platformCalendars: chosen.platformCalendars.filter((id) => usable.has(id)) });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(links);
  };
  // Settings saves every choice at once, like every other setting there (no Save button).
  const saveAtOnce = submitLabel === undefined;
  const setLinks = (next: CalendarLinks) => {
    setChosen(next);
    if (saveAtOnce) send(next);
  };

  return (
    <form className="form calendars" onSubmit={submit} aria-label="Calendars">
      <Choices legend="iCloud calendar for your appointments" hint="Appointments from the platform appear here, and events you add here block time on the platform.">
        {icloud.length === 0 && <p className="hint">No iCloud calendars were found. Make one in the Calendar app, then reopen this window.</p>}
        {icloud.map((c) => (
          <CalendarChoice
            key={c.id} radio calendar={c} usable={c.eligible} detail={c.eligible ? undefined : c.reason} checked={links.icloud === c.id}
            onChange={() => setLinks({ ...links, icloud: c.id })}
          />
        ))}
      </Choices>
      <Choices legend="Busy sources (optional)" hint="Other iCloud calendars whose events also block time on the platform, one way: they are titled as set under What crosses in Settings.">
        {icloud.map((c) => {
          const linked = c.id === links.icloud;
          const usable = Boolean(c.busySourceEligible) && !linked;
          const reason = linked ? 'Already the calendar for your appointments' : !c.busySourceEligible ? c.reason : undefined;
          return (
            <CalendarChoice
              key={c.id} calendar={c} usable={usable} detail={reason} checked={usable && links.busy.includes(c.id)}
              onChange={(checked) => setLinks({ ...links, busy: toggle(links.busy, c.id, checked) })}
            />
          );
        })}
      </Choices>
      <Choices legend="Platform calendars" hint="Appointments on these calendars that are assigned to you are copied to iCloud.">
        {platform.length === 0 && <p className="hint">This location has no calendars yet.</p>}
        {platform.map((c) => {
          // Not on the calendar's team: none of its appointments are the user's, so it cannot be ticked.
          const problem = platformCalendarProblem(c);
          const usable = problem === undefined;
          return (
            <CalendarChoice
              key={c.id} calendar={c} usable={usable} detail={problem} checked={usable && links.platformCalendars.includes(c.id)}
              onChange={(checked) => setLinks({ ...links, platformCalendars: toggle(links.platformCalendars, c.id, checked) })}
            />
          );
        })}
      </Choices>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {!saveAtOnce && (
        <div className="form-actions">
          <Button type="submit" tone="primary" disabled={busy}>
            {busy ? 'Saving…' : submitLabel}
          </Button>
        </div>
      )}
    </form>
  );
}

function Choices({ legend, hint, children }: { legend: string; hint: string; children: ReactNode }) {
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      <p className="hint">{hint}</p>
      {children}
    </fieldset>
  );
}

/**
 * One calendar to tick (or, `radio`, the one linked calendar); an unusable one is greyed, cannot be
 * chosen, and says why. Callers pass `checked` already false for an unusable checkbox.
 */
function CalendarChoice(props: {
  radio?: boolean;
  calendar: { id: string; name: string; color?: string };
  usable: boolean;
  detail?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { calendar, usable, detail } = props;
  return (
    <label className={`choice${usable ? '' : ' disabled'}`}>
      <input
        type={props.radio ? 'radio' : 'checkbox'}
        name={props.radio ? 'icloud-linked' : undefined}
        value={calendar.id}
        disabled={!usable}
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <Swatch color={calendar.color} />
      <span className="choice-name">{calendar.name}</span>
      {detail && <span className="choice-detail">{detail}</span>}
    </label>
  );
}
