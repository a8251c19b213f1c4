// One sync cycle: read both sides, plan, guard, execute, commit cursors, write the run report.
// The whole cycle holds the data-directory lock, so the app and the CLI never run one at once.
import type { RunReport, Trigger } from '../../shared/run-report';
import { SyncError, toSyncError } from '../errors';
import type { IcsCodec } from '../icloud';
import type { RequestCounter } from '../request-counter';
import type { HistoryStore } from '../store/history-store';
import type { State } from '../store/state-schema';
import type { StateStore } from '../store/state-store';
import { execute, hrefsToRetry } from './execute';
import { gatherIcloud, type FollowedCalendar } from './gather-icloud';
import { gatherPlatform } from './gather-platform';
import { checkDeletions } from './guards';
import type { Operation } from './operations';
import { plan } from './plan';
import type { PlanContext } from './plan-input';
import type { IcloudPort, PlatformPort } from './ports';
import { ReportBuilder } from './report-builder';
import { settleCursors } from './settle-cursors';
import { projectionKey, syncWindow } from './sync-window';

export interface CycleDeps {
  store: StateStore;
  history: HistoryStore;
  /** Built once the state is read (they need the accounts); may throw 'auth' for a missing secret. */
  sides(state: State): Promise<{ icloud: IcloudPort; platform: PlatformPort }>;
  codec: IcsCodec;
  counter: RequestCounter;
  now: () => Date;
  onProgress?: (done: number, total: number) => void;
}

export interface CycleOptions {
  trigger: Trigger;
  /** The user confirmed a large number of deletions (the guard asked). */
  allowDeletions?: boolean;
}

export async function runCycle(deps: CycleDeps, options: CycleOptions): Promise<RunReport> {
  deps.counter.reset();
  const report = new ReportBuilder(options.trigger, deps.now(), deps.counter);
  await deps.store.transaction(async (tx) => {
    const { state } = tx;
    // Not connected or not linked: bad usage, not a failed run (nothing to report yet).
    const context = planContext(state, deps.now());
    try {
      const { icloud, platform } = await deps.sides(state);
      const calendars: FollowedCalendar[] = [
        { url: context.linkedCalendarUrl, source: 'linked' },
        ...state.links.busySources.map((url) => ({ url, source: 'busy' as const })),
      ];
      // Stored in windowDay: the day and the projection settings the events were last judged with.
      const judgedWith = projectionKey(deps.now(), state.settings, context.zone);
      const allowEmpty = Boolean(options.allowDeletions);
      const gathered = await gatherIcloud(icloud, deps.codec, state, calendars, {
        window: context.window, zone: context.zone, rereadAll: state.windowDay !== judgedWith, allowEmpty,
      });
      for (const notice of gathered.notices) report.item(notice);
      const platformWindow = await gatherPlatform(platform, state, { userId: context.userId, window: context.window, allowEmpty });
      const ops = plan({
        pairs: state.pairs, intents: state.intents, icloud: gathered.changes, platform: platformWindow,
        settings: state.settings, context, now: deps.now(),
      });
      checkDeletions(ops, Object.keys(state.pairs).length, allowEmpty);
      const failed = await execute(ops, { icloud, platform, codec: deps.codec, tx, report, context, now: deps.now, onProgress: deps.onProgress });
      gathered.commit(state, hrefsToRetry(failed));
      // cli.md: a cycle that leaves conflicts open says so, also when they were found in an earlier one.
      report.counts.conflicts = Object.values(state.pairs).filter((pair) => pair.status === 'conflict').length;
      await settleCursors(icloud, state, calendarsWrittenTo(ops));
      state.windowDay = judgedWith;
      state.scheduler.consecutiveFailures = 0;
      state.scheduler.stoppedForCredentials = undefined;
      state.scheduler.retryAt = undefined;
    } catch (thrown) {
      const error = toSyncError(thrown);
      report.fail(reportKind(error), error.message);
      state.scheduler.consecutiveFailures += 1;
      const wait = error.details.retryAfterMs;
      state.scheduler.retryAt = wait ? new Date(deps.now().getTime() + wait).toISOString() : undefined;
      if (error.kind === 'auth' && error.details.side) state.scheduler.stoppedForCredentials = error.details.side;
    }
    state.scheduler.lastRunAt = deps.now().toISOString();
    await tx.save();
  });
  const finished = report.finish(deps.now());
  await deps.history.append(finished, deps.now());
  return finished;
}

/** The iCloud calendars this cycle's operations wrote to. */
function calendarsWrittenTo(ops: Operation[]): Set<string> {
  const urls = new Set<string>();
  for (const op of ops) {
    if (op.type === 'icloud.create') urls.add(op.calendarUrl);
    else if (op.type.startsWith('icloud.') && 'pair' in op && op.pair.icloud) urls.add(op.pair.icloud.calendarUrl);
  }
  return urls;
}

/** What the planner and executor need to know of the accounts and links; throws when not set up. */
export function planContext(state: State, now: Date): PlanContext {
  const { icloud, platform } = state.accounts;
  if (!icloud) throw new SyncError('item', 'iCloud is not connected. Connect it first (icloud-sync connect icloud).');
  if (!platform) throw new SyncError('item', 'The platform is not connected. Connect it first (icloud-sync connect platform).');
  if (!state.links.icloudCalendar) throw new SyncError('item', 'No iCloud calendar is linked yet. Choose one first (icloud-sync link --icloud URL).');
  // After the platform was reconnected the calendars must be chosen again: syncing none silently would
  // look like every appointment had stopped.
  if (!state.links.platformCalendars) {
    throw new SyncError('item', 'Choose the platform calendars to sync again (icloud-sync link --icloud URL [--platform-calendar ID]…).');
  }
  return {
    userId: platform.userId,
    linkedCalendarUrl: state.links.icloudCalendar,
    platformCalendarIds: state.links.platformCalendars,
    zone: platform.timezone ?? 'UTC',
    window: syncWindow(now, state.settings),
  };
}

function reportKind(error: SyncError): NonNullable<RunReport['error']>['kind'] {
  if (error.kind === 'auth' || error.kind === 'network' || error.kind === 'throttled' || error.kind === 'guard') return error.kind;
  return 'internal';
}
