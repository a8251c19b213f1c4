// iCloud: discovery (principal and calendar home, whose host is the account's partition host,
// e.g. p42-caldav.icloud.com) and, per followed calendar, whether it answers sync-collection
// (RFC 6578) — asked from the calendar's current token, so the answer is empty and cheap.
import { own } from '../../shared/own';
import { SyncError, toSyncError } from '../errors';
import { discover, validateIcloudCredentials } from '../icloud';
import { DavSession, NS, escapeXml, httpError, textOf } from '../icloud/dav';
import { buildSession } from '../icloud/discovery';
import { withTrailingSlash } from '../icloud/hrefs';
import { RequestCounter } from '../request-counter';
import type { SecretStore } from '../secrets/secret-store';
import type { State } from '../store/state-schema';
import { appointmentCalendars } from '../store/locations';
import { causeOf, fail, pass, warn, type Finding } from './finding';

const DISCOVERY = 'iCloud discovery';
/** Per request; the doctor must answer in seconds, not wait out a sync's 30 s. */
export const ICLOUD_TIMEOUT_MS = 10_000;
const reconnect = 'Make a new app-specific password at account.apple.com and run `icloud-sync connect icloud --apple-id EMAIL`.';

export interface IcloudCheckDeps {
  state: State;
  secrets: SecretStore;
  fetch: typeof fetch;
}

export async function checkIcloud({ state, secrets, fetch }: IcloudCheckDeps): Promise<Finding[]> {
  const account = state.accounts.icloud;
  if (!account) return [fail(DISCOVERY, 'iCloud is not connected.', 'Run `icloud-sync connect icloud --apple-id EMAIL`.')];
  let password: string | undefined;
  try {
    password = await secrets.get('icloud', account.appleId);
  } catch (error) {
    return [fail(DISCOVERY, `Not checked: the app-specific password could not be read (${(error as Error).message})`, 'See the keychain line.')];
  }
  if (!password) return [fail(DISCOVERY, 'The app-specific password is missing from the keychain.', reconnect, 'credentials')];
  try {
    validateIcloudCredentials(account.appleId, password);
  } catch (error) {
    return [fail(DISCOVERY, (error as Error).message, reconnect, 'credentials')];
  }
  const session = buildSession(account.appleId, password, { counter: new RequestCounter(), fetch, timeoutMs: ICLOUD_TIMEOUT_MS, retry: { maxRetries: 0 } });
  const caldavUrl = account.caldavUrl;
  let home: string;
  const findings: Finding[] = [];
  try {
    const found = await discover(session, account.appleId, password, caldavUrl);
    home = found.homeUrl;
    const host = new URL(found.homeUrl).host;
    const storedHost = account.homeUrl ? new URL(account.homeUrl).host : undefined;
    if (storedHost && storedHost !== host) {
      findings.push(warn(DISCOVERY, `Signed in as ${account.appleId}; your calendars moved from ${storedHost} to ${host}.`, 'Run `icloud-sync connect icloud --apple-id EMAIL` again so the app uses the new host.'));
    } else {
      findings.push(pass(DISCOVERY, `Signed in as ${account.appleId} at ${new URL(caldavUrl).host}; your calendars are on ${host} (the partition host).`));
    }
  } catch (error) {
    const sync = toSyncError(error, 'icloud');
    const fix = sync.kind === 'auth' ? reconnect : sync.kind === 'network' || sync.kind === 'throttled'
      ? `Check the internet connection and ${caldavUrl}; try again in a few minutes.` : `Check the CalDAV URL ${caldavUrl}.`;
    return [fail(DISCOVERY, sync.message, fix, causeOf(sync.kind)), ...followed(state).map((url) => notChecked(state, url))];
  }
  const calendars = followed(state);
  if (calendars.length === 0) {
    findings.push(warn('sync-collection', 'No iCloud calendar is linked yet, so none was checked.', 'Run `icloud-sync calendars`, then `icloud-sync link --icloud ID`.'));
  }
  for (const url of calendars) findings.push(await checkSyncCollection(session, state, url, home));
  return findings;
}

/** The linked calendar, each location's own and the busy sources: every calendar a sync reads. */
function followed(state: State): string[] {
  return [...new Set([...appointmentCalendars(state), ...state.links.busySources])];
}

const nameOf = (state: State, url: string) => `sync-collection: ${own(state.links.names, url) ?? url}`;

function notChecked(state: State, url: string): Finding {
  return warn(nameOf(state, url), 'Not checked: signing in to iCloud failed (see the line above).');
}

async function checkSyncCollection(session: DavSession, state: State, input: string, home: string): Promise<Finding> {
  const name = nameOf(state, input);
  const url = withTrailingSlash(new URL(input, home).href);
  try {
    const props = await session.xml(url, 'PROPFIND', `<?xml version="1.0" encoding="utf-8"?><d:propfind ${NS}><d:prop><d:sync-token/></d:prop></d:propfind>`, { Depth: '0' });
    if (props.status === 404) return fail(name, 'This calendar no longer exists in iCloud.', 'Run `icloud-sync calendars` and link another with `icloud-sync link`.');
    if (props.status !== 207) throw httpError(props.status, 'reading the calendar', props.headers);
    const token = props.responses.map((r) => textOf((r.props as Record<string, unknown> | undefined)?.syncToken)).find(Boolean);
    if (!token) return warn(name, 'The calendar offers no sync token: every sync lists all its events (slower, more requests).', 'Nothing to do; syncing still works.');
    const body = `<?xml version="1.0" encoding="utf-8"?><d:sync-collection ${NS}><d:sync-token>${escapeXml(token)}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`;
    const report = await session.xml(url, 'REPORT', body, { Depth: '1' });
    if (report.status === 207) return pass(name, 'Supported: syncs read only what changed.');
    if (report.status === 401 || report.status >= 500 || report.status === 429) throw httpError(report.status, 'asking for changes', report.headers);
    return warn(name, `sync-collection answered ${report.status}: every sync lists all its events instead (slower, more requests).`, 'Nothing to do; syncing still works.');
  } catch (error) {
    const sync = error instanceof SyncError ? error : toSyncError(error, 'icloud');
    return fail(name, sync.message, sync.kind === 'auth' ? reconnect : 'Try again in a few minutes.', causeOf(sync.kind));
  }
}
