// The sliding sync window: from the start of the day `pastDays` ago to `futureDays` ahead.
// Events that leave it are forgotten, never read as deleted (DESIGN §1).
import type { Settings } from '../../shared/settings';

export function syncWindow(now: Date, settings: Pick<Settings, 'pastDays' | 'futureDays'>): { start: Date; end: Date } {
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return {
    start: new Date(startOfToday - settings.pastDays * 86_400_000),
    end: new Date(startOfToday + (settings.futureDays + 1) * 86_400_000),
  };
}

/** The day the window was computed for: when it changes, recurring series are expanded again. */
export function windowDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * What the iCloud events were last judged against: the day of the window and the settings that change
 * how an event becomes a blocked slot. When it changes, every event is read and judged again.
 */
export function projectionKey(now: Date, settings: Pick<Settings, 'pastDays' | 'futureDays' | 'freeEventsBlock' | 'blockTitles'>, zone: string): string {
  return [windowDay(now), settings.pastDays, settings.futureDays, settings.freeEventsBlock, settings.blockTitles, zone].join('|');
}
