// The window's security baseline (DESIGN §4), asserted on what the shell asks Electron for.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow, FakeWebContents } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { createWindowController, hardenSession, hardenWebContents, windowOptions } = await import('../../../src/main/shell/window');
const { contentSecurityPolicy, withContentSecurityPolicy } = await import('../../../src/main/shell/csp');

const paths = { preloadPath: '/app/out/preload/index.cjs', rendererFile: '/app/out/renderer/index.html' };

beforeEach(() => fake.reset());

describe('window options', () => {
  it('isolates and sandboxes the page, with no Node and web security on', () => {
    const prefs = windowOptions('/p/index.cjs').webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/p/index.cjs');
  });

  it('is about 760 × 520 and hidden until ready', () => {
    const options = windowOptions('/p');
    expect([options.width, options.height]).toEqual([760, 520]);
    expect(options.show).toBe(false);
  });
});

describe('window controller', () => {
  it('creates the window with the secure options, loads our renderer file and shows it only when ready', () => {
    const windows = createWindowController(paths);
    windows.show('history');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const window = FakeBrowserWindow.instances[0];
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: paths.preloadPath });
    expect(window.loads).toEqual([{ file: paths.rendererFile, options: { hash: '/history' } }]);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('denies navigation, redirects, webviews and window.open on its page', () => {
    createWindowController(paths).show();
    const contents = FakeBrowserWindow.instances[0].webContents;
    expect(contents.emitCancelable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emitCancelable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emitCancelable('will-attach-webview', {}, {})).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://account.apple.com/' })).toEqual({ action: 'deny' });
  });

  it('reuses the open window (one window), moving it to the requested place', () => {
    const windows = createWindowController(paths);
    windows.show();
    windows.show('conflicts');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(FakeBrowserWindow.instances[0].loads.at(-1)).toEqual({ file: paths.rendererFile, options: { hash: '/conflicts' } });
    expect(windows.webContents()).toBe(FakeBrowserWindow.instances[0].webContents);
  });

  it('forgets a closed window and creates a new one next time', () => {
    const opened: boolean[] = [];
    const windows = createWindowController({ ...paths, onOpenChange: (open) => opened.push(open) });
    windows.show();
    FakeBrowserWindow.instances[0].close();
    expect(windows.webContents()).toBeUndefined();
    windows.show();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(opened).toEqual([true, false, true]);
  });

  it('loads the dev server URL in development', () => {
    createWindowController({ ...paths, devServerUrl: 'http://localhost:5173' }).show('settings');
    expect(FakeBrowserWindow.instances[0].loads).toEqual([{ url: 'http://localhost:5173#/settings' }]);
  });
});

describe('hardenWebContents (every WebContents the app creates)', () => {
  it('prevents navigation and denies window.open', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    expect(contents.emitCancelable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });
});

describe('session hardening', () => {
  it('refuses every permission request and check', () => {
    hardenSession(fake.defaultSession as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      fake.defaultSession.permissionRequestHandler!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(fake.defaultSession.permissionCheckHandler!({}, permission, 'file://', {})).toBe(false);
    }
  });

  it('sets the strict CSP header on every response, replacing any the server sent', () => {
    hardenSession(fake.defaultSession as never);
    const callback = vi.fn();
    fake.defaultSession.headersReceived!(
      { responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] } },
      callback,
    );
    const headers = callback.mock.calls[0][0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
  });

  it('the CSP is the strict one of the design', () => {
    const directives = Object.fromEntries(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy] });
  });

  it('index.html carries the same CSP in a <meta> (file:// pages get no response headers)', () => {
    const html = readFileSync(new URL('../../../src/renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy);
  });
});
