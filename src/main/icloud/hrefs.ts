// URLs on iCloud. Discovery answers on caldav.icloud.com, but the calendars live on a partition host
// (pNN-caldav.icloud.com) named by the home URL; an href resolved against the wrong origin 404s.
// We therefore resolve every href against the home (or calendar) URL and keep that URL's origin.
// Paths are compared in one encoding: "alice@x" and "alice%40x" are the same calendar.

function canonicalPath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return encodeURIComponent(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** Resolve an href against a base URL, keeping the base's origin (partition host re-basing). */
export function rebaseOnto(href: string, baseUrl: string): string {
  const base = new URL(baseUrl);
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
