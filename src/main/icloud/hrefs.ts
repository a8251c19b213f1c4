// URLs on iCloud. Discovery answers on caldav.icloud.com, but the calendars live on a partition host
// (pNN-caldav.icloud.com) named by the home URL; an href resolved against the wrong origin 404s.
// We therefore resolve every href against the home (or calendar) URL and keep that URL's origin.
// Paths are compared in one encoding: "alice@x" and "alice%40x" are the same calendar.

function canonicalSegment(segment: string): string {
  // Characters that come out of decode + encode as they went in: most segments, no work.
  if (/^[A-Za-z0-9\-._~]*$/.test(segment)) return segment;
  try {
    return encodeURIComponent(decodeURIComponent(segment));
  } catch {
    return segment;
  }
}

function canonicalPath(pathname: string): string {
  return pathname.split('/').map(canonicalSegment).join('/');
}

/** The last base rebased onto: a listing or a multiget rebases thousands of hrefs onto one calendar. */
let lastBase: { href: string; url: URL } | undefined;

/**
 * What only the URL parser knows how to treat: controls and spaces (stripped or encoded), backslashes,
 * queries, fragments and dot segments (also written %2e). A path without them is resolved as it is.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go to the URL parser
const needsUrlParser = /[\x00-\x20\\?#]|(^|\/)(\.|%2e){1,2}(\/|$)/i;

/** Resolve an href against a base URL, keeping the base's origin (partition host re-basing). */
export function rebaseOnto(href: string, baseUrl: string): string {
  if (lastBase?.href !== baseUrl) lastBase = { href: baseUrl, url: new URL(baseUrl) };
  const base = lastBase.url;
  // The common case, an absolute path (as servers send) or a URL on the base's own origin (as we
  // store): the same result as the URL parser's, without building two URLs per href.
  const path = href.startsWith(`${base.origin}/`) ? href.slice(base.origin.length) : href;
  if (path.startsWith('/') && !path.startsWith('//') && !needsUrlParser.test(path)) return `${base.origin}${canonicalPath(path)}`;
  const resolved = new URL(href, base.href.endsWith('/') ? base.href : `${base.href}/`);
  return `${base.origin}${canonicalPath(resolved.pathname)}${resolved.search}`;
}

/** The path part of a URL, canonically encoded (what goes into <d:href> elements). */
export function pathOf(url: string): string {
  return canonicalPath(new URL(url).pathname);
}

export function sameHref(a: string, b: string, baseUrl: string): boolean {
  const strip = (u: string) => rebaseOnto(u, baseUrl).replace(/\/$/, '');
  return strip(a) === strip(b);
}

export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
