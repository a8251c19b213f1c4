// The tray controller on a mocked Electron, and the icon files it loads.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeTray } from './fake-electron';
import { connectedStatus, run } from './status-fixtures';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { createTrayController, trayIconName, syncingFrameCount } = await import('../../../src/main/shell/tray');

const resourcesDir = join(import.meta.dirname, '../../../resources');
const actions = { openWindow: vi.fn(), syncNow: vi.fn(), pause: vi.fn(), resume: vi.fn(), setLaunchAtLogin: vi.fn(), checkForUpdates: vi.fn(), showAbout: vi.fn(), quit: vi.fn() };
const now = () => new Date('2025-03-01T10:05:00.000Z');

beforeEach(() => {
  fake.reset();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

const basename = (path: string) => path.split('/').pop();

describe('tray controller', () => {
  it('starts with the template icon (a macOS template image) and a menu', () => {
    const tray = createTrayController({ resourcesDir, actions, now });
    const fakeTray = FakeTray.instances[0];
    expect(fakeTray.image.path).toBe(join(resourcesDir, 'trayTemplate.png'));
    expect(fakeTray.image.template).toBe(true);
    expect(fakeTray.menu?.template[0].label).toBe('Starting…');
    tray.destroy();
    expect(fakeTray.destroyed).toBe(true);
  });

  it('rebuilds the menu and the tooltip on each status, and reflects Launch at Login', () => {
    const tray = createTrayController({ resourcesDir, actions, now });
    tray.update({ status: connectedStatus({ lastRun: run('r', 'ok', '2025-03-01T10:00:00.000Z') }), launchAtLogin: true });
    const fakeTray = FakeTray.instances[0];
    expect(fakeTray.menu?.template[0].label).toBe('Synced 5 minutes ago');
    expect(fakeTray.tooltip).toBe('iCloud Sync Companion — Synced 5 minutes ago');
    expect(fakeTray.menu?.template.find((i) => i.id === 'launch-at-login')?.checked).toBe(true);
    fakeTray.menu?.template.find((i) => i.id === 'sync-now')?.click();
    expect(actions.syncNow).toHaveBeenCalled();
    tray.destroy();
  });

  it('shows the state badge: error, attention, paused', () => {
    const tray = createTrayController({ resourcesDir, actions, now });
    const fakeTray = FakeTray.instances[0];
    tray.update({ status: connectedStatus({ lastRun: run('r', 'failed') }) });
    expect(basename(fakeTray.image.path)).toBe('trayErrorTemplate.png');
    tray.update({ status: connectedStatus({ counts: { pairs: 1, conflicts: 1, attention: 0 } }) });
    expect(basename(fakeTray.image.path)).toBe('trayAttentionTemplate.png');
    tray.update({ status: connectedStatus({ paused: true }) });
    expect(basename(fakeTray.image.path)).toBe('trayPausedTemplate.png');
    tray.update({ status: connectedStatus() });
    expect(basename(fakeTray.image.path)).toBe('trayTemplate.png');
    tray.destroy();
  });

  it('animates the syncing badge only while a cycle runs', () => {
    const tray = createTrayController({ resourcesDir, actions, now });
    const fakeTray = FakeTray.instances[0];
    tray.update({ status: connectedStatus({ running: true }) });
    expect(basename(fakeTray.image.path)).toBe('traySyncing0Template.png');
    vi.advanceTimersByTime(300 * 5);
    const frames = fakeTray.images.slice(-5).map((image) => basename(image.path));
    expect(frames).toEqual(['traySyncing1Template.png', 'traySyncing2Template.png', 'traySyncing3Template.png', 'traySyncing0Template.png', 'traySyncing1Template.png']);
    tray.update({ status: connectedStatus() });
    const count = fakeTray.images.length;
    vi.advanceTimersByTime(3000);
    expect(fakeTray.images.length).toBe(count);
    expect(basename(fakeTray.image.path)).toBe('trayTemplate.png');
    tray.destroy();
  });

  it('refreshes "Synced N minutes ago" every minute', () => {
    let clock = new Date('2025-03-01T10:01:00.000Z');
    const tray = createTrayController({ resourcesDir, actions, now: () => clock });
    tray.update({ status: connectedStatus({ lastRun: run('r', 'ok', '2025-03-01T10:00:00.000Z') }) });
    expect(FakeTray.instances[0].menu?.template[0].label).toBe('Synced 1 minute ago');
    clock = new Date('2025-03-01T10:03:00.000Z');
    vi.advanceTimersByTime(60_000);
    expect(FakeTray.instances[0].menu?.template[0].label).toBe('Synced 3 minutes ago');
    tray.destroy();
  });
});

function pngSize(file: string): [number, number] {
  const data = readFileSync(file);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(data.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

describe('icon files', () => {
  const names = [
    ...(['idle', 'attention', 'error', 'paused'] as const).map((state) => trayIconName(state)),
    ...Array.from({ length: syncingFrameCount }, (_, frame) => trayIconName('syncing', frame)),
  ];
  it.each(names)('%s exists at 16×16 with a 32×32 @2x, named as a macOS template', (name) => {
    expect(name).toMatch(/Template$/);
    expect(pngSize(join(resourcesDir, `${name}.png`))).toEqual([16, 16]);
    expect(pngSize(join(resourcesDir, `${name}@2x.png`))).toEqual([32, 32]);
  });

  it('the app icon is 1024×1024', () => {
    expect(existsSync(join(resourcesDir, 'icon.png'))).toBe(true);
    expect(pngSize(join(resourcesDir, 'icon.png'))).toEqual([1024, 1024]);
  });
});
