// A sync world (Radicale + the platform emulator) with the harness serving the app on it and a
// Chromium page open at the window: what a person sees, against the real services.
import type { Page } from 'playwright-core';
import type { SecretStore } from '../../../src/main/secrets/secret-store';
import { startHarness, type Harness } from '../../support/harness/server';
import { startSyncWorld, type SyncWorld, type SyncWorldOptions } from '../../support/sync-world';
import { launchBrowser, type Browser } from './browser';
import { ensureRendererBuilt } from './built-renderer';

/** Secrets come from the world's env; a keychain call would be a bug. */
const noKeychain: SecretStore = {
  get: () => Promise.reject(new Error('the keychain must not be touched in tests')),
  set: () => Promise.reject(new Error('the keychain must not be touched in tests')),
  delete: () => Promise.reject(new Error('the keychain must not be touched in tests')),
};

export interface AppWorld {
  world: SyncWorld;
  harness: Harness;
  browser: Browser;
  page: Page;
  /** Open the window at a route (status, conflicts, history, settings). */
  open(route?: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startAppWorld(options: SyncWorldOptions & { downloadsDir?: string } = {}): Promise<AppWorld> {
  ensureRendererBuilt();
  const world = await startSyncWorld(options);
  const harness = await startHarness({ dataDir: world.dataDir, env: world.env, port: 0, services: { keychain: noKeychain }, log: () => undefined });
  const browser = await launchBrowser({ downloadsDir: options.downloadsDir });
  const page = await browser.newPage();
  // Fail a step in seconds with its own message, well before the test's timeout.
  page.setDefaultTimeout(10_000);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    world,
    harness,
    browser,
    page,
    async open(route = 'status') {
      // A load, not a fragment change: the page reads the status afresh.
      await page.goto('about:blank');
      await page.goto(`${harness.url}#/${route}`);
    },
    async stop() {
      await Promise.allSettled([browser.close(), harness.stop()]);
      await world.stop();
      if (errors.length) throw new Error(`The page threw: ${errors.join(' | ')}`);
    },
  };
}
