// Suites that need a real service (Radicale, Chromium, gnome-keyring) run where it is installed.
// On a developer machine without it they skip with a visible notice; under CI=true they never skip:
// a missing binary there is a failure of the CI setup and must turn the run red.
import { execFileSync } from 'node:child_process';

export function hasBinary(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** True when every binary is present; false (with a notice) when not and not in CI; throws in CI. */
export function requireBinaries(suite: string, ...names: string[]): boolean {
  const missing = names.filter((name) => !hasBinary(name));
  if (missing.length === 0) return true;
  const message = `${suite}: needs ${missing.join(', ')}, which is not installed`;
  if (process.env.CI === 'true') throw new Error(`${message} — CI must install it (see .ci/run).`);
  console.warn(`\n*** SKIPPED ${message}. Install it to run this suite (see .ci/run). ***\n`);
  return false;
}
