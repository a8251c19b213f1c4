// A copy of a string that does not point into the text it was cut from. V8 makes a substring of 13
// characters or more a view of its parent, so one etag sliced from a 300 KB multiget answer, or one
// UID or title sliced from an event's ICS, would keep that whole text alive for as long as the sync
// keeps the value: at 10,000 events, every answer and every ICS of the calendar (issue 16).
export function owned(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}
