// The menu-bar menu (UI.md): items in order, their shortcuts, and what each click does.
import { describe, expect, it, vi } from 'vitest';
import { buildTrayMenuTemplate, statusLine, timeAgo, trayIconState, type TrayActions } from '../../../src/main/shell/tray-menu';
import { connectedStatus, notConnectedStatus, run } from './status-fixtures';

const now = new Date('2025-03-01T10:02:30.000Z');

function actions(): TrayActions & Record<string, ReturnType<typeof vi.fn>> {
  return {
    openWindow: vi.fn(),
    syncNow: vi.fn(),
    pause: vi.fn(),
    resume: vi.fn(),
    setLaunchAtLogin: vi.fn(),
    checkForUpdates: vi.fn(),
    showAbout: vi.fn(),
    quit: vi.fn(),
  };
}

const click = (item: { click?: unknown }) => (item.click as () => void)();

describe('buildTrayMenuTemplate', () => {
  it('lists, top to bottom: status, Sync Now ⌘R, Pause, Open… ⌘O, History…, Settings… ⌘,, separator, Launch at Login, Check for Updates…, About, Quit ⌘Q', () => {
    const template = buildTrayMenuTemplate({ status: connectedStatus({ lastRun: run('r1', 'ok') }), launchAtLogin: false, now }, actions());
    expect(template.map((item) => (item.type === 'separator' ? '---' : item.label))).toEqual([
      'Synced 2 minutes ago',
      'Sync Now',
      'Pause Syncing',
      'Open iCloud Sync…',
      'Sync History…',
      'Settings…',
      '---',
      'Launch at Login',
      'Check for Updates…',
      'About iCloud Sync Companion',
      'Quit',
    ]);
    const accelerators = Object.fromEntries(template.filter((i) => i.accelerator).map((i) => [i.label, i.accelerator]));
    expect(accelerators).toEqual({ 'Sync Now': 'CmdOrCtrl+R', 'Open iCloud Sync…': 'CmdOrCtrl+O', 'Settings…': 'CmdOrCtrl+,', Quit: 'CmdOrCtrl+Q' });
  });

  it('wires each item to its action', () => {
    const a = actions();
    const template = buildTrayMenuTemplate({ status: connectedStatus(), launchAtLogin: false, now }, a);
    const byId = Object.fromEntries(template.filter((i) => i.id).map((i) => [i.id, i]));
    click(byId['sync-now']);
    expect(a.syncNow).toHaveBeenCalledOnce();
    click(byId.pause);
    expect(a.pause).toHaveBeenCalledOnce();
    click(byId.open);
    expect(a.openWindow).toHaveBeenLastCalledWith('status');
    click(byId.history);
    expect(a.openWindow).toHaveBeenLastCalledWith('history');
    click(byId['launch-at-login']);
    expect(a.setLaunchAtLogin).toHaveBeenCalledWith(true);
    click(byId['check-for-updates']);
    expect(a.checkForUpdates).toHaveBeenCalledOnce();
    click(byId.settings);
    expect(a.openWindow).toHaveBeenLastCalledWith('settings');
    click(byId.about);
    expect(a.showAbout).toHaveBeenCalledOnce();
    click(byId.quit);
    expect(a.quit).toHaveBeenCalledOnce();
    expect(a.resume).not.toHaveBeenCalled();
  });

  it('offers Resume when paused, and Launch at Login is a checkbox that turns off when on', () => {
    const a = actions();
    const template = buildTrayMenuTemplate({ status: connectedStatus({ paused: true }), launchAtLogin: true, now }, a);
    const resume = template.find((i) => i.id === 'resume')!;
    expect(resume.label).toBe('Resume Syncing');
    expect(template.find((i) => i.id === 'pause')).toBeUndefined();
    click(resume);
    expect(a.resume).toHaveBeenCalledOnce();
    const login = template.find((i) => i.id === 'launch-at-login')!;
    expect([login.type, login.checked]).toEqual(['checkbox', true]);
    click(login);
    expect(a.setLaunchAtLogin).toHaveBeenCalledWith(false);
  });

  it('disables Sync Now and Pause until both sides are connected', () => {
    const template = buildTrayMenuTemplate({ status: notConnectedStatus(), launchAtLogin: false, now }, actions());
    expect(template.find((i) => i.id === 'sync-now')!.enabled).toBe(false);
    expect(template.find((i) => i.id === 'pause')!.enabled).toBe(false);
  });

  it('a status line that needs action opens the window where it is resolved; an informative one is inert', () => {
    const a = actions();
    const conflicted = buildTrayMenuTemplate({ status: connectedStatus({ counts: { pairs: 3, conflicts: 2, attention: 0 } }), launchAtLogin: false, now }, a);
    expect(conflicted[0].label).toBe('2 conflicts need you');
    click(conflicted[0]);
    expect(a.openWindow).toHaveBeenCalledWith('conflicts');
    const fine = buildTrayMenuTemplate({ status: connectedStatus({ lastRun: run('r', 'ok') }), launchAtLogin: false, now }, a);
    expect(fine[0].enabled).toBe(false);
    expect(fine[0].click).toBeUndefined();
  });
});

describe('statusLine', () => {
  it.each([
    ['before the first answer', undefined, 'Starting…', undefined],
    ['syncing with progress', connectedStatus({ running: true, progress: { done: 40, total: 212 } }), 'Syncing… 40 of 212', undefined],
    ['syncing, size unknown', connectedStatus({ running: true }), 'Syncing…', undefined],
    [
      'iCloud password rejected',
      connectedStatus({ icloud: { ...connectedStatus().icloud, health: 'error' }, lastRun: run('r', 'failed', undefined, { kind: 'auth', message: 'x' }) }),
      'iCloud password rejected — reconnect',
      'settings',
    ],
    [
      'platform token rejected',
      connectedStatus({ platform: { ...connectedStatus().platform, health: 'error' }, lastRun: run('r', 'failed', undefined, { kind: 'auth', message: 'x' }) }),
      'Platform token rejected — reconnect',
      'settings',
    ],
    ['not connected', notConnectedStatus(), 'Not set up yet — open to connect', 'status'],
    ['paused', connectedStatus({ paused: true }), 'Paused until you resume', undefined],
    [
      'a safety guard waiting',
      connectedStatus({ lastRun: run('r', 'guarded'), guard: { kind: 'deletions', detectedAt: 'x', message: 'm', items: [] } }),
      'Syncing stopped for safety — decide',
      'status',
    ],
    ['one conflict', connectedStatus({ counts: { pairs: 1, conflicts: 1, attention: 0 } }), '1 conflict needs you', 'conflicts'],
    ['attention', connectedStatus({ counts: { pairs: 1, conflicts: 0, attention: 3 } }), '3 items need attention', 'status'],
    ['last run failed', connectedStatus({ lastRun: run('r', 'failed') }), 'Last sync did not finish — see History', 'history'],
    ['synced', connectedStatus({ lastRun: run('r', 'partial') }), 'Synced 2 minutes ago', undefined],
    ['never synced', connectedStatus(), 'Not synced yet', undefined],
  ])('%s', (_name, status, text, route) => {
    expect(statusLine(status, now)).toEqual(route ? { text, route } : { text });
  });
});

describe('trayIconState', () => {
  it.each([
    [connectedStatus(), 'idle'],
    [connectedStatus({ running: true }), 'syncing'],
    [connectedStatus({ paused: true }), 'paused'],
    [connectedStatus({ counts: { pairs: 1, conflicts: 1, attention: 0 } }), 'attention'],
    [connectedStatus({ counts: { pairs: 1, conflicts: 0, attention: 1 } }), 'attention'],
    // A guard waiting for a decision is attention, not an error (it worked as designed).
    [connectedStatus({ lastRun: run('r', 'guarded'), guard: { kind: 'deletions', detectedAt: 'x', message: 'm', items: [] } }), 'attention'],
    [connectedStatus({ lastRun: run('r', 'guarded'), guard: { kind: 'deletions', detectedAt: 'x', message: 'm', items: [] }, platform: { ...connectedStatus().platform, health: 'error' } }), 'error'],
    [connectedStatus({ lastRun: run('r', 'guarded') }), 'idle'],
    [connectedStatus({ lastRun: run('r', 'failed') }), 'error'],
    [connectedStatus({ platform: { ...connectedStatus().platform, health: 'error' } }), 'error'],
  ] as const)('%#: %s', (status, state) => {
    expect(trayIconState(status)).toBe(state);
  });
});

describe('timeAgo', () => {
  it('speaks in minutes, hours and days', () => {
    const at = (ms: number) => timeAgo(new Date(now.getTime() - ms), now);
    expect(at(10_000)).toBe('just now');
    expect(at(60_000)).toBe('1 minute ago');
    expect(at(59 * 60_000)).toBe('59 minutes ago');
    expect(at(2 * 3_600_000)).toBe('2 hours ago');
    expect(at(24 * 3_600_000)).toBe('1 day ago');
  });
});
