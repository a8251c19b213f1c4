// How long a title and notes may be on the platform. The official API description
// (test/fixtures/highlevel-api/calendars.json) states no maxLength for an appointment's or a blocked
// slot's `title` or `description`; its only text limit is 5,000 characters for a note body
// (NotesDTO.body). So these are our choice, and the emulator enforces them (422 beyond), as the
// platform's own validation would:
//   title 255 — the usual length of a text column and of a calendar line anyone reads; iCloud titles
//               beyond it are pasted text, not a name;
//   notes 5,000 — the one limit the description does give for free text on this API.
// Lengths count UTF-16 code units, as a JSON validator (class-validator's MaxLength) does.
export const PLATFORM_LIMITS = { title: 255, notes: 5_000 } as const;
