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
});
