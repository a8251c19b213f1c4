// User info in URLs never survives into a message: the helper, and the two places every failure
// passes through (SyncError, toSyncError).
import { describe, expect, it } from 'vitest';
import { SyncError, toSyncError } from '../../src/main/errors';
import { hasUrlUserinfo, stripUrlUserinfo } from '../../src/main/redact-url';

describe('stripUrlUserinfo', () => {
  it.each([
    ['http://user:SECRET@host/', 'http://host/'],
    ['see https://a%40b:p%3Ass@caldav.icloud.com:443/x?y#z now', 'see https://caldav.icloud.com:443/x?y#z now'],
    ['GET /users/: bad URL http://user:SECRET@127.0.0.1:9/users/?locationId=L', 'GET /users/: bad URL http://127.0.0.1:9/users/?locationId=L'],
    ['two: http://a:b@x/ and HTTPS://c:d@y/', 'two: http://x/ and HTTPS://y/'],
    ['token-only http://SECRET@host', 'token-only http://host'],
  ])('%s → %s', (text, expected) => {
    expect(stripUrlUserinfo(text)).toBe(expected);
    expect(hasUrlUserinfo(text)).toBe(true);
  });

  it.each(['https://caldav.icloud.com/123/calendars/', 'mail ada@example.com', 'https://host/path/@me', 'no url here'])('leaves %s alone', (text) => {
    expect(stripUrlUserinfo(text)).toBe(text);
    expect(hasUrlUserinfo(text)).toBe(false);
  });
});

describe('errors carry no user info', () => {
  it('a SyncError built with a URL in its message', () => {
    const error = new SyncError('network', 'could not reach http://user:SECRET@host/dav/', { side: 'icloud' });
    expect(error.message).toBe('could not reach http://host/dav/');
    expect(error.stack).not.toContain('SECRET');
  });

  it('fetch’s own error for a URL with credentials, once classified', () => {
    const raw = new TypeError('Request cannot be constructed from a URL that includes credentials: http://user:SECRET@127.0.0.1:9/');
    const error = toSyncError(raw, 'platform');
    expect(error.message).not.toContain('SECRET');
    expect(error.message).toContain('http://127.0.0.1:9/');
  });
});
