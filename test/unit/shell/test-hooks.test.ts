// The smoke test's hook (shell/test-hooks.ts): only in an unpackaged run that asks for it, and it
// clicks the tray's real menu items.
import { describe, expect, it, vi } from 'vitest';
import type { RunningShell } from '../../../src/main/shell/app';
import { installTestHooks, testHooksEnabled, testHooksName, type TestHooks } from '../../../src/main/shell/test-hooks';

describe('Electron smoke-test hooks', () => {
  it('are never enabled in a packaged app, whatever the environment', () => {
    expect(testHooksEnabled({ ICLOUD_SYNC_TEST_HOOKS: '1' }, true)).toBe(false);
    expect(testHooksEnabled({}, false)).toBe(false);
    expect(testHooksEnabled({ ICLOUD_SYNC_TEST_HOOKS: 'yes' }, false)).toBe(false);
    expect(testHooksEnabled({ ICLOUD_SYNC_TEST_HOOKS: '1' }, false)).toBe(true);
  });

  it('list and click the tray menu items', () => {
    const open = vi.fn();
    const running = { tray: { items: () => [{ id: 'open', label: 'Open', click: open }, { type: 'separator' }, { id: 'status', label: 'Up to date', enabled: false }] } } as unknown as RunningShell;
    const target: Record<string, unknown> = {};
    installTestHooks(running, target);
    const hooks = target[testHooksName] as TestHooks;
    expect(hooks.trayItemIds()).toEqual(['open', 'status']);
    hooks.clickTrayItem('open');
    expect(open).toHaveBeenCalledOnce();
    expect(() => hooks.clickTrayItem('status')).toThrow(/no clickable tray item/);
  });
});
