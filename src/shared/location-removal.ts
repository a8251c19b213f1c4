// What the window and the CLI say before a location is removed (Settings → Accounts → Remove…,
// `disconnect platform --location-id`): the words for the slots it releases elsewhere, one sentence
// shared by both so they never drift apart.
// No schema library here: the window bundles this file (its schema is in ipc/views.ts).
import { plural } from './words';

export interface LocationRelease {
  locationId: string;
  /** The other location's name (its id while the name could not be read). */
  name: string;
  /** Blocked slots there that blocked an appointment of the location removed. */
  count: number;
}

/** "The next sync deletes 12 blocked slots in Hopper Clinic that this app made for its appointments." (empty: none) */
export function releasedSentence(released: LocationRelease[]): string {
  if (released.length === 0) return '';
  const where = released.map((entry) => `${plural(entry.count, 'blocked slot')} in ${entry.name}`).join(' and ');
  return `The next sync deletes ${where} that this app made for its appointments.`;
}
