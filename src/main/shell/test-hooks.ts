// What the Electron smoke test (test/electron/smoke.test.ts, through Playwright's Electron support)
// needs and a real tray does not offer: a way to read and click the tray menu. Installed only in an
// unpackaged run with ICLOUD_SYNC_TEST_HOOKS=1 — never in a packaged app, whatever its environment,
// so a shipped build has no extra surface. The hook lives in the main process only; the window
// (sandboxed, context-isolated) cannot reach it.
import type { RunningShell } from './app';

export interface TestHooks {
  /** The tray exists and these are its menu items' ids, in order. */
  trayItemIds(): string[];
  /** Click a tray menu item as the user would. */
  clickTrayItem(id: string): void;
}

export const testHooksName = '__icloudSyncTestHooks';

export function testHooksEnabled(env: NodeJS.ProcessEnv, isPackaged: boolean): boolean {
  return !isPackaged && env.ICLOUD_SYNC_TEST_HOOKS === '1';
}

export function installTestHooks(running: RunningShell, target: Record<string, unknown> = globalThis): TestHooks {
  const item = (id: string) => running.tray.items().find((entry) => entry.id === id);
  const hooks: TestHooks = {
    trayItemIds: () => running.tray.items().flatMap((entry) => (entry.id ? [entry.id] : [])),
    clickTrayItem(id) {
      const entry = item(id);
      if (!entry?.click) throw new Error(`no clickable tray item "${id}"`);
      // Electron passes (menuItem, window, event); our handlers use none of them.
      (entry.click as () => void)();
    },
  };
  target[testHooksName] = hooks;
  return hooks;
}
