// The Mac application menu on a mocked Electron: what a packaged build and a development build
// show, the shortcuts, and that startShell installs it (replacing Electron's default menu, whose
// View ▸ Reload and Toggle Developer Tools must never ship).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { buildAppMenuTemplate, installAppMenu } = await import('../../../src/main/shell/app-menu');

beforeEach(() => fake.reset());

const actions = () => ({ openSettings: vi.fn(), showAbout: vi.fn(), checkForUpdates: vi.fn() });
type Item = ReturnType<typeof buildAppMenuTemplate>[number];
const submenu = (item: Item) => (item.submenu as Item[]) ?? [];
const names = (items: Item[]) => items.map((i) => (i.type === 'separator' ? '---' : (i.label ?? i.role)));
/** Every role and label anywhere in the menu, for "never ships" checks. */
const everything = (items: Item[]): string[] => items.flatMap((i) => [String(i.role ?? ''), String(i.label ?? ''), ...everything(submenu(i))]);

describe('the application menu', () => {
  it('packaged: the app menu (About, Settings… ⌘,, Hide, Quit), Edit and Window; no reload, no developer tools', () => {
    const a = actions();
    const template = buildAppMenuTemplate({ appName: 'iCloud Sync Companion', packaged: true, actions: a });
    expect(template.map((i) => i.label)).toEqual(['iCloud Sync Companion', 'Edit', 'Window']);
    expect(names(submenu(template[0]))).toEqual([
      'About iCloud Sync Companion', 'Check for Updates…', '---', 'Settings…', '---', 'services', '---',
      'Hide iCloud Sync Companion', 'hideOthers', 'unhide', '---', 'Quit iCloud Sync Companion',
    ]);
    const settings = submenu(template[0]).find((i) => i.id === 'settings')!;
    expect(settings.accelerator).toBe('CmdOrCtrl+,');
    (settings.click as () => void)();
    expect(a.openSettings).toHaveBeenCalledOnce();
    (submenu(template[0]).find((i) => i.id === 'about')!.click as () => void)();
    expect(a.showAbout).toHaveBeenCalledOnce();
    expect(submenu(template[0]).find((i) => i.label?.startsWith('Quit'))!.role).toBe('quit');
    expect(submenu(template[0]).find((i) => i.label?.startsWith('Hide'))!.role).toBe('hide');
    // Copy and paste work in the window's fields only through these roles on a Mac.
    expect(submenu(template[1]).map((i) => i.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll']);
    expect(template[2].role).toBe('windowMenu');
    const all = everything(template);
    for (const banned of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) expect(all).not.toContain(banned);
  });

  it('development: the same, plus a Developer menu with reload and the developer tools', () => {
    const template = buildAppMenuTemplate({ appName: 'iCloud Sync Companion', packaged: false, actions: actions() });
    expect(template.map((i) => i.label)).toEqual(['iCloud Sync Companion', 'Edit', 'Window', 'Developer']);
    expect(submenu(template[3]).map((i) => i.role)).toEqual(['reload', 'forceReload', 'toggleDevTools']);
  });

  it.each([true, false])('installAppMenu sets the application menu (packaged: %s) and fills the About panel', (packaged) => {
    fake.app.isPackaged = packaged;
    installAppMenu(actions());
    const installed = fake.applicationMenu!.template as Item[];
    expect(installed.map((i) => i.label)).toEqual(packaged ? ['iCloud Sync Companion', 'Edit', 'Window'] : ['iCloud Sync Companion', 'Edit', 'Window', 'Developer']);
    expect(everything(installed).includes('toggleDevTools')).toBe(!packaged);
    expect(fake.app.setAboutPanelOptions).toHaveBeenCalledWith({ applicationName: 'iCloud Sync Companion', applicationVersion: '0.1.0' });
  });
});
