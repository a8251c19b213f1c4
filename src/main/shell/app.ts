// Starts the shell once Electron is ready: hardens the session and every WebContents, registers the
// IPC handlers, creates the tray, and forwards each status change to the tray, the window and the
// notifier. index.ts owns the process (single-instance lock, services); this file owns the UI.
import { app, dialog, ipcMain, session, shell } from 'electron';
import type { Settings } from '../../shared/settings';
import type { StatusView } from '../../shared/status';
import { sendEvent } from './events';
import { registerHandlers } from './ipc';
import { createNotifier } from './notifications';
import { withShellHandlers, type ServiceHandlers } from './shell-handlers';
import type { ShellServices } from './shell-services';
import { createSystemMonitor } from './system-monitor';
import { createTrayController, type TrayController } from './tray';
import type { TrayActions } from './tray-menu';
import { rendererUrlPredicate } from './trusted-sender';
import { createWindowController, hardenSession, hardenWebContents, type WindowController, type WindowPaths } from './window';

export interface ShellStartOptions {
  services: { handlers: ServiceHandlers; shell: ShellServices };
  paths: WindowPaths & { resourcesDir: string };
  log?: (message: string) => void;
}

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

  let settings = await services.shell.getSettings();
  // Only a packaged app registers itself as a login item; a dev run would register the bare Electron binary.
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
    pause: () => void services.shell.pause().catch(report('Pause')),
    resume: () => void services.shell.resume().catch(report('Resume')),
    setLaunchAtLogin: (enabled) =>
      void services.shell.setSetting('launchAtLogin', enabled).then(onSettingsChanged, report('Launch at login')),
    checkForUpdates: () =>
      void dialog.showMessageBox({
        type: 'info',
        message: `iCloud Sync Companion ${app.getVersion()}`,
        detail: 'Automatic updates are not set up in this build yet. New versions are installed by replacing the app.',
      }),
    quit: () => app.quit(),
  };
  const tray = createTrayController({ resourcesDir: paths.resourcesDir, actions });
  tray.update({ launchAtLogin: settings.launchAtLogin });

  const unregister = registerHandlers(
    ipcMain,
    withShellHandlers(services.handlers, { openExternal: (url) => shell.openExternal(url), onSettingsChanged }),
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

  return {
    windows,
    tray,
    async stop() {
      unsubscribe();
      unregister();
      tray.destroy();
      await services.shell.stop?.();
    },
  };
}
