// The Mac application menu (Menu.setApplicationMenu). Without one Electron shows its default menu
// while the window is open — View ▸ Reload (⌘R) and Toggle Developer Tools included, in the shipped
// app too. This one is what a small Mac utility has: the app menu (About, Settings… ⌘,, Hide, Quit),
// Edit (so copy and paste work in the window's fields), Window; and only in a development build a
// Developer menu with reload and the developer tools. The template is pure, so it is tested as data.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  openSettings(): void;
  showAbout(): void;
  checkForUpdates(): void;
}

export interface AppMenuOptions {
  appName: string;
  /** app.isPackaged: a shipped build has no reload and no developer tools. */
  packaged: boolean;
  actions: AppMenuActions;
}

export function buildAppMenuTemplate({ appName, packaged, actions }: AppMenuOptions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [
    {
      label: appName,
      submenu: [
        { id: 'about', label: `About ${appName}`, click: () => actions.showAbout() },
        { id: 'check-for-updates', label: 'Check for Updates…', click: () => actions.checkForUpdates() },
        { type: 'separator' },
        { id: 'settings', label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => actions.openSettings() },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide', label: `Hide ${appName}` },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit', label: `Quit ${appName}` },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'pasteAndMatchStyle' },
        { role: 'delete' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'Window',
      role: 'windowMenu',
      submenu: [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'close' }, { type: 'separator' }, { role: 'front' }],
    },
  ];
  if (!packaged) {
    template.push({
      label: 'Developer',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  return template;
}

/** Build and install the menu, and fill the About panel with the app's name and version. */
export function installAppMenu(actions: AppMenuActions): void {
  const appName = app.getName();
  app.setAboutPanelOptions({ applicationName: appName, applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildAppMenuTemplate({ appName, packaged: app.isPackaged, actions })));
}
