// The app window and the security baseline of DESIGN §4: isolated, sandboxed, no Node in the page,
// no navigation, no new windows, no permissions, a strict CSP. The window shows only our own
// renderer; links to Apple's pages go through app.openExternal (validated in the contract).
import { BrowserWindow, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { withContentSecurityPolicy } from './csp';

/** The window's places (the sidebar of UI.md); sent as the URL fragment, e.g. #/conflicts. */
export type WindowRoute = 'status' | 'conflicts' | 'history' | 'settings';

export interface WindowPaths {
  preloadPath: string;
  /** out/renderer/index.html */
  rendererFile: string;
  /** The electron-vite dev server (ELECTRON_RENDERER_URL), in development only. */
  devServerUrl?: string;
  /** Told when the window opens and closes (macOS shows the Dock icon only while it is open). */
  onOpenChange?: (open: boolean) => void;
}

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 760,
    height: 520,
    minWidth: 640,
    minHeight: 440,
    title: 'iCloud Sync Companion',
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Refuse every permission (camera, notifications from the page, geolocation…): the page needs none. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

/** Applied to every WebContents the app creates (app 'web-contents-created'), not just our window's. */
export function hardenWebContents(contents: WebContents): void {
  // The page never leaves our renderer: a link click or a redirect would otherwise load a web page
  // that could then talk to our IPC (the sender check would refuse it, but it should not load at all).
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export interface WindowController {
  /** Open the window (creating it if needed) at a route, and bring it to the front. */
  show(route?: WindowRoute): void;
  /** The live window's WebContents, to push events to; undefined while it is closed. */
  webContents(): WebContents | undefined;
}

export function createWindowController(paths: WindowPaths): WindowController {
  let window: BrowserWindow | undefined;

  function load(target: BrowserWindow, route: WindowRoute): void {
    // A fragment change is a same-document navigation: an open page just gets a 'hashchange'.
    const hash = `/${route}`;
    if (paths.devServerUrl) void target.loadURL(`${paths.devServerUrl}#${hash}`);
    else void target.loadFile(paths.rendererFile, { hash });
  }

  return {
    show(route = 'status') {
      if (window && !window.isDestroyed()) {
        load(window, route);
        if (window.isMinimized()) window.restore();
        window.show();
        window.focus();
        return;
      }
      const options = windowOptions(paths.preloadPath);
      const created = new BrowserWindow({
        ...options,
        // The same values as windowOptions, repeated literally: the security gate (Electronegativity,
        // scripts/check-security.ts) reads only the object written at this call.
        webPreferences: { ...options.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false },
      });
      window = created;
      hardenWebContents(created.webContents);
      paths.onOpenChange?.(true);
      created.once('ready-to-show', () => {
        created.show();
        created.focus();
      });
      created.on('closed', () => {
        if (window === created) window = undefined;
        paths.onOpenChange?.(false);
      });
      load(created, route);
    },
    webContents() {
      return window && !window.isDestroyed() ? window.webContents : undefined;
    },
  };
}
