// The OS keychain through @napi-rs/keyring: prebuilt binaries (no node-gyp), and on macOS it writes
// the same generic-password items keytar did. On Linux it talks to the Secret Service (gnome-keyring).
// AsyncEntry keeps the main process responsive while the keychain asks the user or the daemon.
import type { AsyncEntry } from '@napi-rs/keyring';
import { APP_ID, SecretStoreError, type SecretKind, type SecretStore } from './secret-store';

/** The keychain item's account: kinds are kept apart even if an id were ever equal on both sides. */
function accountName(kind: SecretKind, account: string): string {
  return `${kind}:${account}`;
}

export class KeychainSecretStore implements SecretStore {
  constructor(private readonly service = APP_ID) {}

  get(kind: SecretKind, account: string): Promise<string | undefined> {
    return this.guard('read', async () => (await (await this.entry(kind, account)).getPassword()) ?? undefined);
  }

  set(kind: SecretKind, account: string, secret: string): Promise<void> {
    return this.guard('save', async () => (await this.entry(kind, account)).setPassword(secret));
  }

  delete(kind: SecretKind, account: string): Promise<void> {
    return this.guard('delete', async () => {
      await (await this.entry(kind, account)).deletePassword();
    });
  }

  /** The native module is loaded on first use: a CLI run with both secrets in the environment never loads it. */
  private async entry(kind: SecretKind, account: string): Promise<AsyncEntry> {
    const { AsyncEntry: Entry } = await import('@napi-rs/keyring');
    return new Entry(this.service, accountName(kind, account));
  }

  private async guard<T>(verb: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw new SecretStoreError(
        `Could not ${verb} the secret in the system keychain: ${(error as Error).message}. ` +
          'On Linux the Secret Service (e.g. gnome-keyring) must be running and unlocked.',
      );
    }
  }
}
