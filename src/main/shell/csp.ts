// The window's Content-Security-Policy. Sent as a response header (session.webRequest) and repeated
// as a <meta> in src/renderer/index.html, because pages loaded from file:// get no response headers
// to rewrite; a test checks the two stay identical.
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // React sets style attributes; no inline scripts are allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

type Headers = Record<string, string[] | string>;

/** Response headers with our CSP replacing any the server sent (under any capitalisation). */
export function withContentSecurityPolicy(headers: Headers | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [contentSecurityPolicy];
  return result;
}
