// The Electron fuses electron-builder flips when it packs the app (electron-builder.yml,
// `electronFuses`), checked as configuration through electron-builder's own loader and schema.
// package-smoke.test.ts reads them back from the stub-packed binaries (whose stub carries a fuse
// wire); the Mac workflow (.github/workflows/mac.yml) reads them back from a real build.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
type Config = Record<string, any>; // electron-builder's Configuration, read field by field below
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Config | null): Promise<Config>;
  validateConfiguration(config: Config, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

/** Each fuse this product depends on, with the value it must have. */
const required: Record<string, boolean> = {
  // ELECTRON_RUN_AS_NODE must not turn the signed app into a general Node.js.
  runAsNode: false,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS must not inject code or trust into the app.
  enableNodeOptionsEnvironmentVariable: false,
  // --inspect flags and SIGUSR1 must not attach a debugger.
  enableNodeCliInspectArguments: false,
  // The asar is checked against the hash in Info.plist...
  enableEmbeddedAsarIntegrityValidation: true,
  // ...and nothing but app.asar is ever loaded.
  onlyLoadAppFromAsar: true,
};

describe('Electron fuses (electron-builder.yml)', () => {
  it('the configuration with its fuses passes electron-builder’s schema', async () => {
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it.each(Object.entries(required))('%s is %s', async (fuse, value) => {
    const config = await getConfig(root, null, null);
    expect(config.electronFuses, 'electronFuses block').toBeTypeOf('object');
    expect(config.electronFuses[fuse]).toBe(value);
  });

  it('only fuse names electron-builder knows (a typo would be rejected, not ignored)', async () => {
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });
});

describe('scripts/check-fuses.ts (the Mac workflow’s read-back)', async () => {
  const { fuseMismatches, fuseOptionName } = await import('../../scripts/check-fuses');
  const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number> };
  const on = 49;
  const off = 48;

  it('maps every configured key to a fuse of @electron/fuses', async () => {
    const config = await getConfig(root, null, null);
    for (const key of Object.keys(config.electronFuses).filter((k) => k !== 'resetAdHocDarwinSignature')) {
      expect(FuseV1Options[fuseOptionName(key)], key).toBeTypeOf('number');
    }
  });

  it('accepts a wire that matches and names each fuse that does not', () => {
    const wire: Record<number, number> = { [FuseV1Options.RunAsNode]: off, [FuseV1Options.OnlyLoadAppFromAsar]: on };
    expect(fuseMismatches({ runAsNode: false, onlyLoadAppFromAsar: true, resetAdHocDarwinSignature: true }, wire, FuseV1Options)).toEqual([]);
    expect(fuseMismatches({ runAsNode: true, onlyLoadAppFromAsar: false }, wire, FuseV1Options)).toEqual([
      'runAsNode: configured on, the app has it off',
      'onlyLoadAppFromAsar: configured off, the app has it on',
    ]);
  });
});
