// ICLOUD_SYNC_PLATFORM_TOKENS as a hostile script would set it: wrong types, empty tokens, a key
// named like Object.prototype's, deep nesting, megabytes. Each is bad input (exit 2) naming the
// variable and never its value, or (well-formed, naming no connected location) simply unused.
import { describe, expect, it } from 'vitest';
import { TEST_LOCATION, TEST_TOKEN } from '../../support/sync-world';
import { inWorld, skipWithoutRadicale } from '../sync/helpers';

const SECRET = 'pit-secret-value-123';

describe.skipIf(skipWithoutRadicale)('ICLOUD_SYNC_PLATFORM_TOKENS, hostile', () => {
  it('wrong types, empty tokens, deep nesting and megabytes are bad input, the value never echoed', async () => {
    await inWorld({}, async (world) => {
      const deep = `${'['.repeat(100_000)}"${SECRET}"${']'.repeat(100_000)}`;
      const huge = JSON.stringify(Object.fromEntries(Array.from({ length: 200_000 }, (_, n) => [`loc-${n}`, n % 2 ? `${SECRET}-${n}` : 5])));
      for (const bad of [`{"${TEST_LOCATION}":5}`, 'null', `"${SECRET}"`, `{"${TEST_LOCATION}":""}`, `{"${TEST_LOCATION}":{"token":"${SECRET}"}}`, `{"${TEST_LOCATION}":"${SECRET} x"}`, `{"":"${SECRET}"}`, deep, huge, `{"${TEST_LOCATION}":"${SECRET}\\n"}`]) {
        world.env.ICLOUD_SYNC_PLATFORM_TOKENS = bad;
        const started = Date.now();
        const result = await world.cli(['sync', '--json']);
        expect(result.code, bad.slice(0, 60)).toBe(2);
        expect(Date.now() - started, bad.slice(0, 60)).toBeLessThan(10_000);
        expect(result.stderr).toContain('ICLOUD_SYNC_PLATFORM_TOKENS');
        expect(result.stdout + result.stderr).not.toContain(SECRET);
      }
    });
  }, 120_000);

  it('a key named like an Object.prototype property never stands for a location\'s token', async () => {
    await inWorld({}, async (world) => {
      for (const tokens of [{ constructor: SECRET }, { toString: SECRET }, JSON.parse(`{"__proto__":"${SECRET}"}`)]) {
        world.env.ICLOUD_SYNC_PLATFORM_TOKENS = JSON.stringify(tokens);
        const sync = await world.cli(['sync', '--json']);
        // ICLOUD_SYNC_PLATFORM_TOKEN serves the location the object does not name.
        expect(sync.code, `${JSON.stringify(tokens)}: ${sync.stderr}`).toBe(0);
        expect(sync.stdout + sync.stderr).not.toContain(SECRET);
      }
      world.env.ICLOUD_SYNC_PLATFORM_TOKENS = JSON.stringify({ [TEST_LOCATION]: TEST_TOKEN });
      expect((await world.cli(['sync', '--json'])).code).toBe(0);
    });
  }, 120_000);
});
