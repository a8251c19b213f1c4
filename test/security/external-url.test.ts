// app.openExternal hands the OS the URL it checked, not the raw text from the renderer: a text that
// two parsers read differently must be refused, and an accepted one is passed on normalised.
import { describe, expect, it, vi } from 'vitest';
import { isAllowedExternalUrl, normalisedExternalUrl } from '../../src/shared/ipc/external-url';
import { withShellHandlers, type ServiceHandlers } from '../../src/main/shell/shell-handlers';

describe('external URLs: refused when ambiguous, normalised when accepted', () => {
  it.each([
    'https://account.apple.com\\@evil.com/',
    'https://account.apple.com\\evil.com/',
    'https:\\\\account.apple.com/',
    'https://account.apple.com/\tx',
    'https://account.apple.com/ x',
    'https://account.apple.com/\nx',
    ' https://account.apple.com/',
    'https://account.apple.com/\u0000',
  ])('%j is refused', (text) => {
    expect(normalisedExternalUrl(text)).toBeUndefined();
    expect(isAllowedExternalUrl(text)).toBe(false);
  });

  it.each([
    ['https://account.apple.com', 'https://account.apple.com/'],
    ['https://ACCOUNT.apple.com/a/../b', 'https://account.apple.com/b'],
    ['https://support.apple.com/en-us/102654?x=1#y', 'https://support.apple.com/en-us/102654?x=1#y'],
  ])('%s is opened as %s', (text, href) => {
    expect(normalisedExternalUrl(text)).toBe(href);
  });

  it('the shell handler passes the normalised URL to the OS, and nothing for a refused one', async () => {
    const openExternal = vi.fn(async (_url: string) => undefined);
    const handlers = withShellHandlers({} as ServiceHandlers, { openExternal, onSettingsChanged: () => undefined });
    await handlers['app.openExternal']({ url: 'https://ACCOUNT.apple.com/a/../b' });
    expect(openExternal).toHaveBeenCalledWith('https://account.apple.com/b');
    await expect(handlers['app.openExternal']({ url: 'https://account.apple.com\\@evil.com/' })).rejects.toThrow(/Only Apple/);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});
