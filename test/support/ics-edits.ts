// Editing an event's iCalendar text behind the app's back, as the Calendar app would.

/** Replace whole property lines inside the VEVENT (e.g. SUMMARY, DTSTART) by name. */
export function editIcs(ics: string, replace: Record<string, string>): string {
  let inEvent = false;
  return ics
    .split(/\r?\n/)
    .map((line) => {
      if (line === 'BEGIN:VEVENT') inEvent = true;
      if (line === 'END:VEVENT') inEvent = false;
      const name = line.split(/[:;]/)[0];
      return inEvent && name in replace ? replace[name] : line;
    })
    .join('\r\n');
}

/** ICS date-time in UTC basic format from an ISO instant. */
export function icsUtc(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
