// electron-builder.yml, checked the way electron-builder itself checks it (its JSON schema, through
// its own validateConfiguration), plus the fields this product depends on: the bundle id the
// keychain uses, a menu-bar app (LSUIElement), hardened runtime with a minimal, reviewed
// entitlement list, notarization only with credentials, the native keyring outside the asar.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decodeIcns, icnsTypes } from '../../scripts/icns';
import { APP_ID } from '../../src/main/secrets/secret-store';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

// electron-builder's own loader and validator (app-builder-lib has no exports map; these are the
// functions its CLI calls before every build).
type Config = Record<string, any>; // electron-builder's Configuration: deep and loosely typed, read field by field below
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Config | null): Promise<Config>;
  validateConfiguration(config: Config, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const plist = require('plist') as { parse(xml: string): Record<string, unknown> };
const notarizeHook = require('../../scripts/notarize.cjs') as {
  (context: unknown, env: Record<string, string | undefined>, notarize?: (options: unknown) => Promise<void>): Promise<void>;
  notarizeOptions(context: unknown, env: Record<string, string | undefined>): { skip?: string; options?: Record<string, string> };
};

const load = () => getConfig(root, null, null);
const validate = (config: Config) => validateConfiguration(config, new DebugLogger(false));

/** The entitlements we grant, each with the reason it is needed (the plist's comment says the same). */
const reviewedEntitlements: Record<string, string> = {
  'com.apple.security.cs.allow-jit': 'V8 compiles JavaScript at run time',
};

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const config = await load();
    await expect(validate(config)).resolves.toBeUndefined();
  }, 60_000); // the first call compiles electron-builder's large schema (seconds on a busy machine)

  it('the validator is live: an unknown or mistyped option is refused', async () => {
    const config = await load();
    await expect(validate({ ...config, mac: { ...config.mac, LSUIElement: true } })).rejects.toThrow(/configuration\.mac/);
    await expect(validate({ ...config, mac: { ...config.mac, hardenedRuntime: 'yes' } })).rejects.toThrow(/hardenedRuntime/);
  });

  it('identifies the app as the keychain does, under the product name', async () => {
    const config = await load();
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName: string; main: string };
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe('iCloud Sync Companion');
    expect(config.productName).toBe(pkg.productName);
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('builds dmg and zip for Apple silicon and Intel, as a productivity menu-bar app', async () => {
    const { mac } = await load();
    const targets = Object.fromEntries((mac.target as Array<{ target: string; arch: string[] }>).map((t) => [t.target, [...t.arch].sort()]));
    expect(targets).toEqual({ dmg: ['arm64', 'x64'], zip: ['arm64', 'x64'] });
    expect(mac.category).toBe('public.app-category.productivity');
    expect(mac.extendInfo.LSUIElement).toBe(true);
  });

  it('signs with the hardened runtime and only the reviewed entitlements', async () => {
    const { mac } = await load();
    expect(mac.hardenedRuntime).toBe(true);
    for (const file of [mac.entitlements, mac.entitlementsInherit]) {
      expect(existsSync(join(root, file))).toBe(true);
      const granted = plist.parse(readFileSync(join(root, file), 'utf8'));
      expect(Object.keys(granted).sort()).toEqual(Object.keys(reviewedEntitlements).sort());
      expect(Object.values(granted).every((value) => value === true)).toBe(true);
    }
  });

  it('notarizes only through the afterSign hook (never twice)', async () => {
    const config = await load();
    expect(config.mac.notarize).toBe(false);
    expect(config.afterSign).toBe('scripts/notarize.cjs');
    expect(existsSync(join(root, config.afterSign))).toBe(true);
  });

  it('keeps the keyring native module out of the asar and ships only the built app', async () => {
    const config = await load();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/@napi-rs/keyring-*/**');
    const files = (config.files as Array<{ filter: string[] }> | string[]).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.filter));
    expect(files).toEqual(expect.arrayContaining(['out/**/*', 'resources/tray*.png', 'package.json', '!src{,/**/*}', '!test{,/**/*}', '!scripts{,/**/*}']));
    expect(files.some((f) => f.includes('emulator') && f.startsWith('!'))).toBe(true);
  });

  it('has a Linux AppImage and deb as the secondary target', async () => {
    const { linux } = await load();
    expect((linux.target as Array<{ target: string }>).map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    expect(existsSync(join(root, linux.icon))).toBe(true);
  });

  it('has no publish feed of its own: updates stay off unless a release configures one', async () => {
    const config = await load();
    expect(config.publish ?? null).toBeNull();
  });
});

describe('icons', () => {
  it('icon.icns holds the app icon at every size macOS asks for, each a PNG of the declared size', async () => {
    const { mac } = await load();
    expect(mac.icon).toBe('resources/icon.icns');
    const elements = decodeIcns(readFileSync(join(root, mac.icon)));
    expect(elements.map((e) => e.type)).toEqual(icnsTypes.map((t) => t.type));
    for (const { type, size } of icnsTypes) {
      const element = elements.find((e) => e.type === type)!;
      expect(pngSize(element.png), type).toEqual({ width: size, height: size });
    }
  });

  it('every tray template image exists at 1x (16 px) and 2x (32 px)', () => {
    const names = ['trayTemplate', 'trayAttentionTemplate', 'trayErrorTemplate', 'trayPausedTemplate', ...[0, 1, 2, 3].map((n) => `traySyncing${n}Template`)];
    for (const name of names) {
      expect(pngSize(readFileSync(join(root, 'resources', `${name}.png`))), name).toEqual({ width: 16, height: 16 });
      expect(pngSize(readFileSync(join(root, 'resources', `${name}@2x.png`))), name).toEqual({ width: 32, height: 32 });
    }
  });
});

describe('notarization hook', () => {
  const context = (platform: string) => ({ electronPlatformName: platform, appOutDir: '/build/mac', packager: { appInfo: { productFilename: 'iCloud Sync Companion' } } });
  const credentials = { APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh-ijkl-mnop', APPLE_TEAM_ID: 'TEAM123456' };

  it('skips with the missing variables named when credentials are absent', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const notarize = vi.fn(async () => undefined);
    await notarizeHook(context('darwin'), { APPLE_ID: 'dev@example.com' }, notarize);
    expect(notarize).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(
      'notarization skipped: APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID not set (missing: APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID)',
    );
    log.mockRestore();
  });

  it('notarizes the signed .app with the credentials from the environment', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const notarize = vi.fn(async () => undefined);
    await notarizeHook(context('darwin'), credentials, notarize);
    expect(notarize).toHaveBeenCalledWith({
      appPath: '/build/mac/iCloud Sync Companion.app',
      appleId: 'dev@example.com',
      appleIdPassword: 'abcd-efgh-ijkl-mnop',
      teamId: 'TEAM123456',
    });
    // The password is passed to the notary tool, never printed.
    expect(JSON.stringify(log.mock.calls)).not.toContain('abcd-efgh-ijkl-mnop');
    log.mockRestore();
  });

  it('does nothing for a Linux build', () => {
    expect(notarizeHook.notarizeOptions(context('linux'), credentials).skip).toMatch(/not a macOS build/);
  });
});
