// `icloud-sync doctor` and the window's "Check setup": every check runs, whatever the others
// found (a wrong password still lets the data-directory check run), each bounded by a timeout,
// and the lines come back in a fixed order. Nothing here writes to either side or to state.
import type { DoctorReport } from '../../shared/doctor';
import type { EnvOverrideSecretStore } from '../secrets/env-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import type { StateStore } from '../store/state-store';
import type { State } from '../store/state-schema';
import { checkClock } from './clock-check';
import { checkDataDir } from './data-dir-check';
import { doctorExitCode, fail, toReport, type Finding } from './finding';
import { checkIcloud } from './icloud-checks';
import { checkKeychain } from './keychain-check';
import { checkPlatform } from './platform-checks';
import { checkRateLimits } from './rate-limit-check';
import { ExchangeLog } from './recording-fetch';
import { checkTimeZone } from './timezone-check';
import { platformAccounts } from '../store/locations';
import type { PlatformCheckResult } from './platform-checks';

export interface DoctorDeps {
  dataDir: string;
  state: StateStore;
  secrets: EnvOverrideSecretStore;
  /** The keychain itself (not the env override), for the probe item. */
  keychain: SecretStore;
  fetch?: typeof fetch;
  now: () => Date;
  localZone: string;
}

export interface DoctorResult {
  report: DoctorReport;
  exitCode: number;
}

export async function runDoctor(deps: DoctorDeps): Promise<DoctorResult> {
  const log = new ExchangeLog(deps.fetch ?? globalThis.fetch, () => deps.now().getTime());
  const dataDir = checkDataDir(deps.dataDir).catch((error: unknown) => unexpected('data directory', error));
  const keychain = checkKeychain(deps.secrets, deps.keychain).catch((error: unknown) => unexpected('keychain', error));

  let state: State | undefined;
  let stateProblem: Finding | undefined;
  try {
    state = await deps.state.read();
  } catch (error) {
    stateProblem = fail('settings', `The app's state could not be read: ${(error as Error).message}`, 'See the data directory line.');
  }
  const icloud = state
    ? checkIcloud({ state, secrets: deps.secrets, fetch: log.fetchFor('icloud') }).catch((error: unknown) => [unexpected('iCloud discovery', error)])
    : Promise.resolve<Finding[]>([]);
  const platform = state ? checkLocations(state, deps, log) : Promise.resolve({ findings: [] as Finding[], location: undefined });

  const [icloudFindings, platformResult] = await Promise.all([icloud, platform]);
  const findings: Finding[] = [
    ...(stateProblem ? [stateProblem] : []),
    ...icloudFindings,
    ...platformResult.findings,
  ];
  if (state && Object.keys(state.accounts.platforms).length > 0) {
    findings.push(checkRateLimits(log.exchanges));
    findings.push(checkTimeZone(platformResult.location?.timezone, deps.localZone, deps.now()));
  }
  findings.push(checkClock(log.exchanges), await keychain, await dataDir);
  return { report: toReport(findings), exitCode: doctorExitCode(findings) };
}

function unexpected(name: string, error: unknown): Finding {
  return fail(name, `The check itself failed: ${(error as Error)?.message ?? String(error)}`, 'Please report this with `icloud-sync diagnostics --out FILE`.');
}

/**
 * The platform checks for every connected location (issue 15), at once; with several, each line
 * names its location ("platform token (loc-2)"). The time-zone line compares the first one's zone.
 */
async function checkLocations(state: State, deps: DoctorDeps, log: ExchangeLog): Promise<PlatformCheckResult> {
  const accounts = platformAccounts(state);
  const several = accounts.length > 1;
  const results = await Promise.all((accounts.length ? accounts : [undefined]).map((account) =>
    checkPlatform({ state, secrets: deps.secrets, fetch: log.fetchFor('platform'), now: deps.now(), ...(account ? { account } : {}) })
      .catch((error: unknown): PlatformCheckResult => ({ findings: [unexpected('platform', error)] }))
      .then((result) => (several && account ? { ...result, findings: result.findings.map((f) => ({ ...f, name: `${f.name} (${account.locationId})` })) } : result))));
  return { findings: results.flatMap((result) => result.findings), location: results[0]?.location };
}
