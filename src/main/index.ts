// The Electron entry: one instance per data directory, the services, then the shell — or, given
// the `cli` argument, the command line and nothing else (shell/cli-mode.ts).
// Everything that is not process lifecycle lives in shell/ (UI) or services.ts (the rest).
import { join } from 'node:path';
import { app, dialog } from 'electron';
import { createServices } from './services';
import { startShell, type RunningShell } from './shell/app';
import { cliArguments } from './shell/cli-mode';
import { installTestHooks, testHooksEnabled } from './shell/test-hooks';
import { resolveDataDir } from './store/data-dir';

const cliArgs = cliArguments(process.argv, app.isPackaged);
if (cliArgs) runCommandLine(cliArgs);
else startApp();

/** `… cli ARGS`: the same CLI as `icloud-sync`, its output and exit code; no window, no tray. */
function runCommandLine(args: string[]): void {
  app.dock?.hide();
  void import('./cli/process-io')
    .then(({ runCliOnProcess }) => runCliOnProcess(args))
    .then(
      (code) => app.exit(code),
      (error: unknown) => {
        process.stderr.write(`icloud-sync: ${error instanceof Error ? error.message : String(error)}\n`);
        app.exit(1);
      },
    );
}

function startApp(): void {
  // The CLI computes the same directory (store/data-dir.ts); ICLOUD_SYNC_DATA_DIR lets tests and
  // harnesses point the app elsewhere. Set before the lock, which Electron keys on userData.
  const dataDir = resolveDataDir(undefined, process.env);
  app.setPath('userData', dataDir);

  if (!app.requestSingleInstanceLock()) {
    // Another instance owns this data directory; it gets a 'second-instance' event and shows itself.
    app.quit();
  } else {
    let running: RunningShell | undefined;
    let showWhenReady = false;
    let stopped = false;

    app.on('second-instance', () => {
      if (running) running.windows.show();
      else showWhenReady = true;
    });
    // A menu-bar app keeps running with no window open.
    app.on('window-all-closed', () => undefined);
    let stopping = false;
    app.on('before-quit', (event) => {
      if (stopped || (!running && !stopping)) return;
      // Let the services finish writing (state, history, the data-dir lock) before the process ends;
      // a second Quit while that runs is held too, or it would end the process mid-write.
      event.preventDefault();
      if (stopping || !running) return;
      stopping = true;
      const shell = running;
      running = undefined;
      void shell
        .stop()
        .catch((error: unknown) => console.error('Stopping the services failed:', error))
        .finally(() => {
          stopped = true;
          app.quit();
        });
    });

    const here = import.meta.dirname;
    app
      .whenReady()
      .then(async () => {
        const services = createServices({ dataDir });
        running = await startShell({
          services,
          paths: {
            preloadPath: join(here, '../preload/index.cjs'),
            rendererFile: join(here, '../renderer/index.html'),
            devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
            resourcesDir: join(app.getAppPath(), 'resources'),
          },
        });
        // The Electron smoke test's tray hook: unpackaged runs that ask for it only (shell/test-hooks.ts).
        if (testHooksEnabled(process.env, app.isPackaged)) installTestHooks(running);
        if (showWhenReady) running.windows.show();
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        dialog.showErrorBox('iCloud Sync Companion could not start', message);
        app.exit(1);
      });
  }
}
