// Packages the app with electron-builder against a STUB Electron distribution (the real one cannot be
// downloaded here) and reports what came out, for test/packaging/package-smoke.test.ts and for a
// person: `npx tsx scripts/package-smoke.ts [mac|linux]` prints the produced layout.
// The stub has Electron's layout (Electron.app with its helper bundles and Info.plists for macOS;
// the `electron` executable for Linux) and shell scripts instead of binaries, which is all
// electron-builder touches for a `dir` target without signing — plus Electron's fuse wire (the
// sentinel @electron/fuses looks for, with Electron's default fuse states) where the real binaries
// carry it, so electron-builder flips the configured fuses and the test can read them back.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type SmokePlatform = 'mac' | 'linux';

const root = join(import.meta.dirname, '..');
const stubBinary = '#!/bin/sh\necho "stub Electron binary (packaging smoke test)" >&2\nexit 1\n';

/**
 * Electron's fuse wire as it sits in the binary (@electron/fuses: sentinel, wire version 1, wire
 * length, one byte per fuse, '1' on / '0' off) with Electron 45's defaults: RunAsNode on, cookie
 * encryption off, NODE_OPTIONS on, inspect arguments on, asar integrity off, only-load-from-asar
 * off, browser V8 snapshot off, file:// extra privileges on. After the script's `exit 1`, so the
 * shell never reads it.
 */
export const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const fuseWire = Buffer.concat([Buffer.from(fuseSentinel, 'latin1'), Buffer.from([1, 8]), Buffer.from('10110001', 'latin1')]);

function plist(entries: Record<string, string>): string {
  const body = Object.entries(entries)
    .map(([key, value]) => `    <key>${key}</key>\n    <string>${value}</string>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
  <dict>
${body}
  </dict>
</plist>
`;
}

function executable(path: string, withFuses = false): void {
  writeFileSync(path, withFuses ? Buffer.concat([Buffer.from(stubBinary), fuseWire]) : stubBinary);
  chmodSync(path, 0o755);
}

/** Electron.app as the macOS Electron zip unpacks: the main bundle and its helper bundles. */
function stubMacDist(dir: string): void {
  const contents = join(dir, 'Electron.app', 'Contents');
  mkdirSync(join(contents, 'MacOS'), { recursive: true });
  mkdirSync(join(contents, 'Resources'), { recursive: true });
  executable(join(contents, 'MacOS', 'Electron'));
  // On macOS the fuse wire lives in the framework, not in the small launcher executable.
  const framework = join(contents, 'Frameworks', 'Electron Framework.framework');
  mkdirSync(framework, { recursive: true });
  executable(join(framework, 'Electron Framework'), true);
  writeFileSync(join(contents, 'Resources', 'electron.icns'), 'stub');
  writeFileSync(
    join(contents, 'Info.plist'),
    plist({ CFBundleExecutable: 'Electron', CFBundleIdentifier: 'com.github.Electron', CFBundleName: 'Electron', CFBundleIconFile: 'electron.icns', CFBundlePackageType: 'APPL' }),
  );
  for (const suffix of ['', ' (Renderer)', ' (GPU)', ' (Plugin)']) {
    const name = `Electron Helper${suffix}`;
    const helper = join(contents, 'Frameworks', `${name}.app`, 'Contents');
    mkdirSync(join(helper, 'MacOS'), { recursive: true });
    executable(join(helper, 'MacOS', name));
    writeFileSync(join(helper, 'Info.plist'), plist({ CFBundleExecutable: name, CFBundleIdentifier: 'com.github.Electron.helper', CFBundleName: name }));
  }
}

/** The Linux Electron zip: the `electron` executable beside its resources/ folder. */
function stubLinuxDist(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  executable(join(dir, 'electron'), true);
  writeFileSync(join(dir, 'version'), '45.5.0');
  writeFileSync(join(dir, 'LICENSE'), 'stub');
}

export function makeStubElectronDist(platform: SmokePlatform, dir = mkdtempSync(join(tmpdir(), `stub-electron-${platform}-`))): string {
  if (platform === 'mac') stubMacDist(dir);
  else stubLinuxDist(dir);
  return dir;
}

export interface SmokeBuild {
  /** The unpacked app: dist/mac/iCloud Sync Companion.app or dist/linux-unpacked. */
  appDir: string;
  /** Where app.asar and app.asar.unpacked are. */
  resourcesDir: string;
  output: string;
}

/**
 * Run electron-builder's CLI for a `dir` target (no dmg/AppImage, no download) with our
 * electron-builder.yml, overriding only the stub Electron, the output folder and what a stub run
 * cannot do: rebuild native modules (needs the network and a compiler), sign, and re-sign ad hoc.
 */
export async function packageWithStub(platform: SmokePlatform, outputDir: string, electronDist = makeStubElectronDist(platform)): Promise<SmokeBuild> {
  const args = [
    join(root, 'node_modules', 'electron-builder', 'cli.js'),
    platform === 'mac' ? '--mac' : '--linux',
    'dir',
    '--x64',
    '--publish',
    'never',
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${outputDir}`,
    '-c.npmRebuild=false',
  ];
  // No signing here, and no codesign off a Mac: the ad-hoc re-signing after the fuses flip is left out.
  if (platform === 'mac') args.push('-c.mac.identity=null', '-c.electronFuses.resetAdHocDarwinSignature=false');
  const env: NodeJS.ProcessEnv = { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
  for (const name of ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'CSC_LINK', 'CSC_KEY_PASSWORD']) delete env[name];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    // Bounded: a healthy run takes seconds; a hung one must not hold CI.
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(text);
      else reject(new Error(`electron-builder exited with ${code}:\n${text}`));
    });
  });
  if (platform === 'mac') {
    const appDir = join(outputDir, 'mac', 'iCloud Sync Companion.app');
    return { appDir, resourcesDir: join(appDir, 'Contents', 'Resources'), output };
  }
  const appDir = join(outputDir, 'linux-unpacked');
  return { appDir, resourcesDir: join(appDir, 'resources'), output };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const platform = (process.argv[2] ?? 'linux') as SmokePlatform;
  const out = mkdtempSync(join(tmpdir(), 'package-smoke-'));
  const build = await packageWithStub(platform, out);
  console.log(build.output);
  console.log(`app: ${build.appDir}`);
}
