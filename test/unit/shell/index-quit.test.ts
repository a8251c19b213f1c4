// index.ts holds the quit until the shell (and through it the services) has stopped: a cycle or a
// store write still running when the user chooses Quit finishes first.
import { beforeEach, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => ({ stopDone: undefined as unknown as () => void, stop: undefined as unknown as () => Promise<void> }));
vi.mock('electron', async () => {
  const electron = await import('./fake-electron');
  electron.fake.reset();
  return electron.electronModule;
});
vi.mock('../../../src/main/services', () => ({ createServices: () => ({ handlers: {}, shell: {} }) }));
vi.mock('../../../src/main/shell/app', () => ({ startShell: async () => ({ windows: { show: vi.fn() }, tray: {}, stop: () => h.stop() }) }));

beforeEach(() => {
  process.env.ICLOUD_SYNC_DATA_DIR = '/tmp/icloud-sync-quit-test';
  h.stop = vi.fn(() => new Promise<void>((resolve) => (h.stopDone = resolve)));
});

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

it('Quit waits for stop() to finish before the app really quits, and quits only once', async () => {
  const { fake } = await import('./fake-electron');
  await import('../../../src/main/index');
  fake.app.ready();
  await flush();
  let prevented = false;
  fake.app.emit('before-quit', { preventDefault: () => (prevented = true) });
  expect(prevented).toBe(true);
  await flush();
  expect(fake.app.quit).not.toHaveBeenCalled(); // the cycle / write is still running
  let secondPrevented = false;
  fake.app.emit('before-quit', { preventDefault: () => (secondPrevented = true) }); // a second Quit meanwhile
  expect(secondPrevented).toBe(true); // held too: it would otherwise end the process mid-write
  h.stopDone();
  await flush();
  expect(fake.app.quit).toHaveBeenCalledOnce();
  expect(h.stop).toHaveBeenCalledOnce();
});
