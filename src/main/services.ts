// The composition root: builds every service from a config, without Electron. The app (index.ts),
// the CLI and the tests all start here, so they share one data directory layout and one keychain.
import { HistoryStore } from './store/history-store';
import { SettingsService } from './store/settings-service';
import { StateStore } from './store/state-store';
import type { LockOptions } from './store/data-dir-lock';
import { EnvOverrideSecretStore } from './secrets/env-secret-store';
import { KeychainSecretStore } from './secrets/keychain-store';
import type { SecretStore } from './secrets/secret-store';
import { buildStatus, type LiveStatus } from './sync/status';
import type { StatusView } from '../shared/status';

export interface ServicesConfig {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Replaces the OS keychain (tests); the env overrides of cli.md still apply on top. */
  keychain?: SecretStore;
  fetch?: typeof fetch;
  now?: () => Date;
  lock?: LockOptions;
}

export function createServices(config: ServicesConfig) {
  const env = config.env ?? process.env;
  const state = new StateStore(config.dataDir, config.lock);
  const history = new HistoryStore(config.dataDir);
  const secrets = new EnvOverrideSecretStore(config.keychain ?? new KeychainSecretStore(), env);
  const settings = new SettingsService(state);
  const live: LiveStatus = { running: false };

  async function status(): Promise<StatusView> {
    const current = await state.read();
    const [lastRun] = await history.list(1);
    return buildStatus(current, lastRun, live, [...state.notices, ...history.notices]);
  }

  return { config, dataDir: config.dataDir, state, history, secrets, settings, status, live };
}

export type Services = ReturnType<typeof createServices>;
