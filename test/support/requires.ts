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

/**
 * The one exception to "no skips under CI=true": the Electron smoke test (test/electron/) needs the
 * real Electron binary, which Linux CI cannot download (ELECTRON_SKIP_BINARY_DOWNLOAD) and which is
 * not needed anywhere else — every Electron-importing module is tested on a mocked electron. So
 * this suite skips, even in CI, with a notice that .ci/run looks for and repeats; the macOS
 * workflow (.github/workflows/mac.yml) has the binary and runs it.
 */
export function electronSmokeSkipReason(found: { found: boolean; looked?: string }, env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | undefined {
  if (!found.found) return `no Electron binary (looked for ${found.looked}; \`npx install-electron\` fetches it)`;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'no display to open a window on (DISPLAY/WAYLAND_DISPLAY unset)';
  return undefined;
}

export function announceElectronSmokeSkip(reason: string): void {
  console.warn(`\n*** SKIPPED Electron smoke test: ${reason}. It runs on macOS in .github/workflows/mac.yml. ***\n`);
}
