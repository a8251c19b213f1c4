// cli.md: when ICLOUD_SYNC_APP_PASSWORD / ICLOUD_SYNC_PLATFORM_TOKEN are set they are used and the
// keychain is not touched at all (not read, not written) — for CI, containers and scripted setups.
// With several locations, ICLOUD_SYNC_PLATFORM_TOKENS (a JSON object: location id → token) does the
// same per location and wins for the locations it names; ICLOUD_SYNC_PLATFORM_TOKEN serves the rest.
import { z } from 'zod';
import { SyncError } from '../errors';
import type { SecretKind, SecretStore } from './secret-store';

const variables: Record<SecretKind, string> = {
  icloud: 'ICLOUD_SYNC_APP_PASSWORD',
  platform: 'ICLOUD_SYNC_PLATFORM_TOKEN',
};

export const TOKENS_VARIABLE = 'ICLOUD_SYNC_PLATFORM_TOKENS';

// A token never holds white space or control characters (an HTTP header could not carry them, and
// " " was taken and then refused by the platform as if revoked — found by the hostile test).
const tokensSchema = z.record(z.string().min(1), z.string().regex(/^[^\s\p{Cc}]+$/u));

/**
 * The tokens of ICLOUD_SYNC_PLATFORM_TOKENS, by location id; undefined when unset. Bad input is a
 * clear error that never repeats the value (it holds secrets; JSON.parse's own message quotes it).
 */
export function parsePlatformTokens(env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  const text = env[TOKENS_VARIABLE];
  if (text === undefined || text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SyncError('item', `${TOKENS_VARIABLE} is not valid JSON. Set it to a JSON object of location id → token, e.g. {"loc-1":"…"}.`);
  }
  const parsed = tokensSchema.safeParse(value);
  if (!parsed.success) throw new SyncError('item', `${TOKENS_VARIABLE} must be a JSON object of location id → token (each a non-empty string without spaces).`);
  return parsed.data;
}

/** The token the variable names for this location: its own entry only (never `constructor` & co.). */
function namedToken(env: NodeJS.ProcessEnv, account: string): string | undefined {
  const tokens = parsePlatformTokens(env);
  return tokens && Object.hasOwn(tokens, account) ? tokens[account] : undefined;
}

export class EnvOverrideSecretStore implements SecretStore {
  constructor(
    private readonly keychain: SecretStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** True when this kind's secret (for `account`, when given) comes from the environment. */
  overridden(kind: SecretKind, account?: string): boolean {
    if (kind === 'platform' && account !== undefined && namedToken(this.env, account)) return true;
    return Boolean(this.env[variables[kind]]);
  }

  async get(kind: SecretKind, account: string): Promise<string | undefined> {
    const named = kind === 'platform' ? namedToken(this.env, account) : undefined;
    if (named) return named;
    return this.overridden(kind) ? this.env[variables[kind]] : this.keychain.get(kind, account);
  }

  async set(kind: SecretKind, account: string, secret: string): Promise<void> {
    if (!this.overridden(kind, account)) await this.keychain.set(kind, account, secret);
  }

  async delete(kind: SecretKind, account: string): Promise<void> {
    if (!this.overridden(kind, account)) await this.keychain.delete(kind, account);
  }
}
