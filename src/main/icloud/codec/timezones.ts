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
  return readTzid(tzid)?.iana;
}

/**
 * Whether the TZID itself names an IANA zone (an IANA name, a UTC alias, or a Mozilla-style
 * prefixed IANA name) — as opposed to a Windows name we map, or a name nobody knows. Only such a
 * TZID lets IANA rules override the file's VTIMEZONE (see TimezoneResolver.fileZone).
 */
export function namesIanaZone(tzid: string): boolean {
  const read = readTzid(tzid);
  return read !== undefined && read.via !== 'windows';
}

function readTzid(tzid: string): { iana: string; via: 'iana' | 'windows' } | undefined {
  const trimmed = tzid.trim().replace(/^"|"$/g, '');
  if (utcAliases.has(trimmed.toLowerCase())) return { iana: 'Etc/UTC', via: 'iana' };
  if (ianaNames().has(trimmed)) return { iana: trimmed, via: 'iana' };
  const windows = ianaForWindowsZone(trimmed);
  if (windows) return { iana: windows, via: 'windows' };
  // Lightning/Mozilla write "/mozilla.org/20050126_1/Europe/Berlin", others "/softwarestudio.org/…".
  const suffix = /([A-Za-z_]+\/[A-Za-z_+\-0-9]+(?:\/[A-Za-z_+\-0-9]+)?)$/.exec(trimmed)?.[1];
  if (suffix && ianaNames().has(suffix)) return { iana: suffix, via: 'iana' };
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
   * The zone ical.js should use for a VTIMEZONE of the file (docs/icloud-caldav.md, "Time zones"):
   * - its TZID names an IANA zone → IANA rules for every instant, whatever the file says. Generators
   *   write truncated VTIMEZONEs (only the last transitions: ical.js reads offset 0 before them) and
   *   stale ones (rules since changed: US before 2007, Moscow 2011, São Paulo 2019), while Calendar on
   *   the Mac shows such an event by its own IANA data; test/unit/icloud/vtimezone-choice.test.ts
   *   measures both readings against Intl on real-world-style files.
   * - otherwise (a Windows or custom name) → the file's rules, extended before its first transition
   *   by its last observance (ical.js would read offset 0 there).
   */
  fileZone(vtimezone: ICAL.Component): ICAL.Timezone {
    const tzid = String(vtimezone.getFirstPropertyValue('tzid'));
    const iana = namesIanaZone(tzid) ? this.resolve(tzid) : undefined;
    return iana ? iana.timezone : this.fromComponent(vtimezone);
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
      const tzid = String(vtimezone.getFirstPropertyValue('tzid'));
      zone = new ICAL.Timezone({ component: extendedBackwards(vtimezone), tzid });
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

/** Observances that start after this year get a synthetic one before them (see extendedBackwards). */
const extendFromYear = 1601;

/**
 * A copy of the VTIMEZONE whose last observance (the latest onset the file writes) also holds
 * before its first transition: ical.js reads offset 0 for any instant before the first DTSTART,
 * which for a file listing only recent transitions puts every earlier event hours off.
 */
export function extendedBackwards(vtimezone: ICAL.Component): ICAL.Component {
  const observances = vtimezone.getAllSubcomponents().filter((c) => c.name === 'standard' || c.name === 'daylight');
  const onset = (c: ICAL.Component) => c.getFirstPropertyValue('dtstart') as ICAL.Time | null;
  const dated = observances.filter((c) => onset(c) instanceof ICAL.Time && c.hasProperty('tzoffsetto'));
  if (dated.length === 0 || dated.some((c) => (onset(c) as ICAL.Time).year <= extendFromYear)) return vtimezone;
  const last = dated.reduce((a, b) => ((onset(b) as ICAL.Time).compare(onset(a) as ICAL.Time) > 0 ? b : a));
  const offset = last.getFirstProperty('tzoffsetto')?.toICALString().split(':').pop() ?? '+0000';
  // A deep copy: a Component wraps its jCal arrays by reference, and the file's own must stay as written.
  const copy = new ICAL.Component(structuredClone(vtimezone.toJSON()) as unknown[]);
  const synthetic = new ICAL.Component(
    ICAL.parse(`BEGIN:STANDARD\r\nDTSTART:${extendFromYear}0101T000000\r\nTZOFFSETFROM:${offset}\r\nTZOFFSETTO:${offset}\r\nEND:STANDARD`) as unknown[],
  );
  copy.addSubcomponent(synthetic);
  return copy;
}
