// Packages the built app (out/, from `npm run build`) with electron-builder and our
// electron-builder.yml against a stub Electron distribution, for macOS and Linux `dir` targets, and
// checks what a user would install: the bundle id and LSUIElement in Info.plist, the icon, the
// keyring native module unpacked from the asar, and no source, test or dev file inside it.
// What a stub cannot show (code signing, notarization, the dmg, a real launch) is listed in README.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeIcns } from '../../scripts/icns';
import { fuseMismatches } from '../../scripts/check-fuses';
import { packageWithStub, type SmokeBuild } from '../../scripts/package-smoke';
import { APP_ID } from '../../src/main/secrets/secret-store';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(archive: string, options: { isPack: boolean }): string[]; extractFile(archive: string, file: string): Buffer };
const plist = require('plist') as { parse(xml: string): Record<string, unknown> };

const built = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((f) => existsSync(join(root, f)));
if (!built) {
  const message = 'package smoke test: out/ is missing — run `npm run build` first';
  if (process.env.CI === 'true') throw new Error(`${message} (CI builds before testing; see .ci/run).`);
  console.warn(`\n*** SKIPPED ${message}. ***\n`);
}

/** Paths (as the asar lists them, "/out/main/index.js") that must never ship. */
const forbidden: Array<[string, RegExp]> = [
  ['sources', /^\/src\//],
  ['tests', /^\/test\//],
  ['scripts', /^\/scripts\//],
  ['the platform emulator', /emulator/i],
  ['the test harness', /harness/i],
  ['TypeScript sources', /\.tsx?$/],
  ['source maps', /\.map$/],
  ['the builder config', /electron-builder\.yml$/],
  ['dev tools in node_modules', /^\/node_modules\/(electron|electron-builder|electron-vite|vite|vitest|typescript|eslint|@doyensec|playwright-core|fast-check|tsx)\//],
  // Bundled into the renderer by Vite: a copy in node_modules would only be dead weight.
  ['renderer-only packages in node_modules', /^\/node_modules\/(react|react-dom|scheduler|@tanstack)\//],
  ['unused packages', /^\/node_modules\/bottleneck\//],
];

describe.runIf(built)('packaging with a stub Electron', () => {
  const output = mkdtempSync(join(tmpdir(), 'package-smoke-'));
  let mac: SmokeBuild;
  let linux: SmokeBuild;

  beforeAll(async () => {
    // Separate output folders: the two runs go in parallel (about 10 s each).
    [mac, linux] = await Promise.all([packageWithStub('mac', join(output, 'mac-build')), packageWithStub('linux', join(output, 'linux-build'))]);
  }, 120_000);
  afterAll(() => rmSync(output, { recursive: true, force: true }));

  describe('macOS .app', () => {
    it('Info.plist names the app, its bundle id (the keychain’s), and makes it a menu-bar app', () => {
      const info = plist.parse(readFileSync(join(mac.appDir, 'Contents', 'Info.plist'), 'utf8'));
      expect(info.CFBundleIdentifier).toBe(APP_ID);
      expect(info.CFBundleName).toBe('iCloud Sync Companion');
      expect(info.CFBundleExecutable).toBe('iCloud Sync Companion');
      expect(info.LSUIElement).toBe(true);
      expect(info.LSApplicationCategoryType).toBe('public.app-category.productivity');
      expect(info.CFBundleIconFile).toBe('icon.icns');
      // Electron checks the asar against this hash at start (asar integrity).
      expect(info.ElectronAsarIntegrity).toHaveProperty(['Resources/app.asar', 'algorithm'], 'SHA256');
    });

    it('carries our icon and renames the executable and every helper to the product', () => {
      const icon = decodeIcns(readFileSync(join(mac.resourcesDir, 'icon.icns')));
      expect(icon.map((e) => e.type)).toContain('ic10');
      expect(existsSync(join(mac.appDir, 'Contents', 'MacOS', 'iCloud Sync Companion'))).toBe(true);
      // Frameworks/ also holds Electron Framework.framework (as in the real Electron.app); the helpers are the .app bundles.
      const helpers = readdirSync(join(mac.appDir, 'Contents', 'Frameworks')).filter((name) => name.endsWith('.app')).sort();
      expect(helpers).toEqual(['iCloud Sync Companion Helper (GPU).app', 'iCloud Sync Companion Helper (Plugin).app', 'iCloud Sync Companion Helper (Renderer).app', 'iCloud Sync Companion Helper.app']);
      for (const helper of helpers) {
        const info = plist.parse(readFileSync(join(mac.appDir, 'Contents', 'Frameworks', helper, 'Contents', 'Info.plist'), 'utf8'));
        expect(String(info.CFBundleIdentifier)).toMatch(new RegExp(`^${APP_ID.replace(/\./g, '\\.')}\\.helper`));
      }
    });

    it('the afterSign hook ran and said notarization was skipped (no credentials here)', () => {
      expect(mac.output).toContain('notarization skipped: APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID not set');
    });
  });

  describe('Electron fuses, read back from the packed binaries', () => {
    it.each(['mac', 'linux'] as const)('%s: every fuse of electron-builder.yml is flipped as configured', async (platform) => {
      const fuses = require('@electron/fuses') as { getCurrentFuseWire(path: string): Promise<Record<string, number>>; FuseV1Options: Record<string, number> };
      const { getConfig } = require('app-builder-lib/out/util/config/config') as { getConfig(dir: string, path: null, options: null): Promise<{ electronFuses: Record<string, boolean> }> };
      const configured = (await getConfig(root, null, null)).electronFuses;
      // macOS: @electron/fuses finds the framework inside the .app; Linux: the renamed executable.
      const target = platform === 'mac' ? mac.appDir : join(linux.appDir, 'icloud-sync-companion');
      const wire = await fuses.getCurrentFuseWire(target);
      expect(fuseMismatches(configured, wire, fuses.FuseV1Options)).toEqual([]);
      expect(wire[fuses.FuseV1Options.RunAsNode]).toBe(48); // '0': off — the stub started with it on
    });
  });

  for (const platform of ['mac', 'linux'] as const) {
    describe(`${platform} app.asar`, () => {
      const build = () => (platform === 'mac' ? mac : linux);
      const archive = () => join(build().resourcesDir, 'app.asar');
      const list = () => asar.listPackage(archive(), { isPack: false }).map((p) => p.replace(/\\/g, '/'));

      it('holds the built main, preload, renderer, the tray images and package.json', () => {
        const files = list();
        for (const file of ['/out/main/index.js', '/out/main/cli.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json', '/resources/trayTemplate.png', '/resources/trayTemplate@2x.png']) {
          expect(files, file).toContain(file);
        }
        const pkg = JSON.parse(asar.extractFile(archive(), 'package.json').toString('utf8')) as { main: string };
        expect(pkg.main).toBe('out/main/index.js');
      });

      it('contains no source, test or dev file', () => {
        const files = list();
        for (const [what, pattern] of forbidden) {
          expect(files.filter((f) => pattern.test(f)), what).toEqual([]);
        }
      });

      it('the keyring native module is unpacked beside the asar, not inside it', () => {
        const unpacked = join(build().resourcesDir, 'app.asar.unpacked', 'node_modules', '@napi-rs');
        const native = readdirSync(unpacked).filter((name) => name.startsWith('keyring-'));
        expect(native.length).toBeGreaterThan(0);
        for (const name of native) {
          expect(readdirSync(join(unpacked, name)).some((f) => f.endsWith('.node')), name).toBe(true);
        }
        // The asar lists it (so require() finds it) but its bytes live in app.asar.unpacked.
        const files = list();
        expect(files.some((f) => f.startsWith('/node_modules/@napi-rs/keyring/'))).toBe(true);
      });

      it('the main bundle carries no test support code', () => {
        for (const file of list().filter((f) => /^\/out\/main\/.*\.js$/.test(f))) {
          const code = asar.extractFile(archive(), file.slice(1)).toString('utf8');
          expect(code, file).not.toMatch(/test\/support|platform emulator listening/);
        }
      });
    });
  }
});
