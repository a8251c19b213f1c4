// Time zones for the codec. ical.js bundles no zone data: a TZID without a VTIMEZONE in the file
// silently becomes floating time. We resolve such TZIDs (IANA names, Windows names, Mozilla-style
// prefixed names) from timezones-ical-library's IANA data.
import ICAL from 'ical.js';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { ianaForWindowsZone } from './windows-zones';

export interface ResolvedZone {
  /** The IANA name the TZID stands for. */
  iana: string;
  timezone: ICAL.Timezone;
}

let knownIanaNames: Set<string> | undefined;
function ianaNames(): Set<string> {
  knownIanaNames ??= new Set(tzlib_get_timezones() as string[]);
  return knownIanaNames;
}

const utcAliases = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'universal', 'coordinated universal time']);

/** The IANA name a TZID stands for, or undefined when we cannot tell. */
export function ianaNameFor(tzid: string): string | undefined {
  const trimmed = tzid.trim().replace(/^"|"$/g, '');
  if (utcAliases.has(trimmed.toLowerCase())) return 'Etc/UTC';
  if (ianaNames().has(trimmed)) return trimmed;
  const windows = ianaForWindowsZone(trimmed);
  if (windows) return windows;
  // Lightning/Mozilla write "/mozilla.org/20050126_1/Europe/Berlin", others "/softwarestudio.org/…".
  const suffix = /([A-Za-z_]+\/[A-Za-z_+\-0-9]+(?:\/[A-Za-z_+\-0-9]+)?)$/.exec(trimmed)?.[1];
  if (suffix && ianaNames().has(suffix)) return suffix;
  return undefined;
}

/**
 * Caches one ICAL.Timezone per IANA name: building a zone and expanding its transitions is the
 * expensive part of reading times, and IANA rules are the same for every file that names them.
 */
export class TimezoneResolver {
  private readonly zones = new Map<string, ResolvedZone | null>();
  private readonly fileZones = new Map<string, ICAL.Timezone>();

  /** Resolve a TZID (any spelling we know) to an IANA zone with its ical.js definition. */
  resolve(tzid: string): ResolvedZone | undefined {
    const cached = this.zones.get(tzid);
    if (cached !== undefined) return cached ?? undefined;
    const iana = ianaNameFor(tzid);
    const resolved = iana ? this.build(iana, tzid) : undefined;
    this.zones.set(tzid, resolved ?? null);
    return resolved;
  }

  /**
   * One shared ICAL.Timezone per distinct VTIMEZONE text: iCloud repeats the same VTIMEZONE in every
   * object, and hydrating it (expanding its transitions since 1970) is ~2 ms per file — most of the
   * cost of reading a calendar. Same text, same rules, so sharing is exact.
   */
  fromComponent(vtimezone: ICAL.Component): ICAL.Timezone {
    const key = JSON.stringify(vtimezone.toJSON());
    let zone = this.fileZones.get(key);
    if (!zone) {
      zone = new ICAL.Timezone({ component: vtimezone, tzid: String(vtimezone.getFirstPropertyValue('tzid')) });
      if (this.fileZones.size >= 500) this.fileZones.clear(); // bounded; real accounts use a handful
      this.fileZones.set(key, zone);
    }
    return zone;
  }

  /** The VTIMEZONE text for an IANA zone (for generated files), or undefined. */
  vtimezoneText(iana: string): string | undefined {
    if (iana === 'Etc/UTC') return undefined;
    const block = tzlib_get_ical_block(iana);
    return Array.isArray(block) && block[0]?.startsWith('BEGIN:VTIMEZONE') ? block[0] : undefined;
  }

  private build(iana: string, tzid: string): ResolvedZone | undefined {
    if (iana === 'Etc/UTC') return { iana, timezone: ICAL.Timezone.utcTimezone };
    const text = this.vtimezoneText(iana);
    if (!text) return undefined;
    const component = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR`))
      .getFirstSubcomponent('vtimezone');
    if (!component) return undefined;
    // Keep the file's spelling as the TZID so ical.js finds it under the name the event uses.
    component.updatePropertyWithValue('tzid', tzid);
    return { iana, timezone: new ICAL.Timezone({ component, tzid }) };
  }
}
