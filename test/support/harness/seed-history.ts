// A data directory that looks like months of use: both accounts connected (identifiers only, no
// secrets) and `count` run reports — for the History bench and for looking at a crowded window.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyCounts, type RunReport } from '../../../src/shared/run-report';
import { StateStore } from '../../../src/main/store/state-store';

/** Runs `spacingMs` apart ending now, oldest first (history.json's order); every 10th partial, every 25th failed. */
export function makeRuns(count: number, now = Date.now(), spacingMs = 4 * 60_000): RunReport[] {
  return Array.from({ length: count }, (_, i) => {
    const age = count - 1 - i;
    const started = new Date(now - age * spacingMs);
    const counts = emptyCounts();
    counts.icloud.created = i % 3;
    counts.platform.created = i % 2;
    const failed = i % 25 === 0;
    const items: RunReport['items'] = [
      ...(i % 3 ? [{ op: 'create' as const, side: 'icloud' as const, pair: `p-${i}`, title: `Appointment ${i}` }] : []),
      ...(i % 2 ? [{ op: 'create' as const, side: 'platform' as const, pair: `q-${i}`, title: `Dentist ${i}` }] : []),
    ];
    return {
      id: `run-${i}`,
      trigger: i % 7 === 0 ? 'manual' : 'schedule',
      startedAt: started.toISOString(),
      finishedAt: new Date(started.getTime() + 1500).toISOString(),
      outcome: failed ? 'failed' : i % 10 === 0 ? 'partial' : 'ok',
      counts: { ...counts, errors: failed ? 1 : 0 },
      requests: { icloud: 4, platform: 3 },
      items,
      ...(failed ? { error: { kind: 'network' as const, message: 'The platform could not be reached. The next sync will try again.' } } : {}),
    };
  });
}

export async function seedConnectedDataDir(dataDir: string, runs: number): Promise<void> {
  const now = new Date().toISOString();
  const calendar = 'https://caldav.example.invalid/alice/work/';
  await new StateStore(dataDir).update((state) => {
    state.accounts.icloud = { appleId: 'alice@example.com', caldavUrl: 'https://caldav.example.invalid', connectedAt: now };
    state.accounts.platforms['loc-1'] = { locationId: 'loc-1', userId: 'user-ada', userName: 'Ada Lovelace', apiUrl: 'https://platform.example.invalid', connectedAt: now, calendars: null };
    state.links.icloudCalendar = calendar;
    state.links.names[calendar] = 'Work';
  });
  await writeFile(join(dataDir, 'history.json'), JSON.stringify({ schemaVersion: 1, runs: makeRuns(runs) }));
}
