// Where the app keeps its state: Electron's `userData` for this app, computed without Electron so the
// CLI and the app always agree (index.ts sets userData to this same path).
import os from 'node:os';
import path from 'node:path';

export const productName = 'iCloud Sync Companion';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', productName);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), productName);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), productName);
}

/** `--data-dir` wins, then ICLOUD_SYNC_DATA_DIR, then the app's own directory. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(flag ?? env.ICLOUD_SYNC_DATA_DIR ?? defaultDataDir(env));
}
