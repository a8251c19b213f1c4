// Secrets (the iCloud app-specific password, the platform token) live only in the OS keychain.
// service = the app id, account = the Apple ID (iCloud) or the location id (platform).
export type SecretKind = 'icloud' | 'platform';

export interface SecretStore {
  get(kind: SecretKind, account: string): Promise<string | undefined>;
  set(kind: SecretKind, account: string, secret: string): Promise<void>;
  delete(kind: SecretKind, account: string): Promise<void>;
}

export const APP_ID = 'com.icloudsynccompanion.app';

export class SecretStoreError extends Error {}
