// Keychain access: a probe item is written, read back and removed, so a locked keychain or a
// missing Secret Service shows here rather than as a failed sync. Skipped (and said) when the
// environment supplies both secrets: then the app never touches the keychain (cli.md).
import type { EnvOverrideSecretStore } from '../secrets/env-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { fail, pass, type Finding } from './finding';

const NAME = 'keychain';
/** A keychain that asks nobody answers in seconds; waiting longer only hides the problem. */
export const KEYCHAIN_TIMEOUT_MS = 5_000;
const PROBE_ACCOUNT = 'doctor-probe';

export async function checkKeychain(secrets: EnvOverrideSecretStore, keychain: SecretStore): Promise<Finding> {
  if (secrets.overridden('icloud') && secrets.overridden('platform')) {
    return pass(NAME, 'Skipped: ICLOUD_SYNC_APP_PASSWORD and ICLOUD_SYNC_PLATFORM_TOKEN supply the secrets, so the keychain is not used.');
  }
  const value = `probe-${Date.now()}`;
  try {
    await withTimeout(
      (async () => {
        await keychain.set('icloud', PROBE_ACCOUNT, value);
        const read = await keychain.get('icloud', PROBE_ACCOUNT);
        await keychain.delete('icloud', PROBE_ACCOUNT);
        if (read !== value) throw new Error('the item read back differs from the one written');
      })(),
    );
  } catch (error) {
    return fail(NAME, `A probe item could not be written, read and removed: ${(error as Error).message}`,
      'On a Mac: open Keychain Access and unlock the login keychain. On Linux: start and unlock the Secret Service ' +
        '(gnome-keyring) in this session. Or supply the secrets with ICLOUD_SYNC_APP_PASSWORD / ICLOUD_SYNC_PLATFORM_TOKEN.');
  }
  return pass(NAME, 'A probe item was written, read and removed.');
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the keychain did not answer within ${KEYCHAIN_TIMEOUT_MS / 1000} s`)), KEYCHAIN_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
