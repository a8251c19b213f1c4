// The data directory: it exists (made if missing, private to the user, as the app would), only
// this user can read it, a file can be written in it, and its lock can be taken — or is held by
// the app or a running sync, which is fine but said.
import fs from 'node:fs/promises';
import path from 'node:path';
import { DataDirBusyError, lockDataDir } from '../store/data-dir-lock';
import { fail, pass, warn, type Finding } from './finding';

const NAME = 'data directory';
const otherFlag = '--data-dir DIR (or ICLOUD_SYNC_DATA_DIR)';

export async function checkDataDir(dataDir: string): Promise<Finding> {
  try {
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const blocker = await fileInTheWay(dataDir);
    const why = blocker ? `${blocker} is a file, not a folder` : (error as Error).message;
    return fail(NAME, `Cannot create ${dataDir}: ${why}.`, blocker
      ? `Move or rename ${blocker}, or choose another folder with ${otherFlag}.`
      : `Check the permissions of its parent folder, or choose another folder with ${otherFlag}.`);
  }
  const stat = await fs.stat(dataDir);
  if (!stat.isDirectory()) return fail(NAME, `${dataDir} is a file, not a folder.`, `Move it away, or choose another folder with ${otherFlag}.`);
  const probe = path.join(dataDir, `.doctor-probe-${process.pid}`);
  try {
    await fs.writeFile(probe, 'probe', { mode: 0o600 });
    await fs.rm(probe, { force: true });
  } catch (error) {
    return fail(NAME, `Cannot write in ${dataDir}: ${(error as Error).message}.`, `Give your user write access (chmod u+rwx "${dataDir}"), or choose another folder with ${otherFlag}.`);
  }
  const lock = await checkLock(dataDir);
  if (lock) return lock;
  // The folder holds account ids and event titles (DESIGN §3): others must not read it.
  if ((stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8);
    return warn(NAME, `${dataDir} is writable and not locked, but other users may read it (mode ${mode}).`, `chmod 700 "${dataDir}"`);
  }
  return pass(NAME, `${dataDir} is private to this user, writable and not locked.`);
}

async function checkLock(dataDir: string): Promise<Finding | undefined> {
  try {
    const release = await lockDataDir(dataDir, { waitMs: 0 });
    await release();
    return undefined;
  } catch (error) {
    if (error instanceof DataDirBusyError) {
      return warn(NAME, `${dataDir} is writable; its lock is held by another process (the app, or a sync running now).`, 'Fine while the app is open; if nothing else runs, the lock frees itself within 15 s.');
    }
    return fail(NAME, `Cannot take the lock in ${dataDir}: ${(error as Error).message}.`, `Remove a leftover "${path.join(dataDir, 'data.lock')}" when no app or CLI is running.`);
  }
}

/** The nearest existing ancestor when it is a file (mkdir's ENOTDIR/EEXIST), else undefined. */
async function fileInTheWay(target: string): Promise<string | undefined> {
  for (let dir = target; ; dir = path.dirname(dir)) {
    try {
      const stat = await fs.stat(dir);
      return stat.isDirectory() ? undefined : dir;
    } catch {
      if (path.dirname(dir) === dir) return undefined;
    }
  }
}
