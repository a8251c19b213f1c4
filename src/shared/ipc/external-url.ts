// The only web pages the window may open in the user's browser: Apple's account page (to make an
// app-specific password) and Apple's support pages. Anything else is refused, so a compromised
// renderer cannot use app.openExternal to launch arbitrary URLs or local handlers.
// The URL handed to the OS is the one this file parsed and checked (its normalised href), never the
// raw text: another parser (the OS's) could read the same text differently. For example
// `https://account.apple.com\@evil.com/` is account.apple.com to the WHATWG parser (a backslash is a
// slash in http URLs) but evil.com, with user info, to parsers that keep the backslash — so text
// with a backslash, whitespace or control characters is refused outright.

export const allowedExternalHosts = ['account.apple.com', 'support.apple.com'] as const;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const ambiguous = /[\\\s\u0000-\u001f\u007f]/;

/** The normalised URL to open, or undefined when the text is not an allowed Apple page. */
export function normalisedExternalUrl(text: string): string | undefined {
  if (ambiguous.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const allowed =
    url.protocol === 'https:' &&
    (allowedExternalHosts as readonly string[]).includes(url.hostname) &&
    url.port === '' &&
    url.username === '' &&
    url.password === '';
  return allowed ? url.href : undefined;
}

export function isAllowedExternalUrl(text: string): boolean {
  return normalisedExternalUrl(text) !== undefined;
}
