import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../../src/main/store/data-dir';
import { DataDirBusyError, lockDataDir } from '../../../src/main/store/data-dir-lock';
import { makeTempDir } from '../../support/temp-dir';

describe('data directory', () => {
  it('is Electron userData for the product name on macOS and Linux', () => {
    expect(defaultDataDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/iCloud Sync Companion');
    expect(defaultDataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.config/iCloud Sync Companion');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ann')).toBe('/cfg/iCloud Sync Companion');
  });

  it('prefers --data-dir, then ICLOUD_SYNC_DATA_DIR', () => {
    expect(resolveDataDir('/a', { ICLOUD_SYNC_DATA_DIR: '/b' })).toBe('/a');
    expect(resolveDataDir(undefined, { ICLOUD_SYNC_DATA_DIR: '/b' })).toBe('/b');
  });

  it('lets one holder in at a time and says so when the other does not let go', async () => {
    const { dir, cleanup } = await makeTempDir();
    const release = await lockDataDir(dir);
    await expect(lockDataDir(dir, { waitMs: 300 })).rejects.toBeInstanceOf(DataDirBusyError);
    await expect(lockDataDir(dir, { waitMs: 300 })).rejects.toThrow(/Another iCloud Sync Companion process/);
    await release();
    const again = await lockDataDir(dir, { waitMs: 300 });
    await again();
    await cleanup();
  });

  it('waits for the holder and then proceeds', async () => {
    const { dir, cleanup } = await makeTempDir();
    const release = await lockDataDir(dir);
    setTimeout(() => void release(), 200);
    const started = Date.now();
    const second = await lockDataDir(dir, { waitMs: 5000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await second();
    await cleanup();
  });
});
