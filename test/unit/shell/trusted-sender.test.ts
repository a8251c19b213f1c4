import { describe, expect, it } from 'vitest';
import { rendererUrlPredicate } from '../../../src/main/shell/trusted-sender';

describe('rendererUrlPredicate', () => {
  const built = rendererUrlPredicate({ rendererFile: '/Applications/iCloud Sync.app/Contents/Resources/app.asar/out/renderer/index.html' });

  it('trusts our built index.html, with any route fragment', () => {
    expect(built('file:///Applications/iCloud%20Sync.app/Contents/Resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(built('file:///Applications/iCloud%20Sync.app/Contents/Resources/app.asar/out/renderer/index.html#/conflicts')).toBe(true);
  });

  it('refuses other files, other hosts, web pages and junk', () => {
    expect(built('file:///Applications/iCloud%20Sync.app/Contents/Resources/app.asar/out/renderer/other.html')).toBe(false);
    expect(built('file:///tmp/index.html')).toBe(false);
    expect(built('file://evil-host/Applications/iCloud%20Sync.app/Contents/Resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(built('https://example.com/out/renderer/index.html')).toBe(false);
    expect(built('http://localhost:5173/')).toBe(false);
    expect(built('about:blank')).toBe(false);
    expect(built('not a url')).toBe(false);
  });

  it('in development trusts the dev server origin only', () => {
    const dev = rendererUrlPredicate({ rendererFile: '/x/index.html', devServerUrl: 'http://localhost:5173/' });
    expect(dev('http://localhost:5173/#/history')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('http://127.0.0.1:5173/')).toBe(false);
    expect(dev('file:///x/index.html')).toBe(true);
  });
});
