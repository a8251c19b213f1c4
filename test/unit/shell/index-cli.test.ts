// `<app binary> cli ARGS` (src/main/index.ts, shell/cli-mode.ts): the packaged app's RunAsNode fuse
// is off, so its own binary runs the CLI — no lock, no window, no tray, the CLI's exit code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { cliArguments } from '../../../src/main/shell/cli-mode';

const h = vi.hoisted(() => ({
  electron: undefined as unknown as typeof import('./fake-electron'),
  runCliOnProcess: undefined as unknown as Mock<(args: string[]) => Promise<number>> | undefined,
}));

vi.mock('electron', async () => {
  h.electron = await import('./fake-electron');
  h.electron.fake.reset();
  return h.electron.electronModule;
});
// Replaced in the routing tests; the real CLI in the last one.
vi.mock('../../../src/main/cli/process-io', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/main/cli/process-io')>();
  return { runCliOnProcess: (args: string[]) => (h.runCliOnProcess ? h.runCliOnProcess(args) : real.runCliOnProcess(args)) };
});

const savedArgv = process.argv;
beforeEach(() => {
  vi.resetModules();
  h.electron?.fake.reset();
});
afterEach(() => {
  process.argv = savedArgv;
  h.runCliOnProcess = undefined;
  vi.restoreAllMocks();
});

async function launch(argv: string[], isPackaged: boolean) {
  process.argv = argv;
  // The mock factory creates the fake on first import; isPackaged is read when index.ts loads.
  await import('electron');
  h.electron.fake.reset();
  h.electron.fake.app.isPackaged = isPackaged;
  await import('../../../src/main/index');
  return h.electron.fake;
}

const until = async (check: () => void) => vi.waitFor(check, { timeout: 5_000 });

describe('cliArguments', () => {
  it.each([
    [['/Applications/X.app/Contents/MacOS/X', 'cli', 'status'], true, ['status']],
    [['/Applications/X.app/Contents/MacOS/X', 'cli', '--json', 'sync'], true, ['--json', 'sync']],
    [['/Applications/X.app/Contents/MacOS/X', '-psn_0_12345', 'cli'], true, []],
    [['/Applications/X.app/Contents/MacOS/X'], true, undefined],
    [['/Applications/X.app/Contents/MacOS/X', 'status'], true, undefined],
    [['/path/electron', '.', 'cli', 'status'], false, ['status']],
    [['/path/electron', '--inspect=0', '--remote-debugging-port=0', 'out/main/index.js', 'cli', 'history'], false, ['history']],
    [['/path/electron', '.'], false, undefined],
    [['/path/electron', 'cli', 'status'], false, undefined], // a dev run's first plain argument is the app path
  ])('%j (packaged: %s) → %j', (argv, isPackaged, expected) => {
    expect(cliArguments(argv, isPackaged)).toEqual(expected);
  });
});

describe('the app binary given `cli`', () => {
  it('runs the CLI with the arguments after `cli` and exits with its code: no lock, no window, no tray', async () => {
    h.runCliOnProcess = vi.fn(async () => 3);
    const fake = await launch(['/Applications/X.app/Contents/MacOS/X', 'cli', '--json', 'status'], true);
    await until(() => expect(fake.app.exit).toHaveBeenCalledWith(3));
    expect(h.runCliOnProcess).toHaveBeenCalledWith(['--json', 'status']);
    expect(fake.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(h.electron.FakeTray.instances).toHaveLength(0);
    expect(h.electron.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('without `cli` the app starts as usual (takes the lock, waits for ready)', async () => {
    h.runCliOnProcess = vi.fn(async () => 0);
    const fake = await launch(['/Applications/X.app/Contents/MacOS/X'], true);
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(fake.app.whenReady).toHaveBeenCalled();
    expect(h.runCliOnProcess).not.toHaveBeenCalled();
  });

  it('the real CLI: `cli --json status` on an empty data directory prints its JSON and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'index-cli-'));
    let stdout = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      stdout += String(chunk);
      const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write);
    try {
      const fake = await launch(['/path/electron', '.', 'cli', '--data-dir', dataDir, '--json', 'status'], false);
      await until(() => expect(fake.app.exit).toHaveBeenCalled());
      expect(fake.app.exit).toHaveBeenCalledWith(0);
      expect(JSON.parse(stdout)).toHaveProperty('icloud');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
