// The only web pages the window may open in the user's browser: Apple's account page (to make an
// app-specific password) and Apple's support pages. Anything else is refused, so a compromised
// renderer cannot use app.openExternal to launch arbitrary URLs or local handlers.

export const allowedExternalHosts = ['account.apple.com', 'support.apple.com'] as const;

export function isAllowedExternalUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    (allowedExternalHosts as readonly string[]).includes(url.hostname) &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
