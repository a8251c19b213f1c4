// The platform: one read per endpoint family the app reads with — calendars, events, users,
// locations — so a Private Integration Token created without one scope shows which. Write scopes
// (calendars/events.write) are not probed: the only test is a real write to the user's calendar.
// contacts.readonly is optional (the cancel confirmation names the customer with it): its line
// warns, never fails, and its probe asks for an id no contact has, so no one's record is read.
import { toSyncError, type SyncError } from '../errors';
import { PlatformClient, RateLimiter, type PlatformLocation } from '../platform';
import { RequestCounter } from '../request-counter';
import type { SecretStore } from '../secrets/secret-store';
import type { State } from '../store/state-schema';
import { causeOf, fail, pass, warn, type Finding } from './finding';
import { firstPlatform } from '../store/locations';
import type { PlatformAccount } from '../store/state-schema';

export const PLATFORM_TIMEOUT_MS = 10_000;
const reconnect = (locationId: string) =>
  `Run \`icloud-sync connect platform --location-id ${locationId}\` with a new Private Integration Token.`;

export interface PlatformCheckDeps {
  state: State;
  secrets: SecretStore;
  fetch: typeof fetch;
  now: Date;
  /** The location to check (default: the one connected first). */
  account?: PlatformAccount;
}

export interface PlatformCheckResult {
  findings: Finding[];
  /** The location's name and zone, when the token may read it (the time-zone check compares it). */
  location?: PlatformLocation;
}

interface Family {
  name: string;
  scope: string;
  note?: string;
  read(): Promise<unknown>;
}

export async function checkPlatform({ state, secrets, fetch, now, account = firstPlatform(state) }: PlatformCheckDeps): Promise<PlatformCheckResult> {
  if (!account) return { findings: [fail('platform token', 'The platform is not connected.', 'Run `icloud-sync connect platform --location-id ID`.')] };
  let token: string | undefined;
  try {
    token = await secrets.get('platform', account.locationId);
  } catch (error) {
    return { findings: [fail('platform token', `Not checked: the token could not be read (${(error as Error).message})`, 'See the keychain line.')] };
  }
  if (!token) return { findings: [fail('platform token', 'The platform token is missing from the keychain.', reconnect(account.locationId), 'credentials')] };

  const common = { baseUrl: account.apiUrl, token, locationId: account.locationId, counter: new RequestCounter(), limiter: new RateLimiter() };
  // One attempt, no waiting out a 429: the doctor reports throttling rather than sitting in it.
  const client = new PlatformClient({ ...common, fetch, timeoutMs: PLATFORM_TIMEOUT_MS, maxAttempts: 1, max429Retries: 0 });
  let location: PlatformLocation | undefined;
  const families: Family[] = [
    { name: 'calendars', scope: 'calendars.readonly', read: () => client.listCalendars() },
    {
      name: 'events',
      scope: 'calendars/events.readonly',
      note: 'calendars/events.write is not probed (that would mean writing to your calendar); a missing write scope shows on the first sync.',
      read: () => client.listAppointments({ userId: account.userId, startTime: now, endTime: now.getTime() + 3_600_000 }),
    },
    { name: 'users', scope: 'users.readonly', read: () => client.listUsers() },
    {
      name: 'locations',
      scope: 'locations.readonly',
      // The client's own read, as the sync makes it (same version, schema, pacing and errors).
      read: async () => {
        location = await client.getLocation();
      },
    },
  ];
  const findings: Finding[] = [];
  // One after the other: they share the location's burst window, and the last answer's
  // X-RateLimit headers then reflect all four.
  for (const family of families) findings.push(await probe(family, account.locationId));
  findings.push(await probeContacts(client));
  return { findings, location };
}

async function probe(family: Family, locationId: string): Promise<Finding> {
  const name = `platform scope: ${family.scope}`;
  const suffix = family.note ? ` ${family.note}` : '';
  try {
    await family.read();
    return pass(name, `Reading ${family.name} works.${suffix}`);
  } catch (error) {
    const sync: SyncError = toSyncError(error, 'platform');
    if (sync.kind === 'auth') {
      return fail(name, `The platform refused to read ${family.name} (${sync.details.status ?? 401}): the token lacks ${family.scope}, or it was rotated.${suffix}`,
        `In the platform: Settings → Private Integrations → edit this integration, add the scope ${family.scope}, then ${reconnect(locationId).replace(/^Run/, 'run')}`, 'credentials');
    }
    if (sync.kind === 'gone') {
      return warn(name, `The platform does not answer ${family.name} here (404).${suffix}`, 'Check the API URL given to `icloud-sync connect platform --api-url`.');
    }
    const fix = causeOf(sync.kind) === 'unreachable' ? 'Check the internet connection; try again in a few minutes.' : undefined;
    return fail(name, `Reading ${family.name} failed: ${sync.message}${suffix}`, fix, causeOf(sync.kind));
  }
}

/** An id no contact has: with the scope the platform answers "not found" (400), without it 401/403. */
export const CONTACT_PROBE_ID = 'icloud-sync-doctor-probe';

async function probeContacts(client: PlatformClient): Promise<Finding> {
  const name = 'platform scope: contacts.readonly';
  const allowed = 'Reading contacts is allowed, so "Cancel Appointment" names the customer whose booking it cancels.';
  try {
    await client.getContact(CONTACT_PROBE_ID);
    return pass(name, allowed);
  } catch (error) {
    const status = toSyncError(error, 'platform').details.status;
    if (status === 401 || status === 403) {
      return warn(name, `The token may not read contacts (${status}), so "Cancel Appointment" says "the customer" instead of the customer's name. Everything else works without it.`,
        'Optional: in the platform, Settings → Private Integrations → edit this integration and add the scope contacts.readonly.');
    }
    // Any other answer from the platform (the documented 400 for an unknown contact, 404, 422) passed the scope check.
    if (status !== undefined && status < 500 && status !== 429) return pass(name, allowed);
    return warn(name, `Not checked: ${toSyncError(error, 'platform').message}`);
  }
}
