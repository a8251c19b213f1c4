// The menu-bar menu as a pure function of the status (UI.md "Menu bar"), so it is tested without
// Electron. tray.ts turns the template into a real Menu.
import type { MenuItemConstructorOptions } from 'electron';
import type { StatusView } from '../../shared/status';
import type { WindowRoute } from './window';

export type TrayIconState = 'idle' | 'syncing' | 'attention' | 'error' | 'paused';

export interface TrayState {
  /** Undefined until the services answered the first time. */
  status: StatusView | undefined;
  launchAtLogin: boolean;
  now: Date;
}

export interface TrayActions {
  openWindow(route: WindowRoute): void;
  syncNow(): void;
  pause(): void;
  resume(): void;
  setLaunchAtLogin(enabled: boolean): void;
  checkForUpdates(): void;
  showAbout(): void;
  quit(): void;
}

export interface StatusLine {
  text: string;
  /** Where clicking the line takes the user; undefined when nothing needs doing. */
  route?: WindowRoute;
}

const sideNames = { icloud: 'iCloud', platform: 'Platform' } as const;

/** The status line, in words: the most pressing thing first. */
export function statusLine(status: StatusView | undefined, now: Date): StatusLine {
  if (!status) return { text: 'Starting…' };
  if (status.running) {
    const progress = status.progress;
    return { text: progress && progress.total > 0 ? `Syncing… ${progress.done} of ${progress.total}` : 'Syncing…' };
  }
  const broken = (['icloud', 'platform'] as const).find((side) => status[side].connected && status[side].health === 'error');
  if (broken && status.lastRun?.error?.kind === 'auth') {
    const secret = broken === 'icloud' ? 'password' : 'token';
    return { text: `${sideNames[broken]} ${secret} rejected — reconnect`, route: 'settings' };
  }
  if (!status.icloud.connected || !status.platform.connected) return { text: 'Not set up yet — open to connect', route: 'status' };
  if (status.guard) return { text: 'Syncing stopped for safety — decide', route: 'status' };
  if (status.paused) return { text: 'Paused until you resume' };
  if (status.counts.conflicts > 0) {
    const n = status.counts.conflicts;
    return { text: `${n} ${n === 1 ? 'conflict needs' : 'conflicts need'} you`, route: 'conflicts' };
  }
  if (status.counts.attention > 0) {
    const n = status.counts.attention;
    return { text: `${n} ${n === 1 ? 'item needs' : 'items need'} attention`, route: 'status' };
  }
  if (broken) return { text: `${sideNames[broken]} connection problem — open for details`, route: 'status' };
  const last = status.lastRun;
  if (!last) return { text: 'Not synced yet' };
  if (last.outcome === 'failed' || last.outcome === 'guarded') return { text: 'Last sync did not finish — see History', route: 'history' };
  return { text: `Synced ${timeAgo(new Date(last.finishedAt), now)}` };
}

export function trayIconState(status: StatusView | undefined): TrayIconState {
  if (!status) return 'idle';
  if (status.running) return 'syncing';
  if (status.paused) return 'paused';
  if (status.icloud.health === 'error' || status.platform.health === 'error' || status.lastRun?.outcome === 'failed') return 'error';
  // A safety guard stopped the sync on purpose and waits for the person's decision: that is
  // attention (orange, "Syncing stopped for safety — decide"), not an error — nothing went wrong.
  // Once decided, the guarded run is history: the next run sets the icon.
  if (status.guard || status.counts.conflicts > 0 || status.counts.attention > 0) return 'attention';
  return 'idle';
}

export function buildTrayMenuTemplate(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const line = statusLine(state.status, state.now);
  const route = line.route;
  const paused = state.status?.paused ?? false;
  const connected = Boolean(state.status?.icloud.connected && state.status.platform.connected);
  return [
    // A status line that needs action opens the window where it is resolved; otherwise it is inert.
    route ? { id: 'status', label: line.text, click: () => actions.openWindow(route) } : { id: 'status', label: line.text, enabled: false },
    { id: 'sync-now', label: 'Sync Now', accelerator: 'CmdOrCtrl+R', enabled: connected, click: () => actions.syncNow() },
    paused
      ? { id: 'resume', label: 'Resume Syncing', click: () => actions.resume() }
      : { id: 'pause', label: 'Pause Syncing', enabled: connected, click: () => actions.pause() },
    { id: 'open', label: 'Open iCloud Sync…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWindow('status') },
    { id: 'history', label: 'Sync History…', click: () => actions.openWindow('history') },
    { id: 'settings', label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => actions.openWindow('settings') },
    { type: 'separator' },
    {
      id: 'launch-at-login',
      label: 'Launch at Login',
      type: 'checkbox',
      checked: state.launchAtLogin,
      click: () => actions.setLaunchAtLogin(!state.launchAtLogin),
    },
    { id: 'check-for-updates', label: 'Check for Updates…', click: () => actions.checkForUpdates() },
    { id: 'about', label: 'About iCloud Sync Companion', click: () => actions.showAbout() },
    { id: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
  ];
}

/** "just now", "1 minute ago", "2 hours ago", "3 days ago". */
export function timeAgo(then: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return 'just now';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}
