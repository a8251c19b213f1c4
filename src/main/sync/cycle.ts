// One sync cycle: read both sides, plan, guard, execute, write the run report. Reading changes no
// state and neither does this file: every change is an operation the executor applies (cursors and
// the iCloud object records included), and the cycle's outcome is recorded by the executor's
// recordOutcome. The whole cycle holds the data-directory lock, so the app and the CLI never run one
// at once.
import type { RunReport, Trigger } from '../../shared/run-report';
import { SyncError, toSyncError } from '../errors';
import { normaliseAddress, type IcsCodec } from '../icloud';
import type { RequestCounter } from '../request-counter';
import type { HistoryStore } from '../store/history-store';
import type { State } from '../store/state-schema';
import type { StateStore } from '../store/state-store';
import { execute, recordOutcome } from './execute';
import { gatherIcloud, type FollowedCalendar } from './gather-icloud';
import { gatherPlatform, readRestOfBlocks } from './gather-platform';
import { planPlatformRead, reachesBeyond } from './platform-read-tiers';
import { checkCreations, checkDeletions, GuardStop } from './guards';
import { plan } from './plan';
import type { PlanContext } from './plan-input';
import type { IcloudPort, PlatformPort } from './ports';
import { ReportBuilder } from './report-builder';
import { projectionKey, syncWindow } from './sync-window';
import { noteLocation, readLocationIfDue, withLocationFacts } from './location-refresh';
import { blockZone } from '../platform/location';
import { macZone } from './zoned-midnight';
import { withoutUnfollowed } from './unfollowed';
import { readOnlySides, scratchTransaction, withoutSettling, type ProposedLinks } from './dry-run';

export interface CycleDeps {
  store: StateStore;
  history: HistoryStore;
  /** Built once the state is read (they need the accounts); may throw 'auth' for a missing secret. */
  sides(state: State): Promise<{ icloud: IcloudPort; platform: PlatformPort }>;
  codec: IcsCodec;
  counter: RequestCounter;
  now: () => Date;
  /** The Mac's zone (default: this process's): floating times, and all-day blocks while the location's is unknown. */
  localZone?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface CycleOptions {
  trigger: Trigger;
  /** The user confirmed a large number of deletions (the guard asked). */
  allowDeletions?: boolean;
  /** The user confirmed a large number of new blocked slots (the creation guard asked). */
  allowCreations?: boolean;
  /** Preview (dry-run.ts): read both sides in full, plan, guard and report; write nothing anywhere. */
  dryRun?: boolean;
  /** With dryRun: preview these calendars as if linked (nothing is saved). */
  proposedLinks?: ProposedLinks;
}

export async function runCycle(deps: CycleDeps, options: CycleOptions): Promise<RunReport> {
  deps.counter.reset();
  const dryRun = Boolean(options.dryRun);
  const report = new ReportBuilder(options.trigger, deps.now(), deps.counter, dryRun);
  await deps.store.transaction(async (held) => {
    // A dry run changes only a copy, and the real transaction is never saved.
    const tx = dryRun ? scratchTransaction(held, options.proposedLinks) : held;
    const { state } = tx;
    // Not connected or not linked: bad usage, not a failed run (nothing to report yet).
    const localZone = deps.localZone ?? macZone();
    let context = planContext(state, deps.now(), localZone);
    try {
      const real = await deps.sides(state);
      const { icloud, platform } = dryRun ? readOnlySides(real) : real;
      // S15: the location's zone, read again once a day; blocks placed in the old zone are judged again below
      // (the zone is part of judgedWith). The facts reach state through the planner's location.read.
      const stored = state.accounts.platform!;
      const location = await readLocationIfDue(platform, stored, deps.now());
      const account = location ? withLocationFacts(stored, location) : stored;
      if (location) context = planContext(state, deps.now(), localZone, account);
      noteLocation(report, account, localZone);
      const calendars: FollowedCalendar[] = [
        { url: context.linkedCalendarUrl, source: 'linked' },
        ...state.links.busySources.map((url) => ({ url, source: 'busy' as const })),
      ];
      // Stored in windowDay: the day and the projection settings the events were last judged with.
      const judgedWith = projectionKey(deps.now(), state.settings, context);
      const allowEmpty = Boolean(options.allowDeletions);
      const rejudge = state.windowDay !== judgedWith;
      // Blocked slots: the near tier, or the whole window when due (platform-read-tiers.ts).
      const reads = planPlatformRead({
        account, window: context.window, now: deps.now(), dryRun, rejudge,
        lastCycleFailed: state.scheduler.consecutiveFailures > 0, pendingCreates: Object.keys(state.intents).length > 0,
      });
      const platformRead = { userId: context.userId, window: context.window, allowEmpty, blocks: reads.blocks };
      // Both sides at once: neither read depends on the other, and a cycle then waits for the slower.
      const [gathered, nearWindow] = await Promise.all([
        gatherIcloud(icloud, deps.codec, state, calendars, {
          window: context.window, floatingZone: context.floatingZone, rereadAll: dryRun || rejudge, allowEmpty, now: deps.now(),
        }),
        gatherPlatform(platform, state, platformRead),
      ]);
      // An iCloud change beyond the near tier is planned against the platform as it is now.
      const platformWindow = nearWindow.blocksRead && reachesBeyond(gathered, state.pairs, nearWindow.blocksRead, context.window)
        ? await readRestOfBlocks(platform, state, nearWindow, platformRead)
        : nearWindow;
      // Items the user chose to keep as they are (a guard's "Keep them") are not seen by the planner.
      const planned = plan(withoutUnfollowed({
        pairs: state.pairs, intents: state.intents, icloud: gathered, platform: platformWindow,
        settings: state.settings, context, now: deps.now(), judgedWith, location,
      }, state));
      const ops = dryRun ? withoutSettling(planned) : planned;
      checkDeletions(ops, Object.keys(state.pairs).length, allowEmpty, deps.now());
      // A calendar with a cursor finished its first sync: a burst of new slots there is guarded.
      checkCreations(ops, (url) => state.cursors[url] !== undefined, Boolean(options.allowCreations), deps.now());
      await execute(ops, { icloud, platform, codec: deps.codec, tx, report, context, now: deps.now, onProgress: deps.onProgress });
      // cli.md: a cycle that leaves conflicts open says so, also when they were found in an earlier one.
      report.counts.conflicts = Object.values(state.pairs).filter((pair) => pair.status === 'conflict').length;
      await recordOutcome(tx, deps.now());
    } catch (thrown) {
      const error = toSyncError(thrown);
      report.fail(reportKind(error), error.message, error.details.side);
      if (error instanceof GuardStop) report.guard(error.decision);
      await recordOutcome(tx, deps.now(), error);
    }
  });
  const finished = report.finish(deps.now());
  if (!dryRun) await deps.history.append(finished, deps.now());
  return finished;
}

/** What the planner and executor need to know of the accounts and links; throws when not set up. */
export function planContext(state: State, now: Date, localZone: string = macZone(), platform = state.accounts.platform): PlanContext {
  const { icloud } = state.accounts;
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
    // S15: whole days in the location's zone; the Mac's while it cannot be read (the user is told why).
    zone: blockZone(platform, localZone),
    floatingZone: localZone,
    ownAddresses: icloud.userAddresses ?? [normaliseAddress(icloud.appleId)],
    window: syncWindow(now, state.settings),
  };
}

function reportKind(error: SyncError): NonNullable<RunReport['error']>['kind'] {
  if (error.kind === 'auth' || error.kind === 'network' || error.kind === 'throttled' || error.kind === 'guard') return error.kind;
  return 'internal';
}
