// Starts the shell once Electron is ready: hardens the session and every WebContents, registers the
// IPC handlers, creates the tray, and forwards each status change to the tray, the window and the
// notifier. index.ts owns the process (single-instance lock, services); this file owns the UI.
import { app, dialog, ipcMain, session, shell } from 'electron';
import type { ContractHandlers } from '../../shared/ipc/contract';
import type { Settings } from '../../shared/settings';
import type { StatusView } from '../../shared/status';
import { installAppMenu } from './app-menu';
import { sendEvent } from './events';
import { registerHandlers } from './ipc';
import { createNotifier } from './notifications';
import { withShellHandlers, type ServiceHandlers } from './shell-handlers';
import type { ShellServices } from './shell-services';
import { createSystemMonitor } from './system-monitor';
import { createTrayController, type TrayController } from './tray';
import type { TrayActions } from './tray-menu';
import { diagnosticsFileChooser } from './save-dialog';
import { rendererUrlPredicate } from './trusted-sender';
import { createUpdater, updateFeed, type Updater } from './updater';
import { createWindowController, hardenSession, hardenWebContents, type WindowController, type WindowPaths } from './window';

export interface ShellStartOptions {
  services: { handlers: ServiceHandlers; shell: ShellServices };
  paths: WindowPaths & { resourcesDir: string };
  log?: (message: string) => void;
  /** Replaces the electron-updater based updater (tests). */
  updater?: Updater;
}

/** A quiet update check this often (when a feed is configured), after one at start. */
export const updateCheckIntervalMs = 6 * 60 * 60_000;

export interface RunningShell {
  windows: WindowController;
  tray: TrayController;
  /** Unhook everything and stop the services (before quitting). */
  stop(): Promise<void>;
}

export async function startShell(options: ShellStartOptions): Promise<RunningShell> {
  const { services, paths } = options;
  const log = options.log ?? ((message: string) => console.error(message));
  const report = (what: string) => (error: unknown) => log(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);

  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  const windows = createWindowController({
    ...paths,
    // A menu-bar app: in the Dock (and ⌘-Tab) only while its window is open.
    onOpenChange: (open) => {
      if (open) void app.dock?.show();
      else app.dock?.hide();
    },
  });

  services.shell.setDiagnosticsFileChooser?.(diagnosticsFileChooser(() => windows.webContents()));

  let settings = await services.shell.getSettings();
  // Only a packaged app registers itself as a login item; a dev run would register the bare Electron binary.
  // Quit waits for work already started from the tray or the window (a settings write, a conflict
  // decision) as well as for the running cycle (services.shell.stop), so no store write is cut off.
  const inFlight = new Set<Promise<unknown>>();
  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    work.then(() => inFlight.delete(work), () => inFlight.delete(work));
    return work;
  }

  const updater = options.updater ?? defaultUpdater(log);

  const applyLaunchAtLogin = (enabled: boolean) => {
    if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: enabled });
  };
  applyLaunchAtLogin(settings.launchAtLogin);

  // Hoisted: the tray's checkbox and the window's settings.set both end here.
  function onSettingsChanged(next: Settings): void {
    settings = next;
    applyLaunchAtLogin(next.launchAtLogin);
    tray.update({ launchAtLogin: next.launchAtLogin });
  }

  const actions: TrayActions = {
    openWindow: (route) => windows.show(route),
    syncNow: () => void services.shell.syncNow().catch(report('Sync now')),
    pause: () => void track(services.shell.pause()).catch(report('Pause')),
    resume: () => void track(services.shell.resume()).catch(report('Resume')),
    setLaunchAtLogin: (enabled) =>
      void track(services.shell.setSetting('launchAtLogin', enabled)).then(onSettingsChanged, report('Launch at login')),
    checkForUpdates: () => void updater.checkNow().catch(report('Check for updates')),
    showAbout: () => app.showAboutPanel(),
    quit: () => app.quit(),
  };
  const tray = createTrayController({ resourcesDir: paths.resourcesDir, actions });
  installAppMenu({ openSettings: () => windows.show('settings'), showAbout: actions.showAbout, checkForUpdates: actions.checkForUpdates });
  tray.update({ launchAtLogin: settings.launchAtLogin });

  const unregister = registerHandlers(
    ipcMain,
    trackedHandlers(withShellHandlers(services.handlers, { openExternal: (url) => shell.openExternal(url), onSettingsChanged }), track),
    { isTrustedSender: rendererUrlPredicate(paths), log },
  );

  const notifier = createNotifier((route) => windows.show(route));
  const onStatus = (status: StatusView) => {
    tray.update({ status });
    const target = windows.webContents();
    sendEvent(target, 'statusChanged', status, log);
    if (status.progress) sendEvent(target, 'syncProgress', status.progress, log);
    notifier.consider(status, settings.notifications);
  };
  const unsubscribe = services.shell.onStatusChanged(onStatus);
  const first = await services.shell.status();
  onStatus(first);

  // First run (nothing connected yet): open the window, which shows onboarding.
  if (!first.icloud.connected || !first.platform.connected) windows.show('status');
  else app.dock?.hide();

  await services.shell.start?.(createSystemMonitor());

  let updateTimer: ReturnType<typeof setInterval> | undefined;
  if (updater.configured) {
    void updater.checkInBackground();
    updateTimer = setInterval(() => void updater.checkInBackground(), updateCheckIntervalMs);
    updateTimer.unref?.();
  }

  return {
    windows,
    tray,
    async stop() {
      unsubscribe();
      unregister();
      tray.destroy();
      if (updateTimer) clearInterval(updateTimer);
      await Promise.allSettled([...inFlight]);
      await services.shell.stop?.();
    },
  };
}

/** Every IPC handler, with its promise tracked until it settles (Quit waits for them). */
function trackedHandlers(handlers: ContractHandlers, track: <T>(work: Promise<T>) => Promise<T>): ContractHandlers {
  const wrapped: Record<string, (request: never) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as Array<[string, (request: never) => Promise<unknown>]>) {
    wrapped[channel] = (request) => track(handler(request));
  }
  return wrapped as ContractHandlers;
}

/** electron-updater, configured from the environment or the packaged app-update.yml (updater.ts). */
function defaultUpdater(log: (message: string) => void): Updater {
  return createUpdater({
    feed: updateFeed({ env: process.env, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath as string | undefined, log }),
    version: app.getVersion(),
    loadUpdater: async () => {
      // electron-updater is CommonJS: its exports arrive as the default export under ESM.
      const loaded = await import('electron-updater');
      const exported = ('default' in loaded ? loaded.default : loaded) as typeof loaded;
      return exported.autoUpdater;
    },
    showMessageBox: (options) => dialog.showMessageBox(options),
    log,
  });
}
