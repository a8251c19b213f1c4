// `npm start`: finds the Electron binary first, then runs `electron-vite preview` with it.
// Why a preflight: Electron 45's npm package has no install script, so `npm install` leaves no
// binary behind; electron-vite then dies with a stack trace ("Electron uninstall"). Here a missing
// binary gets one paragraph that says what is missing and how to get it, and exit code 1.
// How the binary is found mirrors node_modules/electron/index.js (path.txt, dist/,
// ELECTRON_OVERRIDE_DIST_PATH) and electron-vite (ELECTRON_EXEC_PATH, which it alone reads, so the
// found path is handed to it that way).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

export type Lookup = { found: true; path: string } | { found: false; looked: string };

/** Electron's own name for the executable inside its zip, per platform (electron/install.js). */
export function platformExecutable(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

export function findElectron(env: NodeJS.ProcessEnv, electronDir: string, platform: NodeJS.Platform = process.platform, exists: (path: string) => boolean = existsSync): Lookup {
  const check = (path: string): Lookup => (exists(path) ? { found: true, path } : { found: false, looked: path });
  if (env.ELECTRON_EXEC_PATH) return check(env.ELECTRON_EXEC_PATH);
  const pathFile = join(electronDir, 'path.txt');
  const written = exists(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const executable = written || platformExecutable(platform);
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return check(join(env.ELECTRON_OVERRIDE_DIST_PATH, executable));
  // Without path.txt nothing was ever downloaded, whatever dist/ holds.
  if (!written) return { found: false, looked: join(electronDir, 'dist') };
  return check(join(electronDir, 'dist', executable));
}

/** The one paragraph `npm start` prints when there is no binary. */
export function missingBinaryMessage(looked: string): string {
  return [
    `npm start: the Electron binary is not installed (looked for ${looked}).`,
    'Electron 45 does not download it during `npm install`: its package has no install script and fetches the binary on first use.',
    'On a Mac (or a Linux desktop) with network access, after `npm install`, run `npx install-electron` once',
    '(Electron’s own installer, which needs Node 22.12 or later; it puts the binary in node_modules/electron/dist/), then `npm start` again.',
    'If you already have an Electron 45 build, set ELECTRON_OVERRIDE_DIST_PATH to the folder that holds it',
    '(the one with Electron.app on macOS, or the `electron` executable on Linux).',
  ].join(' ');
}

async function main(): Promise<number> {
  const lookup = findElectron(process.env, join(root, 'node_modules', 'electron'));
  if (!lookup.found) {
    console.error(missingBinaryMessage(lookup.looked));
    return 1;
  }
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const child = spawn(process.execPath, [cli, 'preview', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_EXEC_PATH: lookup.path },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  process.exitCode = await main();
}
