// The iCalendar codec as one service: holds the time-zone cache, so build one and pass it around.
import { contentHash } from './hash';
import { expandObject, expandWithLimits, type Expansion } from './expand';
import { addOverrideInstance, generateMirror, type MirrorInput, type OverrideInput } from './generate';
import { parseIcs, type ParsedObject, type ParseOutcome } from './parse';
import { TimezoneResolver } from './timezones';
import type { DomainEvent, Occurrence, ParseOptions, Window } from './types';

export type { DomainEvent, EventTime, EventStatus, Occurrence, ParseOptions, Window } from './types';
export type { ParsedObject, ParseOutcome } from './parse';
export type { Expansion } from './expand';
export type { CappedSeries } from './occurrence-cap';
export { OCCURRENCE_CAP } from './occurrence-cap';
export type { MirrorInput, OverrideInput, TimeInput } from './generate';
export { ORIGIN_PROP, PLATFORM_ID_PROP, PRODID } from './generate';
export { TimezoneResolver, ianaNameFor } from './timezones';
export { ianaForWindowsZone, windowsToIana } from './windows-zones';

export interface BatchItem {
  /** Name for messages, e.g. the href. */
  source: string;
  ics: string;
}

export interface BatchResult {
  objects: ParsedObject[];
  /** One per malformed item: "<source>: <what is wrong>". */
  errors: { source: string; error: string }[];
}

export class IcsCodec {
  constructor(readonly zones: TimezoneResolver = new TimezoneResolver()) {}

  parse(ics: string, options: ParseOptions): ParseOutcome {
    return parseIcs(ics, options, this.zones);
  }

  /** Parse many objects; a malformed one becomes an entry in `errors` and the rest is read. */
  parseBatch(items: BatchItem[], options: Omit<ParseOptions, 'source'>): BatchResult {
    const result: BatchResult = { objects: [], errors: [] };
    for (const item of items) {
      const outcome = this.parse(item.ics, { ...options, source: item.source });
      if (outcome.ok) result.objects.push(outcome.object);
      else result.errors.push({ source: outcome.source, error: outcome.error });
    }
    return result;
  }

  expand(object: ParsedObject, window: Window): Occurrence[] {
    return expandObject(object, window);
  }

  /** Expand with the per-series cap kept from `now` on, and say which series were cut. */
  expandWithLimits(object: ParsedObject, window: Window, now: Date): Expansion {
    return expandWithLimits(object, window, now);
  }

  hash(object: ParsedObject | DomainEvent[]): string {
    return contentHash(Array.isArray(object) ? object : object.events);
  }

  /** Hash of an iCalendar text; throws with the per-item message when it is malformed. */
  hashIcs(ics: string, options: ParseOptions): string {
    const outcome = this.parse(ics, options);
    if (!outcome.ok) throw new Error(outcome.error);
    return this.hash(outcome.object);
  }

  mirror(input: MirrorInput): string {
    return generateMirror(input, this.zones);
  }

  override(ics: string, input: OverrideInput): string {
    return addOverrideInstance(ics, input, this.zones);
  }
}
