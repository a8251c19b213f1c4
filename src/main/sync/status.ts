// Builds the status the user sees (CLI `status`, the window, the tray line) from the stored state.
import { own } from '../../shared/own';
import type { RunReport } from '../../shared/run-report';
import type { LocationStatus, StatusView } from '../../shared/status';
import { platformAccounts } from '../store/locations';
import type { PlatformAccount, State } from '../store/state-schema';
import { AUTH_REJECTED_MESSAGE } from '../icloud/credentials';
import { AUTH_MESSAGE } from '../platform/platform-errors';
import { blockZone, locationNotice } from '../platform/location';
import { macZone } from './zoned-midnight';
import { following } from './unfollowed';
import type { RecentNotice } from './recent-notices';

export interface LiveStatus {
  running: boolean;
  progress?: { done: number; total: number };
}

/** The same words the failing request used (one message per side, defined where it is detected). */
const credentialMessages = { icloud: AUTH_REJECTED_MESSAGE, platform: AUTH_MESSAGE } as const;

export function buildStatus(
  state: State,
  lastRun: RunReport | undefined,
  live: LiveStatus,
  notices: string[],
  localZone: string = macZone(),
  runNotices: RecentNotice[] = [],
): StatusView {
  const { icloud } = state.accounts;
  const pairs = Object.values(state.pairs);
  const name = (id: string) => ({ id, name: own(state.links.names, id) ?? id });
  const stopped = state.scheduler.stoppedForCredentials;
  const health = (side: 'icloud' | 'platform', connected: boolean) => {
    if (!connected) return { health: 'unknown' as const };
    if (stopped === side) return { health: 'error' as const, message: credentialMessages[side] };
    if (!lastRun) return { health: 'unknown' as const, message: 'Not synced yet.' };
    // A failure of one side's server (an iCloud-only outage) marks that side only.
    const failedSide = lastRun.error?.side;
    if (lastRun.outcome === 'failed' && (!failedSide || failedSide === side)) return { health: 'error' as const, message: lastRun.error?.message };
    return { health: 'ok' as const };
  };
  const located = (account: PlatformAccount | undefined): LocationStatus => {
    const base = health('platform', Boolean(account));
    // With several locations, one that failed on its own last time is marked by its own entry.
    const own = account ? lastRun?.locations?.find((entry) => entry.id === account.locationId) : undefined;
    const marked = own ? (own.outcome === 'failed' ? { health: 'error' as const, message: own.error?.message } : { health: 'ok' as const }) : base;
    return {
      connected: Boolean(account),
      locationId: account?.locationId,
      locationName: account?.locationName,
      timezone: account ? blockZone(account, localZone) : undefined,
      locationNotice: account ? locationNotice(account, localZone) : undefined,
      userId: account?.userId,
      userName: account?.userName,
      ...(stopped === 'platform' || !own ? base : marked),
      calendars: (account?.calendars ?? []).map(name),
      ...(account?.icloudCalendar ? { icloudCalendar: name(account.icloudCalendar) } : {}),
    };
  };
  const accounts = platformAccounts(state);

  return {
    icloud: {
      connected: Boolean(icloud),
      appleId: icloud?.appleId,
      ...health('icloud', Boolean(icloud)),
      linkedCalendar: state.links.icloudCalendar ? name(state.links.icloudCalendar) : undefined,
      busySources: state.links.busySources.map(name),
    },
    platform: located(accounts[0]),
    ...(accounts.length > 1 ? { locations: accounts.map(located) } : {}),
    running: live.running,
    paused: state.scheduler.paused,
    progress: live.progress,
    lastRun,
    nextRunAt: state.scheduler.paused ? undefined : state.scheduler.nextRunAt,
    counts: {
      pairs: pairs.length,
      conflicts: pairs.filter((pair) => pair.status === 'conflict').length,
      attention: pairs.filter((pair) => pair.status === 'detached').length,
    },
    notice: notices.length ? notices.join(' ') : undefined,
    guard: following(state).pending,
    unfollowed: Object.keys(following(state).unfollowed).length,
    ...(runNotices.length ? { runNotices } : {}),
  };
}
