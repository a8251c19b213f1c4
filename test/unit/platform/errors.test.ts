import { describe, expect, it } from 'vitest';
import { AUTH_MESSAGE, LOCATION_MESSAGE, errorForStatus, serverMessage } from '../../../src/main/platform/platform-errors';

describe('platform error classification', () => {
  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [404, 'gone'],
    [400, 'item'],
    [422, 'item'],
    [429, 'throttled'],
    [500, 'network'],
    [502, 'network'],
    [503, 'throttled'],
  ])('HTTP %i → %s', (status, kind) => {
    expect(errorForStatus(status, 'GET /x', '').kind).toBe(kind);
  });

  it('tells the user to reconnect on 401/403', () => {
    expect(errorForStatus(401, 'GET /users/', '{"message":"Invalid JWT"}').message).toBe(AUTH_MESSAGE);
  });

  it('a wrong location id (403 naming the location) is not reported as a rejected token', () => {
    const error = errorForStatus(403, 'GET /users/', '{"statusCode":403,"message":"The token does not have access to this location.","error":"Forbidden"}');
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(LOCATION_MESSAGE);
    expect(error.message).not.toMatch(/rejected the token/);
    expect(errorForStatus(403, 'GET /users/', '{"message":"Forbidden resource"}').message).toBe(AUTH_MESSAGE);
  });

  it("carries the server's own message for item errors, string or list", () => {
    expect(errorForStatus(400, 'POST /calendars/events/block-slots', '{"statusCode":400,"message":"bad slot"}').message).toBe(
      'POST /calendars/events/block-slots was refused (400): bad slot',
    );
    expect(serverMessage('{"statusCode":422,"message":["a is wrong","b is wrong"]}')).toBe('a is wrong; b is wrong');
    expect(serverMessage('<html>oops</html>')).toBe('<html>oops</html>');
  });
});
