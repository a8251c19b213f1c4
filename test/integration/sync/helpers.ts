// Shared bits of the end-to-end sync tests: a world per test, and the checks every test makes
// (no duplicates on either side, what the report says about one event).
import { expect } from 'vitest';
import type { RunItem, RunReport } from '../../../src/shared/run-report';
import { PLATFORM_ID_PROP } from '../../../src/main/icloud/codec';
import { radicaleSkipReason } from '../../support/radicale';
import { startSyncWorld, type IcloudEvent, type SyncWorld, type SyncWorldOptions } from '../../support/sync-world';

export { editIcs, icsUtc } from '../../support/ics-edits';

/** Radicale missing outside CI: skip with a notice (under CI=true the suite runs and fails). */
export const skipWithoutRadicale = Boolean(radicaleSkipReason());

export async function inWorld(options: SyncWorldOptions, body: (world: SyncWorld) => Promise<void>): Promise<void> {
  const world = await startSyncWorld(options);
  try {
    await body(world);
  } finally {
    await world.stop();
  }
}

/** Our mirrors in an iCloud calendar, by appointment id (masters only). */
export function mirrorsIn(world: SyncWorld, calendar = 'work'): Map<string, IcloudEvent[]> {
  const map = new Map<string, IcloudEvent[]>();
  for (const event of world.icloud.events(calendar)) {
    const id = event.xProps[PLATFORM_ID_PROP];
    if (!id || event.recurrenceId) continue;
    map.set(id, [...(map.get(id) ?? []), event]);
  }
  return map;
}

/** The appointment ids that have a mirror in an iCloud calendar, sorted. */
export function mirrorIds(world: SyncWorld, calendar: string): string[] {
  return [...mirrorsIn(world, calendar).keys()].sort();
}

/** The titles of a location's blocked slots on the platform (the emulator's store), sorted. */
export function slotTitles(world: SyncWorld, location: string): string[] {
  return world.emulator.state.eventsOf(location, 'blocked').map((b) => b.title).sort();
}

export function mirrorOf(world: SyncWorld, appointmentId: string, calendar = 'work'): IcloudEvent | undefined {
  const found = mirrorsIn(world, calendar).get(appointmentId) ?? [];
  expect(found.length, `mirrors of ${appointmentId}`).toBeLessThanOrEqual(1);
  return found[0];
}

/** No appointment has two mirrors; no two blocked slots share a time and title. */
export function expectNoDuplicates(world: SyncWorld, calendar = 'work'): void {
  for (const [id, copies] of mirrorsIn(world, calendar)) expect(copies.length, `iCloud copies of ${id}`).toBe(1);
  const seen = new Map<string, number>();
  for (const block of world.platform.blocks()) {
    const key = `${block.startMs}|${block.endMs}|${block.title}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const doubled = [...seen].filter(([, n]) => n > 1);
  expect(doubled, 'blocked slots with the same time and title').toEqual([]);
}

export function itemsFor(report: RunReport, title: string): RunItem[] {
  return report.items.filter((item) => item.title === title);
}

export function totalWrites(report: RunReport): number {
  const { icloud, platform } = report.counts;
  return icloud.created + icloud.updated + icloud.deleted + platform.created + platform.updated + platform.deleted;
}

/** Blocked slots of the world's user whose title is `title`. */
export function blocksTitled(world: SyncWorld, title: string) {
  return world.platform.blocks().filter((b) => b.title === title);
}

