// rebaseOnto resolves most hrefs without the URL parser (a listing of 5,000 events rebased each one
// several times): it must give exactly what resolving through the URL parser gives, for every href
// a server may send, including those that only the parser can treat (which still go through it).
import { describe, expect, it } from 'vitest';
import { rebaseOnto, sameHref } from '../../../src/main/icloud/hrefs';

/** The definition: resolve with the URL parser, keep the base's origin, one encoding per segment. */
function byUrlParser(href: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  const resolved = new URL(href, base.href.endsWith('/') ? base.href : `${base.href}/`);
  const path = resolved.pathname
    .split('/')
    .map((segment) => {
      try {
        return encodeURIComponent(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join('/');
  return `${base.origin}${path}${resolved.search}`;
}

const bases = ['https://p42-caldav.icloud.com/123/calendars/home/', 'http://127.0.0.1:5232/alice%40example.com/work', 'http://127.0.0.1:5232/alice@example.com/work/'];
const hrefs = [
  '/123/calendars/home/0000002A-7A2B-4C8E-9B1F-2D2A6C9F0A11.ics',
  '/alice@example.com/work/e1.ics',
  '/alice%40example.com/work/e1.ics',
  '/alice%40Example.com/work/%7e%41.ics',
  'https://p42-caldav.icloud.com/123/calendars/home/a.ics',
  'https://caldav.icloud.com/123/calendars/home/a.ics',
  'http://127.0.0.1:5232/alice%40example.com/work/b.ics',
  'HTTP://127.0.0.1:5232/alice%40example.com/work/b.ics',
  'e2.ics',
  './e2.ics',
  '../other/e3.ics',
  '/a/./b/../c.ics',
  '/a/%2e%2E/c.ics',
  '/a/.%2e/c.ics',
  '/a/..hidden/c.ics',
  '/a/b c.ics',
  '/a/b\tc.ics',
  '/a/b.ics ',
  '/a\\b.ics',
  '/a/b.ics?x=1',
  '/a/b.ics#frag',
  '//other-host/a.ics',
  '/a/caf\u00e9.ics',
  '/a/%C3%A9.ics',
  '/a/%C3.ics',
  '/a/%zz.ics',
  '/a/%2F.ics',
  '/a/x|y^z.ics',
  '/a/"quoted"<>.ics',
  '/a/{b}`c`.ics',
  '/a//b.ics',
  '/',
  '/a/',
];

describe('rebaseOnto', () => {
  it.each(bases)('gives what the URL parser gives, onto %s', (base) => {
    for (const href of hrefs) expect([href, rebaseOnto(href, base)]).toEqual([href, byUrlParser(href, base)]);
  });

  it('alternating bases do not mix origins', () => {
    expect(rebaseOnto('/x.ics', bases[0])).toBe('https://p42-caldav.icloud.com/x.ics');
    expect(rebaseOnto('/x.ics', bases[1])).toBe('http://127.0.0.1:5232/x.ics');
    expect(rebaseOnto('/x.ics', bases[0])).toBe('https://p42-caldav.icloud.com/x.ics');
  });

  it('one encoding: "alice@x" and "alice%40x" are the same calendar', () => {
    expect(sameHref('/alice@example.com/work/', 'http://127.0.0.1:5232/alice%40example.com/work', bases[1])).toBe(true);
  });
});
