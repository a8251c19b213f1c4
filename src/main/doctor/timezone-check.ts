// The location's time zone against this computer's: a warning, never a failure. Times sync as
// absolute instants either way; what differs is where "a day" begins — all-day events and the
// sync window's edges follow the location's zone (S15), so a mismatch surprises more than it breaks.
import { pass, warn, type Finding } from './finding';

const NAME = 'time zone';

/** Offsets of a zone in January and July (a zone with another name but the same rules counts as equal). */
function offsets(zone: string, year: number): string {
  return [0, 6]
    .map((month) => new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(Date.UTC(year, month, 15, 12)))
      .find((p) => p.type === 'timeZoneName')?.value)
    .join('/');
}

export function checkTimeZone(locationZone: string | undefined, localZone: string, now: Date): Finding {
  if (!locationZone) {
    return warn(NAME, `Not checked: the location's time zone could not be read (see the locations line); this computer is in ${localZone}.`);
  }
  let same: boolean;
  try {
    same = locationZone === localZone || offsets(locationZone, now.getUTCFullYear()) === offsets(localZone, now.getUTCFullYear());
  } catch {
    return warn(NAME, `The location's time zone "${locationZone}" is not a time zone this computer knows.`, "Set the location's time zone in the platform's business profile.");
  }
  if (same) return pass(NAME, `The location and this computer are both in ${locationZone}.`);
  return warn(NAME, `The location is in ${locationZone}; this computer is in ${localZone}. Times stay right, but all-day events and the sync window's days follow the location's zone.`,
    "If one is wrong, change the location's time zone in the platform's business profile, or this computer's in System Settings → General → Date & Time.");
}
