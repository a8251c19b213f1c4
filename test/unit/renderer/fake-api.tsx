// A window.api for component tests: every channel a vi.fn with a sensible answer, replaceable per
// test; events can be pushed with emit(). Plus builders for status, runs, conflicts and calendars.
import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, vi } from 'vitest';
import type { CalendarEntry } from '../../../src/shared/calendars';
import type { GuardDecision, UnfollowedItem } from '../../../src/shared/guard';
import type { AppApi, Conflict, DoctorCheck, StatusView } from '../../../src/shared/ipc/contract';
import type { AppointmentDescription, AttentionItem } from '../../../src/shared/ipc/views';
import { emptyCounts, type RunReport } from '../../../src/shared/run-report';
import { defaultSettings } from '../../../src/shared/settings';
import { ApiContext } from '../../../src/renderer/src/lib/api';

afterEach(() => cleanup());

type Listener = (payload: unknown) => void;

export interface FakeApi {
  api: AppApi;
  emit(event: 'statusChanged' | 'syncProgress', payload: unknown): void;
}

export const never = <T,>() => new Promise<T>(() => undefined);

export function fakeApi(overrides: Partial<{ [G in keyof AppApi]: Partial<AppApi[G]> }> = {}): FakeApi {
  const listeners = { statusChanged: new Set<Listener>(), syncProgress: new Set<Listener>() };
  const base = {
    status: { get: vi.fn(async () => connectedStatus()) },
    settings: { get: vi.fn(async () => ({ ...defaultSettings })), set: vi.fn(async ({ key, value }: { key: string; value: unknown }) => ({ ...defaultSettings, [key]: value })) },
    calendars: { list: vi.fn(async () => calendars()) },
    links: { set: vi.fn(async () => ({ ok: true as const })) },
    accounts: {
      connectIcloud: vi.fn(async () => ({ ok: true as const, calendars: [] })),
      connectPlatform: vi.fn(async () => ({ status: 'connected' as const })),
      disconnect: vi.fn(async () => ({ ok: true as const })),
    },
    locations: {
      removalPreview: vi.fn(async ({ removeCopies }: { locationId: string; removeCopies: boolean }) => ({
        name: 'Hopper Clinic', releasedElsewhere: [], last: false,
        ...(removeCopies ? { copies: {
          id: 'preview', trigger: 'manual' as const, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z', outcome: 'ok' as const,
          counts: { icloud: { created: 0, updated: 0, deleted: 2 }, platform: { created: 0, updated: 0, deleted: 1 }, skipped: 0, conflicts: 0, errors: 0 },
          requests: { icloud: 0, platform: 0 }, items: [], dryRun: true as const,
        } } : {}),
      })),
      remove: vi.fn(async () => ({ ok: true as const })),
    },
    copies: {
      preview: vi.fn(async () => ({
        id: 'preview', trigger: 'manual' as const, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z', outcome: 'ok' as const,
        counts: { icloud: { created: 0, updated: 0, deleted: 3 }, platform: { created: 0, updated: 0, deleted: 5 }, skipped: 0, conflicts: 0, errors: 0 },
        requests: { icloud: 0, platform: 0 }, items: [], dryRun: true as const,
      })),
    },
    sync: {
      now: vi.fn(async () => ({ started: true, coalesced: false })),
      preview: vi.fn(async () => ({
        id: 'preview', trigger: 'manual' as const, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z', outcome: 'ok' as const,
        counts: { icloud: { created: 12, updated: 0, deleted: 0 }, platform: { created: 143, updated: 0, deleted: 0 }, skipped: 0, conflicts: 0, errors: 0 },
        requests: { icloud: 3, platform: 2 },
        items: Array.from({ length: 40 }, (_, i) => ({ op: 'adopt' as const, side: 'icloud' as const, pair: `p${i}`, title: `Adopted ${i}` })),
        dryRun: true as const,
      })),
      pause: vi.fn(async () => ({ paused: true as const })),
      resume: vi.fn(async () => ({ paused: false as const })),
    },
    history: {
      list: vi.fn(async () => ({ total: 0, runs: [] as RunReport[] })),
      export: vi.fn(async ({ format }: { format: 'csv' | 'json' }) => ({ filename: `h.${format}`, content: 'x' })),
    },
    conflicts: { list: vi.fn(async () => [] as Conflict[]), resolve: vi.fn(async ({ ids }: { ids: string[] }) => ({ resolved: ids.length })) },
    attention: { list: vi.fn(async () => [] as AttentionItem[]), restore: vi.fn(async () => ({ ok: true as const })), describe: vi.fn(async ({ id }: { id: string }): Promise<AppointmentDescription> => ({ id, title: attentionItem(Number(id.slice(2))).title, start: '2030-01-03T09:00:00Z', end: '2030-01-03T10:00:00Z', customerName: 'Grace Hopper' })), cancel: vi.fn(async () => ({ ok: true as const })) },
    guard: { decide: vi.fn(async ({ choice }: { choice: string }) => ({ ok: true as const, kept: choice === 'keep' ? 2 : 0 })) },
    unfollowed: { list: vi.fn(async () => [] as UnfollowedItem[]), follow: vi.fn(async () => ({ ok: true as const })) },
    run: {
      undoPreview: vi.fn(async () => ({ icloud: 2, platform: 1, refused: 1 })),
      undo: vi.fn(async ({ id }: { id: string }) => run(1, { trigger: 'undo', undoes: id, undoable: false, counts: { ...emptyCounts(), icloud: { created: 1, updated: 0, deleted: 1 }, platform: { created: 0, updated: 0, deleted: 1 }, skipped: 1 } })),
    },
    app: { openExternal: vi.fn(async () => ({ ok: true as const })) },
    doctor: { run: vi.fn(async () => ({ checks: [] as DoctorCheck[] })) },
    diagnostics: { save: vi.fn(async () => ({ saved: false as const }) as { saved: true; path: string } | { saved: false }) },
    on: {
      statusChanged: (listener: Listener) => {
        listeners.statusChanged.add(listener);
        return () => listeners.statusChanged.delete(listener);
      },
      syncProgress: (listener: Listener) => {
        listeners.syncProgress.add(listener);
        return () => listeners.syncProgress.delete(listener);
      },
    },
  };
  for (const [group, methods] of Object.entries(overrides)) Object.assign((base as Record<string, object>)[group], methods);
  return {
    api: base as unknown as AppApi,
    emit: (event, payload) => listeners[event].forEach((listener) => listener(payload)),
  };
}

export function renderWith(api: AppApi, ui: ReactElement) {
  return render(<ApiContext.Provider value={api}>{ui}</ApiContext.Provider>);
}

export function run(index: number, patch: Partial<RunReport> = {}): RunReport {
  const started = new Date(Date.now() - index * 5 * 60_000);
  const counts = emptyCounts();
  counts.icloud.created = index % 3;
  counts.platform.created = index % 2;
  return {
    id: `run-${index}`,
    trigger: index % 4 === 0 ? 'manual' : 'schedule',
    startedAt: started.toISOString(),
    finishedAt: new Date(started.getTime() + 2000).toISOString(),
    outcome: index % 10 === 7 ? 'failed' : 'ok',
    counts,
    requests: { icloud: 3, platform: 2 },
    items: [{ op: 'create', side: 'icloud', pair: `p-${index}`, title: `Appointment ${index}` }],
    ...patch,
  };
}

export function connectedStatus(patch: Partial<StatusView> = {}): StatusView {
  return {
    icloud: { connected: true, appleId: 'alice@example.com', health: 'ok', linkedCalendar: { id: 'https://dav/work/', name: 'Work' }, busySources: [] },
    platform: { connected: true, locationId: 'loc-1', userId: 'u-1', userName: 'Ada Lovelace', health: 'ok', calendars: [{ id: 'cal-rr', name: 'Sales round robin' }] },
    running: false,
    paused: false,
    lastRun: run(1),
    nextRunAt: new Date(Date.now() + 4 * 60_000).toISOString(),
    counts: { pairs: 12, conflicts: 0, attention: 0 },
    ...patch,
  };
}

export function disconnectedStatus(): StatusView {
  return {
    icloud: { connected: false, health: 'unknown', busySources: [] },
    platform: { connected: false, health: 'unknown', calendars: [] },
    running: false,
    paused: false,
    counts: { pairs: 0, conflicts: 0, attention: 0 },
  };
}

export function conflict(index: number): Conflict {
  return {
    id: `c-${index}`,
    pair: `p-${index}`,
    title: `Consult ${index}`,
    detectedAt: new Date().toISOString(),
    icloud: { title: `Consult ${index} (iCloud)`, start: '2030-01-02T10:00:00Z', end: '2030-01-02T11:00:00Z', allDay: false, notes: 'Same notes' },
    platform: { title: `Consult ${index} (platform)`, start: '2030-01-02T10:00:00Z', end: '2030-01-02T11:00:00Z', allDay: false, notes: 'Same notes' },
    changed: ['title'],
  };
}

export function attentionItem(index: number): AttentionItem {
  return {
    id: `a-${index}`,
    pair: `p-${index}`,
    title: `Physio ${index}`,
    start: '2030-01-03T09:00:00Z',
    kind: index % 2 ? 'platform-mirror-deleted' : 'icloud-mirror-deleted',
    detectedAt: new Date().toISOString(),
    message: `"Physio ${index}" was deleted from iCloud, but the appointment is still booked.`,
  };
}

export function calendars(): CalendarEntry[] {
  return [
    { side: 'icloud', id: 'https://dav/work/', name: 'Work', type: 'calendar', eligible: true, busySourceEligible: true },
    { side: 'icloud', id: 'https://dav/home/', name: 'Home', type: 'calendar', eligible: true, busySourceEligible: true },
    { side: 'icloud', id: 'https://dav/holidays/', name: 'Holidays', type: 'subscribed', eligible: false, busySourceEligible: false, reason: 'Subscribed calendar: read-only' },
    { side: 'platform', id: 'cal-rr', name: 'Sales round robin', type: 'round_robin', eligible: true, mine: true },
    { side: 'platform', id: 'cal-simple', name: 'Simple calendar', type: 'event', eligible: false, reason: 'Simple calendar: not supported' },
    { side: 'platform', id: 'cal-personal', name: "Ada's personal", type: 'personal', eligible: false, reason: 'Personal calendar' },
  ];
}

export function guardDecision(count = 12): GuardDecision {
  return {
    kind: 'deletions',
    detectedAt: new Date().toISOString(),
    message: 'This sync would delete 12 of 12 synced events, which looks like a mistake. Nothing was changed.',
    items: Array.from({ length: count }, (_, i) => ({
      key: `k-${i}`, title: `Lesson ${i}`, start: `2030-01-0${1 + (i % 9)}T14:00:00Z`, end: `2030-01-0${1 + (i % 9)}T15:00:00Z`, allDay: false, side: 'platform' as const, platformId: `b-${i}`,
    })),
  };
}

export function unfollowedItem(index: number): UnfollowedItem {
  return { ...guardDecision(1).items[0], key: `k-${index}`, title: `Lesson ${index}`, since: new Date().toISOString(), guard: 'deletions' };
}
