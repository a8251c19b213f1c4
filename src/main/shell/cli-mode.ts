// `<app binary> cli ARGS…` runs the command line instead of the app (no window, no tray, no
// single-instance lock: the CLI takes the data-directory lock itself, so it works beside a running
// app). It exists because the packaged app's RunAsNode fuse is off: `ELECTRON_RUN_AS_NODE=1 <app>
// out/main/cli.js` is refused, yet the installed app should still offer `icloud-sync`.

/**
 * The CLI's arguments when the app was started as `… cli ARGS`, else undefined.
 * argv is process.argv: [binary, ARGS…] in a packaged app, [electron, <app path>, ARGS…] in a dev
 * run. Switches before the first plain argument (Chromium's or Playwright's `--inspect=0`, macOS's
 * `-psn_…`) are not ours and are skipped; everything after `cli` goes to the CLI unchanged.
 */
export function cliArguments(argv: readonly string[], isPackaged: boolean): string[] | undefined {
  const rest = argv.slice(1);
  let at = rest.findIndex((arg) => !arg.startsWith('-'));
  if (at < 0) return undefined;
  if (!isPackaged) at += 1; // past the app path
  return rest[at] === 'cli' ? rest.slice(at + 1) : undefined;
}
