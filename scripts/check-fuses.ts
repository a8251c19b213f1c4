// Reads the Electron fuses back from a packed app and compares them with electron-builder.yml's
// `electronFuses` — what the Mac workflow runs after `electron-builder --mac` (the packaging smoke
// test does the same on its stub-packed builds):
//   npx tsx scripts/check-fuses.ts "dist/mac-arm64/iCloud Sync Companion.app"
// Exit 1, naming each fuse, when one differs.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');

/** electron-builder's key (runAsNode) → @electron/fuses' option name (RunAsNode). */
export function fuseOptionName(configKey: string): string {
  return configKey[0].toUpperCase() + configKey.slice(1);
}

/** The differences between the configured fuses and a wire read back ('1' enabled, '0' disabled). */
export function fuseMismatches(configured: Record<string, boolean>, wire: Record<string, number>, options: Record<string, number>, enabled = 49): string[] {
  const problems: string[] = [];
  for (const [key, want] of Object.entries(configured)) {
    if (key === 'resetAdHocDarwinSignature') continue; // an instruction to the packer, not a fuse
    const index = options[fuseOptionName(key)];
    if (index === undefined) {
      problems.push(`${key}: not a fuse this Electron knows`);
      continue;
    }
    const got = wire[index] === enabled;
    if (got !== want) problems.push(`${key}: configured ${want ? 'on' : 'off'}, the app has it ${got ? 'on' : 'off'}`);
  }
  return problems;
}

async function main(appPath: string | undefined): Promise<number> {
  if (!appPath) {
    console.error('usage: npx tsx scripts/check-fuses.ts PATH/TO/App.app');
    return 2;
  }
  const { getConfig } = require('app-builder-lib/out/util/config/config') as { getConfig(dir: string, path: null, options: null): Promise<{ electronFuses?: Record<string, boolean> }> };
  const fuses = require('@electron/fuses') as { getCurrentFuseWire(path: string): Promise<Record<string, number>>; FuseV1Options: Record<string, number> };
  const configured = (await getConfig(root, null, null)).electronFuses ?? {};
  const wire = await fuses.getCurrentFuseWire(appPath);
  const problems = fuseMismatches(configured, wire, fuses.FuseV1Options);
  for (const problem of problems) console.error(`fuse mismatch: ${problem}`);
  if (problems.length === 0) console.log(`fuses as configured: ${Object.keys(configured).filter((k) => k !== 'resetAdHocDarwinSignature').join(', ')}`);
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  process.exitCode = await main(process.argv[2]);
}
