// One writer per data directory: the app and the CLI never write state (or run a cycle) at once.
// proper-lockfile (mkdir-based, refreshed mtime, stale-lock recovery) rather than a hand-made pid file:
// a crashed holder's lock goes stale after `staleMs` instead of blocking the user forever.
import fs from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';

export class DataDirBusyError extends Error {
  constructor(dataDir: string) {
    super(
      `Another iCloud Sync Companion process (the app or the CLI) is using ${dataDir} right now. ` +
        'Try again when it has finished.',
    );
    this.name = 'DataDirBusyError';
  }
}

export interface LockOptions {
  /** How long to wait for the other process before giving up. */
  waitMs?: number;
  staleMs?: number;
}

export async function lockDataDir(dataDir: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const waitMs = options.waitMs ?? 60_000;
  const intervalMs = 100;
  // The lock lives inside the directory, so a first run must create it (private to the user).
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'data.lock'),
      realpath: false,
      stale: options.staleMs ?? 15_000,
      retries: { retries: Math.ceil(waitMs / intervalMs), factor: 1, minTimeout: intervalMs, maxTimeout: intervalMs },
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirBusyError(dataDir);
    throw error;
  }
}
