// StatusView builders for the shell tests.
import type { RunReport } from '../../../src/shared/run-report';
import { emptyCounts } from '../../../src/shared/run-report';
import type { StatusView } from '../../../src/shared/status';

export function connectedStatus(overrides: Partial<StatusView> = {}): StatusView {
  return {
    icloud: { connected: true, appleId: 'me@icloud.com', health: 'ok', linkedCalendar: { id: 'home', name: 'Home' }, busySources: [] },
    platform: { connected: true, locationId: 'loc1', userId: 'u1', userName: 'Ann', health: 'ok', calendars: [{ id: 'c1', name: 'Cuts' }] },
    running: false,
    paused: false,
    counts: { pairs: 12, conflicts: 0, attention: 0 },
    ...overrides,
  };
}

export function notConnectedStatus(): StatusView {
  return {
    icloud: { connected: false, health: 'unknown', busySources: [] },
    platform: { connected: false, health: 'unknown', calendars: [] },
    running: false,
    paused: false,
    counts: { pairs: 0, conflicts: 0, attention: 0 },
  };
}

export function run(id: string, outcome: RunReport['outcome'], finishedAt = '2025-03-01T10:00:00.000Z', error?: RunReport['error']): RunReport {
  return {
    id,
    trigger: 'schedule',
    startedAt: finishedAt,
    finishedAt,
    outcome,
    counts: emptyCounts(),
    requests: { icloud: 1, platform: 1 },
    items: [],
    ...(error ? { error } : {}),
  };
}
