// The composition root: builds every service from a config, without Electron. The app (index.ts),
// the CLI and the tests all start here, so they share one data directory layout and one keychain.
import { AccountsService } from './accounts/accounts-service';
import { buildSides } from './accounts/sides';
import { IcsCodec } from './icloud';
import { RateLimiters } from './platform';
import { RequestCounter } from './request-counter';
import { EnvOverrideSecretStore } from './secrets/env-secret-store';
import { KeychainSecretStore } from './secrets/keychain-store';
import type { SecretStore } from './secrets/secret-store';
import path from 'node:path';
import type { LockOptions } from './store/data-dir-lock';
import { HistoryStore } from './store/history-store';
import { UndoStore } from './store/undo-store';
import { SettingsService } from './store/settings-service';
import { StateStore } from './store/state-store';
import { recentNotices } from './sync/recent-notices';
import { buildStatus } from './sync/status';
import { macZone } from './sync/zoned-midnight';
import { SyncService } from './sync/sync-service';
import { listUnfollowed } from './sync/unfollowed';
import { listAttention, listConflicts } from './sync/user-decisions';
import { describeAppointment } from './sync/describe-appointment';
import type { StatusView } from '../shared/status';
import { createHandlers } from './api/handlers';
import type { SaveDiagnosticsOptions } from './diagnostics/save-diagnostics';
import type { ShellServices } from './shell/shell-services';
import { Scheduler, type SystemMonitor } from './sync/scheduler';

export interface ServicesConfig {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Replaces the OS keychain (tests); the env overrides of cli.md still apply on top. */
  keychain?: SecretStore;
  fetch?: typeof fetch;
  now?: () => Date;
  lock?: LockOptions;
  /**
   * Where the window's "Save Diagnostics…" writes until the shell hands in its save dialog
   * (harness, tests). Default: the file name in the data directory.
   */
  chooseDiagnosticsFile?: (suggestedName: string) => Promise<string | undefined>;
  /** The Mac's zone; default: this process's (tests pin it). */
  localZone?: string;
}

export function createServices(config: ServicesConfig) {
  const env = config.env ?? process.env;
  const now = config.now ?? (() => new Date());
  const state = new StateStore(config.dataDir, config.lock);
  const history = new HistoryStore(config.dataDir);
  const undo = new UndoStore(config.dataDir);
  const keychain = config.keychain ?? new KeychainSecretStore();
  const secrets = new EnvOverrideSecretStore(keychain, env);
  const settings = new SettingsService(state);
  // One limiter per location (the platform's limits are per location, issue 15).
  const limiter = new RateLimiters();
  const counter = new RequestCounter();
  const codec = new IcsCodec();
  const localZone = config.localZone ?? macZone();
  const accounts = new AccountsService({ store: state, secrets, limiter, fetch: config.fetch, now, localZone });
  const sync = new SyncService({
    store: state, history, undo, codec, counter, now, localZone,
    sides: (current) => buildSides(current, { secrets, counter, limiter, fetch: config.fetch }),
  });

  async function status(): Promise<StatusView> {
    const current = await state.read();
    const runs = await history.list(50);
    const live = { running: sync.running, progress: sync.progress };
    return buildStatus(current, runs[0], live, [...state.notices, ...history.notices, ...undo.notices], localZone, recentNotices(runs, now()));
  }

  let chooseDiagnosticsFile = config.chooseDiagnosticsFile ?? (async (name: string) => path.join(config.dataDir, name));
  // Loaded when asked for: a sync (the CLI's usual run) never compiles the doctor or diagnostics.
  const doctor = async () => {
    const { runDoctor } = await import('./doctor/run-doctor');
    return runDoctor({ dataDir: config.dataDir, state, secrets, keychain, fetch: config.fetch, now, localZone });
  };

  const scheduler = new Scheduler({ store: state, now, run: (trigger) => sync.run(trigger).report });
  const statusListeners = new Set<(status: StatusView) => void>();
  const notify = () => {
    if (statusListeners.size === 0) return;
    void status().then((view) => statusListeners.forEach((listener) => listener(view)), () => undefined);
  };
  sync.onChange(notify);
  const controls = {
    pause: async () => {
      await scheduler.pause();
      notify();
    },
    resume: async () => {
      await scheduler.resume();
      notify();
    },
  };

  const shell: ShellServices = {
    status,
    syncNow: async () => sync.syncNow(),
    pause: controls.pause,
    resume: controls.resume,
    onStatusChanged(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    getSettings: () => settings.get(),
    setSetting: async (key, value) => {
      const saved = await settings.set(key, value);
      notify();
      return saved;
    },
    start: (monitor?: SystemMonitor) => scheduler.start(monitor),
    setDiagnosticsFileChooser: (choose) => {
      chooseDiagnosticsFile = choose;
    },
    stop: async () => {
      scheduler.stop();
      await sync.idle();
    },
  };

  const services = {
    config, dataDir: config.dataDir, state, history, undo, secrets, settings, accounts, sync, scheduler, status, shell,
    doctor,
    diagnostics: async (options: SaveDiagnosticsOptions) => (await import('./diagnostics/save-diagnostics')).saveDiagnostics({ state, history, undo, doctor, env, now }, options),
    chooseDiagnosticsFile: (suggestedName: string) => chooseDiagnosticsFile(suggestedName),
    conflicts: async () => listConflicts(await state.read()),
    attention: async () => listAttention(await state.read()),
    describeAppointment: async (id: string) => {
      const current = await state.read();
      // Its own counter: these two reads are the user's question, not part of a cycle's figures.
      const { platform } = await buildSides(current, { secrets, counter: new RequestCounter(), limiter, fetch: config.fetch });
      return describeAppointment(current, id, platform);
    },
    unfollowed: async () => listUnfollowed(await state.read()),
  };
  return { ...services, handlers: createHandlers(services, controls) };
}

export type Services = ReturnType<typeof createServices>;
