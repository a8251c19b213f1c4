// cli.md: when ICLOUD_SYNC_APP_PASSWORD / ICLOUD_SYNC_PLATFORM_TOKEN are set they are used and the
// keychain is not touched at all (not read, not written) — for CI, containers and scripted setups.
import type { SecretKind, SecretStore } from './secret-store';

const variables: Record<SecretKind, string> = {
  icloud: 'ICLOUD_SYNC_APP_PASSWORD',
  platform: 'ICLOUD_SYNC_PLATFORM_TOKEN',
};

export class EnvOverrideSecretStore implements SecretStore {
  constructor(
    private readonly keychain: SecretStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** True when this kind's secret comes from the environment. */
  overridden(kind: SecretKind): boolean {
    return Boolean(this.env[variables[kind]]);
  }

  async get(kind: SecretKind, account: string): Promise<string | undefined> {
    return this.overridden(kind) ? this.env[variables[kind]] : this.keychain.get(kind, account);
  }

  async set(kind: SecretKind, account: string, secret: string): Promise<void> {
    if (!this.overridden(kind)) await this.keychain.set(kind, account, secret);
  }

  async delete(kind: SecretKind, account: string): Promise<void> {
    if (!this.overridden(kind)) await this.keychain.delete(kind, account);
  }
}
