// A stand-in for the parts of Electron the shell uses, for vi.mock('electron') (the Electron binary
// cannot run here). It records what the shell did — options passed, handlers installed, menus
// built — so tests assert behaviour. Use: vi.mock('electron', async () => (await import('./fake-electron')).electronModule)
// and call fake.reset() in beforeEach (state is reset in place: the mocked module keeps its objects).
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: any[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: string };
  sent: Array<[string, unknown]> = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Emit like Chromium would and report whether some listener called preventDefault(). */
  emitCancelable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loads: Array<{ file?: string; url?: string; options?: unknown }> = [];
  visible = false;
  focused = false;
  destroyed = false;
  minimized = false;
  constructor(readonly options: Record<string, any>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadFile(file: string, options?: unknown) {
    this.loads.push({ file, options });
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loads.push({ url });
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  focus() {
    this.focused = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  close() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export class FakeSession {
  permissionRequestHandler?: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
  permissionCheckHandler?: (webContents: unknown, permission: string, origin: string, details: unknown) => boolean;
  headersReceived?: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void;
  webRequest = {
    onHeadersReceived: (listener: FakeSession['headersReceived']) => {
      this.headersReceived = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = handler;
  }
  reset() {
    this.permissionRequestHandler = undefined;
    this.permissionCheckHandler = undefined;
    this.headersReceived = undefined;
  }
}

export class FakeNativeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(template: boolean) {
    this.template = template;
  }
}

export interface FakeMenu {
  template: Array<Record<string, any>>;
}

export class FakeTray {
  static instances: FakeTray[] = [];
  images: FakeNativeImage[] = [];
  menu?: FakeMenu;
  tooltip = '';
  destroyed = false;
  constructor(image: FakeNativeImage) {
    this.images.push(image);
    FakeTray.instances.push(this);
  }
  get image() {
    return this.images[this.images.length - 1];
  }
  setImage(image: FakeNativeImage) {
    this.images.push(image);
  }
  setContextMenu(menu: FakeMenu) {
    this.menu = menu;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  destroy() {
    this.destroyed = true;
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported() {
    return FakeNotification.supported;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  show() {
    this.shown = true;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  readyResolvers: Array<() => void> = [];
  requestSingleInstanceLock = vi.fn(() => true);
  quit = vi.fn();
  exit = vi.fn();
  setPath = vi.fn();
  getAppPath = vi.fn(() => '/app');
  getVersion = vi.fn(() => '0.1.0');
  getName = vi.fn(() => 'iCloud Sync Companion');
  setAboutPanelOptions = vi.fn();
  showAboutPanel = vi.fn();
  setLoginItemSettings = vi.fn();
  whenReady = vi.fn(() => new Promise<void>((resolve) => this.readyResolvers.push(resolve)));
  dock = { show: vi.fn(async () => undefined), hide: vi.fn() };
  /** Resolve every pending whenReady(). */
  ready() {
    for (const resolve of this.readyResolvers.splice(0)) resolve();
  }
}

class FakeIpcMain {
  handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

export const fake = {
  app: new FakeApp(),
  ipcMain: new FakeIpcMain(),
  defaultSession: new FakeSession(),
  shell: { openExternal: vi.fn(async (_url: string) => undefined) },
  dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })), showErrorBox: vi.fn() },
  powerMonitor: new EventEmitter(),
  net: { online: true, isOnline: () => fake.net.online },
  /** What Menu.setApplicationMenu was last given. */
  applicationMenu: undefined as FakeMenu | undefined,
  reset() {
    fake.applicationMenu = undefined;
    fake.app.setAboutPanelOptions.mockClear();
    fake.app.showAboutPanel.mockClear();
    fake.powerMonitor.removeAllListeners();
    fake.net.online = true;
    FakeBrowserWindow.instances.length = 0;
    FakeTray.instances.length = 0;
    FakeNotification.instances.length = 0;
    FakeNotification.supported = true;
    fake.app.removeAllListeners();
    fake.app.readyResolvers.length = 0;
    fake.app.isPackaged = false;
    fake.app.requestSingleInstanceLock.mockReset().mockReturnValue(true);
    for (const mock of [fake.app.quit, fake.app.exit, fake.app.setPath, fake.app.setLoginItemSettings, fake.app.dock.show, fake.app.dock.hide, fake.app.whenReady]) {
      mock.mockClear();
    }
    fake.ipcMain.handlers.clear();
    fake.defaultSession.reset();
    fake.shell.openExternal.mockClear();
    fake.dialog.showMessageBox.mockClear();
    fake.dialog.showErrorBox.mockClear();
  },
};

export const electronModule = {
  app: fake.app,
  ipcMain: fake.ipcMain,
  session: { defaultSession: fake.defaultSession },
  shell: fake.shell,
  dialog: fake.dialog,
  powerMonitor: fake.powerMonitor,
  net: fake.net,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Notification: FakeNotification,
  Menu: {
    buildFromTemplate: (template: Array<Record<string, any>>): FakeMenu => ({ template }),
    setApplicationMenu: (menu: FakeMenu | null) => void (fake.applicationMenu = menu ?? undefined),
  },
  nativeImage: { createFromPath: (path: string) => new FakeNativeImage(path) },
};
