// The window's API (the IPC contract) implemented over the services, without Electron. The shell
// registers these behind its sender and payload checks; the browser harness serves the same ones.
import type { DoctorReport } from '../../shared/doctor';
import type { UnfollowedItem } from '../../shared/guard';
import type { AppointmentDescription, AttentionItem, Conflict } from '../../shared/ipc/views';
import { SyncError } from '../errors';
import type { StatusView } from '../../shared/status';
import type { AccountsService } from '../accounts/accounts-service';
import type { ServiceHandlers } from '../shell/shell-handlers';
import type { HistoryStore } from '../store/history-store';
import type { SettingsService } from '../store/settings-service';
import { matchesFilter, toCsv } from './history-query';
import type { SyncService } from '../sync/sync-service';
import { removalError } from './removal-error';

export interface HandlerServices {
  status(): Promise<StatusView>;
  settings: SettingsService;
  accounts: AccountsService;
  sync: SyncService;
  history: HistoryStore;
  conflicts(): Promise<Conflict[]>;
  attention(): Promise<AttentionItem[]>;
  /** The appointment a cancel would reach, with its customer's name (describe-appointment.ts). */
  describeAppointment(id: string): Promise<AppointmentDescription>;
  doctor(): Promise<{ report: DoctorReport }>;
  diagnostics(options: { out: string; includeTitles: boolean }): Promise<{ path: string }>;
  /** Where to save a diagnostics file (the app's save dialog); undefined when the user cancelled. */
  chooseDiagnosticsFile(suggestedName: string): Promise<string | undefined>;
  unfollowed(): Promise<UnfollowedItem[]>;
}

export interface ApiControls {
  pause(): Promise<void>;
  resume(): Promise<void>;
}

export function createHandlers(services: HandlerServices, controls: ApiControls): ServiceHandlers {
  return {
    'status.get': () => services.status(),
    'settings.get': () => services.settings.get(),
    'settings.set': ({ key, value }) => services.settings.set(key, value),
    'calendars.list': () => services.accounts.calendars(),
    'links.set': async (links) => {
      await services.accounts.link({ icloud: links.icloud, busy: links.busy, platformCalendars: links.platformCalendars, ...(links.locationCalendars ? { locationCalendars: links.locationCalendars } : {}) });
      return { ok: true };
    },
    'accounts.connectIcloud': async (input) => ({ ok: true, calendars: await services.accounts.connectIcloud(input) }),
    'accounts.connectPlatform': async (input) => {
      const result = await services.accounts.connectPlatform(input);
      if (result.status !== 'connected') return result;
      const { locationName, locationNotice } = result;
      return { status: 'connected', ...(locationName ? { locationName } : {}), ...(locationNotice ? { locationNotice } : {}) };
    },
    'accounts.disconnect': async ({ side, removeCopies }) => {
      // A copy that cannot be removed throws before the disconnect: the account stays, to try again.
      if (removeCopies) await services.sync.removeCopies('manual', false);
      await services.accounts.disconnect(side);
      return { ok: true };
    },
    'locations.removalPreview': async ({ locationId, removeCopies }) => {
      const facts = await services.accounts.removalFacts(locationId);
      return { ...facts, ...(removeCopies ? { copies: await services.sync.removeCopies('manual', true, locationId) } : {}) };
    },
    'locations.remove': async ({ locationId, removeCopies }) => {
      await services.accounts.removalFacts(locationId); // a location not connected (any more) is refused before anything goes
      // A copy that cannot be removed (edited since, a server error) throws here: the location stays connected.
      if (removeCopies) {
        await services.sync.removeCopies('manual', false, locationId).catch((error: unknown) => {
          throw removalError(error);
        });
      }
      await services.accounts.disconnect('platform', locationId);
      return { ok: true };
    },
    'copies.preview': async () => services.sync.removeCopies('manual', true),
    'sync.now': async () => services.sync.syncNow(),
    // The onboarding and Settings preview: read in full, plan with the proposed calendars and
    // settings (not saved), report; writes nothing anywhere.
    'sync.preview': async (request) => {
      // Checked as `link` checks them (one of the account's calendars, eligible): a preview reads
      // the proposed calendar with the user's credentials, so it must be theirs, not any URL sent.
      const asked = request?.links;
      const links = asked ? await services.accounts.checkLinks({ icloud: asked.icloud, busy: asked.busy, platformCalendars: asked.platformCalendars, ...(asked.locationCalendars ? { locationCalendars: asked.locationCalendars } : {}) }) : undefined;
      const proposed = links ? { icloud: links.icloud, busy: links.busy, platformCalendars: links.platformCalendars, locationCalendars: links.locationCalendars } : undefined;
      return services.sync.run('manual', { dryRun: true, proposed: { links: proposed, settings: request?.settings } }).report;
    },
    'sync.pause': async () => {
      await controls.pause();
      return { paused: true };
    },
    'sync.resume': async () => {
      await controls.resume();
      return { paused: false };
    },
    'history.list': async ({ limit, offset, ...filter }) => {
      const runs = (await services.history.list()).filter((run) => matchesFilter(run, filter));
      return { total: runs.length, runs: await services.sync.withUndoableNow(runs.slice(offset, offset + limit)) };
    },
    'history.export': async ({ format, ...filter }) => {
      const runs = (await services.history.list()).filter((run) => matchesFilter(run, filter));
      const stamp = new Date().toISOString().slice(0, 10);
      return format === 'csv'
        ? { filename: `icloud-sync-history-${stamp}.csv`, content: toCsv(runs) }
        : { filename: `icloud-sync-history-${stamp}.json`, content: JSON.stringify(runs, null, 2) };
    },
    'conflicts.list': () => services.conflicts(),
    'conflicts.resolve': async ({ ids, keep }) => {
      // resolve throws when any of them could not be written, so here every one was settled.
      await services.sync.resolve(ids, keep, 'manual');
      return { resolved: ids.length };
    },
    'doctor.run': async () => (await services.doctor()).report,
    'diagnostics.save': async ({ includeTitles }) => {
      const out = await services.chooseDiagnosticsFile(`icloud-sync-diagnostics-${new Date().toISOString().slice(0, 10)}.json`);
      if (!out) return { saved: false };
      return { saved: true, path: (await services.diagnostics({ out, includeTitles })).path };
    },
    'attention.list': () => services.attention(),
    'attention.restore': async ({ id }) => {
      await services.sync.restore(id, 'manual');
      return { ok: true };
    },
    'attention.describe': ({ id }) => services.describeAppointment(id),
    'attention.cancel': async ({ id }) => {
      await services.sync.cancel(id, 'manual');
      return { ok: true };
    },
    'guard.decide': async ({ kind, choice }) => {
      const waiting = (await services.status()).guard;
      if (!waiting || waiting.kind !== kind) {
        throw new SyncError('item', 'This safety check was already decided or has changed. Look at Status again.');
      }
      if (choice === 'allow') {
        // As on the command line: sync --allow-creations for the creation guard, --allow-deletions for the others.
        const allow = kind === 'creations' ? { allowCreations: true } : { allowDeletions: true };
        void services.sync.run('manual', allow).report.catch(() => undefined);
        return { ok: true, kept: 0 };
      }
      const report = await services.sync.keepGuarded('manual');
      // Both sides stay as they are; the next sync goes through without the kept items.
      services.sync.syncNow();
      return { ok: true, kept: report.items.length };
    },
    'run.undoPreview': ({ id }) => services.sync.undoPreview(id),
    'run.undo': ({ id, allowGuards }) => services.sync.undo(id, allowGuards ? { deletions: true, creations: true } : {}),
    'unfollowed.list': () => services.unfollowed(),
    'unfollowed.follow': async ({ key }) => {
      await services.sync.follow(key, 'manual');
      return { ok: true };
    },
  };
}
