// Builds the two sides for a run from the stored accounts and the keychain (secrets never touch
// state). A missing secret is a credentials problem: the user must reconnect.
import { SyncError } from '../errors';
import { IcloudSource } from '../icloud';
import { PlatformClient, RateLimiter } from '../platform';
import type { RequestCounter } from '../request-counter';
import type { SecretStore } from '../secrets/secret-store';
import type { State } from '../store/state-schema';

export interface SideOptions {
  secrets: SecretStore;
  counter: RequestCounter;
  /** One limiter per location for the life of the process: the burst window spans cycles. */
  limiter: RateLimiter;
  fetch?: typeof fetch;
}

export async function buildSides(state: State, options: SideOptions): Promise<{ icloud: IcloudSource; platform: PlatformClient }> {
  const { icloud, platform } = state.accounts;
  if (!icloud || !platform) throw new SyncError('item', 'Connect both iCloud and the platform first.');
  const password = await options.secrets.get('icloud', icloud.appleId);
  if (!password) {
    throw new SyncError('auth', 'The iCloud app-specific password is missing from the keychain. Reconnect iCloud.', { side: 'icloud' });
  }
  const token = await options.secrets.get('platform', platform.locationId);
  if (!token) throw new SyncError('auth', 'The platform token is missing from the keychain. Reconnect the platform.', { side: 'platform' });
  return {
    icloud: new IcloudSource(icloud, password, { counter: options.counter, fetch: options.fetch }),
    platform: new PlatformClient({
      baseUrl: platform.apiUrl, token, locationId: platform.locationId, counter: options.counter, limiter: options.limiter,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  };
}
