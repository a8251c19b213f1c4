// The Electron smoke test: the built app (out/) in the real Electron binary, driven through
// Playwright's Electron support. The app starts, its tray exists, the window opens from the tray,
// one IPC round trip works, the binary given `cli` runs the CLI, and Quit ends the process cleanly.
// Where there is no Electron binary (Linux CI: it cannot be downloaded) this suite alone skips,
// even under CI=true, with a notice (test/support/requires.ts); .github/workflows/mac.yml runs it.
// The tray cannot be read from outside the process, so the app installs a test hook
// (src/main/shell/test-hooks.ts) — only in an unpackaged run with ICLOUD_SYNC_TEST_HOOKS=1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectron } from '../../scripts/start';
import type { TestHooks } from '../../src/main/shell/test-hooks';
import { announceElectronSmokeSkip, electronSmokeSkipReason } from '../support/requires';

const root = join(import.meta.dirname, '..', '..');
const electron = findElectron(process.env, join(root, 'node_modules', 'electron'));
const built = existsSync(join(root, 'out/main/index.js')) && existsSync(join(root, 'out/renderer/index.html'));
const skipReason = electronSmokeSkipReason(electron) ?? (built ? undefined : 'out/ is missing — run `npm run build` first');
if (skipReason) announceElectronSmokeSkip(skipReason);

/** A child environment without what would turn Electron into plain Node or point it elsewhere. */
function cleanEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE' && key !== 'ELECTRON_RENDERER_URL') env[key] = value;
  return { ...env, ICLOUD_SYNC_DATA_DIR: dataDir, ...extra };
}

describe.skipIf(Boolean(skipReason))('Electron smoke test (the real binary)', () => {
  const executablePath = electron.found ? electron.path : '';
  const dataDir = mkdtempSync(join(tmpdir(), 'electron-smoke-'));
  let app: ElectronApplication;
  let exited: Promise<number | null>;
  let page: Page;

  // Run in the main process by Playwright (the functions travel as text: no closures over this file).
  type Hooked = { __icloudSyncTestHooks?: TestHooks };
  const trayItemIds = () => app.evaluate(() => (globalThis as Hooked).__icloudSyncTestHooks?.trayItemIds());
  const clickTray = (id: string) => app.evaluate((_electron, item) => (globalThis as Hooked).__icloudSyncTestHooks!.clickTrayItem(item), id);

  beforeAll(async () => {
    app = await _electron.launch({ executablePath, args: [root], env: cleanEnv(dataDir, { ICLOUD_SYNC_TEST_HOOKS: '1' }), timeout: 60_000 });
    const child = app.process();
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }, 90_000);
  afterAll(async () => {
    if (app && app.process().exitCode === null) await app.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts and puts its menu in the tray', async () => {
    await expect.poll(trayItemIds, { timeout: 30_000 }).toEqual(expect.arrayContaining(['status', 'sync-now', 'open', 'history', 'check-for-updates', 'quit']));
  });

  it('opens the window from the tray', async () => {
    const opened = app.waitForEvent('window', { timeout: 30_000 });
    await clickTray('open');
    page = await opened;
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 });
  });

  it('answers one IPC round trip from the window (settings.get through the preload bridge)', async () => {
    // Runs in the page: `window.api` is what the preload exposes (no DOM types in this tsconfig).
    const settings = (await page.evaluate(() => (globalThis as unknown as { api: { settings: { get(): Promise<unknown> } } }).api.settings.get())) as { interval: number };
    expect(settings.interval).toBe(5);
  });

  it('the same binary given `cli` runs the CLI: JSON on stdout, the CLI’s exit code, no window', () => {
    const cliDir = mkdtempSync(join(tmpdir(), 'electron-smoke-cli-'));
    try {
      const run = spawnSync(executablePath, [root, 'cli', '--data-dir', cliDir, '--json', 'status'], { env: cleanEnv(cliDir), encoding: 'utf8', timeout: 60_000 });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toHaveProperty('icloud');
      const usage = spawnSync(executablePath, [root, 'cli', 'no-such-command'], { env: cleanEnv(cliDir), encoding: 'utf8', timeout: 60_000 });
      expect(usage.status).toBe(2);
    } finally {
      rmSync(cliDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('Quit from the tray ends the process cleanly (exit code 0)', async () => {
    await clickTray('quit');
    expect(await exited).toBe(0);
  }, 60_000);
});
