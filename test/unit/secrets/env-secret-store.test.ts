import { describe, expect, it } from 'vitest';
import { EnvOverrideSecretStore } from '../../../src/main/secrets/env-secret-store';
import type { SecretKind, SecretStore } from '../../../src/main/secrets/secret-store';

/** Records every call so the test can prove the keychain was not touched. */
class RecordingStore implements SecretStore {
  calls: string[] = [];
  values = new Map<string, string>();
  async get(kind: SecretKind, account: string) {
    this.calls.push(`get ${kind} ${account}`);
    return this.values.get(`${kind}:${account}`);
  }
  async set(kind: SecretKind, account: string, secret: string) {
    this.calls.push(`set ${kind} ${account}`);
    this.values.set(`${kind}:${account}`, secret);
  }
  async delete(kind: SecretKind, account: string) {
    this.calls.push(`delete ${kind} ${account}`);
  }
}

describe('EnvOverrideSecretStore (cli.md secret overrides)', () => {
  it('uses the environment and never touches the keychain when the variable is set', async () => {
    const keychain = new RecordingStore();
    const store = new EnvOverrideSecretStore(keychain, {
      ICLOUD_SYNC_APP_PASSWORD: 'abcd-efgh-ijkl-mnop',
      ICLOUD_SYNC_PLATFORM_TOKEN: 'pit-123',
    });
    expect(await store.get('icloud', 'a@b.c')).toBe('abcd-efgh-ijkl-mnop');
    expect(await store.get('platform', 'loc1')).toBe('pit-123');
    await store.set('icloud', 'a@b.c', 'other');
    await store.delete('platform', 'loc1');
    expect(keychain.calls).toEqual([]);
  });

  it('falls through to the keychain for a kind whose variable is not set', async () => {
    const keychain = new RecordingStore();
    const store = new EnvOverrideSecretStore(keychain, { ICLOUD_SYNC_PLATFORM_TOKEN: 'pit-123' });
    await store.set('icloud', 'a@b.c', 'wxyz-wxyz-wxyz-wxyz');
    expect(await store.get('icloud', 'a@b.c')).toBe('wxyz-wxyz-wxyz-wxyz');
    expect(keychain.calls).toEqual(['set icloud a@b.c', 'get icloud a@b.c']);
  });

  it('ICLOUD_SYNC_PLATFORM_TOKENS wins for the locations it names; the keychain serves the others', async () => {
    const keychain = new RecordingStore();
    keychain.values.set('platform:loc-c', 'pit-from-keychain');
    const store = new EnvOverrideSecretStore(keychain, { ICLOUD_SYNC_PLATFORM_TOKENS: JSON.stringify({ 'loc-a': 'pit-a', 'loc-b': 'pit-b' }) });
    expect(await store.get('platform', 'loc-a')).toBe('pit-a');
    expect(await store.get('platform', 'loc-b')).toBe('pit-b');
    await store.set('platform', 'loc-a', 'other');
    await store.delete('platform', 'loc-b');
    expect(keychain.calls, 'a named location never touches the keychain').toEqual([]);
    expect(await store.get('platform', 'loc-c')).toBe('pit-from-keychain');
    expect(keychain.calls).toEqual(['get platform loc-c']);
  });

  it('with both variables, ICLOUD_SYNC_PLATFORM_TOKEN serves the locations the JSON does not name', async () => {
    const store = new EnvOverrideSecretStore(new RecordingStore(), { ICLOUD_SYNC_PLATFORM_TOKEN: 'pit-one', ICLOUD_SYNC_PLATFORM_TOKENS: '{"loc-a":"pit-a"}' });
    expect(await store.get('platform', 'loc-a')).toBe('pit-a');
    expect(await store.get('platform', 'loc-z')).toBe('pit-one');
  });

  it('a TOKENS value that is not a JSON object of non-empty tokens is a clear error that never repeats the value', async () => {
    for (const bad of ['pit-secret-xyz', '{"loc-a":', '{"loc-a":""}', '["pit-secret-xyz"]', '{"loc-a":42}']) {
      const store = new EnvOverrideSecretStore(new RecordingStore(), { ICLOUD_SYNC_PLATFORM_TOKENS: bad });
      const error = await store.get('platform', 'loc-a').then(() => undefined, (thrown: Error) => thrown);
      expect(error?.message, bad).toMatch(/ICLOUD_SYNC_PLATFORM_TOKENS/);
      expect(error?.message).not.toContain('pit-secret-xyz');
    }
  });

  // Hostile (hostile11): odd JSON values that were taken.
  it('a token with white space or a control character is refused (it was taken and sent as is)', async () => {
    for (const bad of ['{"loc-a":" "}', '{"loc-a":"pit-secret-xyz\\n"}', '{"loc-a":"pit secret-xyz"}', '{"loc-a":"pit-secret-xyz\\u0000"}']) {
      const store = new EnvOverrideSecretStore(new RecordingStore(), { ICLOUD_SYNC_PLATFORM_TOKENS: bad });
      const error = await store.get('platform', 'loc-a').then(() => undefined, (thrown: Error) => thrown);
      expect(error?.message, bad).toMatch(/ICLOUD_SYNC_PLATFORM_TOKENS must be a JSON object/);
      expect(error?.message).not.toContain('pit-secret-xyz');
    }
  });

  it('a location named like an Object property gets the keychain, not Object.prototype’s function; unicode and huge values are fine', async () => {
    const keychain = new RecordingStore();
    keychain.values.set('platform:constructor', 'pit-from-keychain');
    const huge = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`loc-${i}-é☃`, `pit-${i}`]));
    const store = new EnvOverrideSecretStore(keychain, { ICLOUD_SYNC_PLATFORM_TOKENS: JSON.stringify(huge) });
    expect(await store.get('platform', 'constructor')).toBe('pit-from-keychain');
    expect(store.overridden('platform', 'toString')).toBe(false);
    expect(await store.get('platform', 'loc-1999-é☃')).toBe('pit-1999');
  });
});
