// What the tray, the window and the notifications need from the services — and nothing more.
// src/main/services.ts implements it (as `services.shell`); tests pass a fake.
import type { Settings, SettingKey } from '../../shared/settings';
import type { StatusView } from '../../shared/status';

export interface ShellServices {
  status(): Promise<StatusView>;
  /** Start a cycle now; a request while one runs is coalesced into it. */
  syncNow(): Promise<{ started: boolean; coalesced: boolean }>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Called on every change of the status view (progress included); returns an unsubscribe function. */
  onStatusChanged(listener: (status: StatusView) => void): () => void;
  getSettings(): Promise<Settings>;
  setSetting<K extends SettingKey>(key: K, value: Settings[K]): Promise<Settings>;
  /** Begin the schedule (after the shell is up), syncing again on wake and when the network returns. */
  start?(monitor?: SystemMonitor): Promise<void>;
  /** Finish or abort the running cycle and release the data directory (before quitting). */
  stop?(): Promise<void>;
  /** Where "Save Diagnostics…" writes: the shell hands in its save dialog (undefined = cancelled). */
  setDiagnosticsFileChooser?(choose: (suggestedName: string) => Promise<string | undefined>): void;
}

/** Events from the OS that should trigger a cycle (shell/system-monitor.ts implements it on Electron). */
export interface SystemMonitor {
  onWake(listener: () => void): () => void;
  onNetworkBack(listener: () => void): () => void;
}
