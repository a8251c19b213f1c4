// When to notify: once per situation, never per event (UI.md: forget the app until it needs you).
// A situation notifies when it begins and stays quiet until it has ended and begins again.
// Pure: the status in, the notices and the new memory out; notifications.ts shows them.
import type { StatusView } from '../../shared/status';
import type { WindowRoute } from './window';

export type Situation = 'credentials-rejected' | 'repeated-failures' | 'new-conflicts' | 'guard-waiting';

export interface Notice {
  situation: Situation;
  title: string;
  body: string;
  /** Where clicking the notification opens the window. */
  route: WindowRoute;
}

export interface NotificationMemory {
  active: readonly Situation[];
  /** The last run counted, so one run is never counted twice (status changes many times per run). */
  lastRunId?: string;
  consecutiveFailures: number;
}

export const initialNotificationMemory: NotificationMemory = { active: [], consecutiveFailures: 0 };

/** Failed cycles in a row before we say so: one failure is usually a blip the next cycle fixes. */
export const repeatedFailureThreshold = 3;

export function decideNotifications(
  memory: NotificationMemory,
  status: StatusView,
  enabled: boolean,
): { notices: Notice[]; memory: NotificationMemory } {
  const lastRun = status.lastRun;
  let consecutiveFailures = memory.consecutiveFailures;
  if (lastRun && lastRun.id !== memory.lastRunId) {
    // A guarded run waits for a decision (its own situation below), it is not a failure that repeats.
    const failed = lastRun.outcome === 'failed' && lastRun.error?.kind !== 'auth';
    consecutiveFailures = failed ? consecutiveFailures + 1 : 0;
  }
  const current = situationsNow(status, consecutiveFailures);
  const begun = current.filter((situation) => !memory.active.includes(situation));
  return {
    notices: enabled ? begun.map((situation) => noticeFor(situation, status, consecutiveFailures)) : [],
    memory: { active: current, lastRunId: lastRun?.id ?? memory.lastRunId, consecutiveFailures },
  };
}

function situationsNow(status: StatusView, consecutiveFailures: number): Situation[] {
  const situations: Situation[] = [];
  if (status.lastRun?.error?.kind === 'auth') situations.push('credentials-rejected');
  if (consecutiveFailures >= repeatedFailureThreshold) situations.push('repeated-failures');
  if (status.counts.conflicts > 0) situations.push('new-conflicts');
  if (status.guard) situations.push('guard-waiting');
  return situations;
}

function noticeFor(situation: Situation, status: StatusView, consecutiveFailures: number): Notice {
  switch (situation) {
    case 'credentials-rejected':
      return status.platform.health === 'error' && status.icloud.health !== 'error'
        ? {
            situation,
            title: 'The platform rejected your token',
            body: 'Syncing has stopped. Open iCloud Sync and reconnect the platform with a new token.',
            route: 'settings',
          }
        : {
            situation,
            title: 'Your iCloud password was rejected',
            body: 'Apple revokes app-specific passwords when the Apple ID password changes. Make a new one at account.apple.com and reconnect.',
            route: 'settings',
          };
    case 'repeated-failures':
      return {
        situation,
        title: 'Syncing keeps failing',
        body: `The last ${consecutiveFailures} syncs did not finish. Open Sync History to see why.`,
        route: 'history',
      };
    case 'guard-waiting': {
      const n = status.guard?.items.length ?? 0;
      return {
        situation,
        title: 'Syncing stopped for safety',
        body: `${status.guard?.kind === 'deletions' ? `A sync would delete ${n === 1 ? '1 event' : `${n} events`}` : `A side listed none of ${n === 1 ? '1 synced event' : `${n} synced events`}`}. Nothing was changed. Open iCloud Sync to delete them or keep them.`,
        route: 'status',
      };
    }
    case 'new-conflicts': {
      const n = status.counts.conflicts;
      return {
        situation,
        title: n === 1 ? 'A conflict needs you' : `${n} conflicts need you`,
        body: 'An event was changed in iCloud and on the platform. Choose which version to keep.',
        route: 'conflicts',
      };
    }
  }
}
