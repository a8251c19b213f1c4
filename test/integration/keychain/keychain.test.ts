// The keychain for real: gnome-keyring's Secret Service in a private D-Bus session (Linux's stand-in
// for the macOS Keychain; @napi-rs/keyring talks to either).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireBinaries } from '../../support/requires';

const available = requireBinaries('keychain (Secret Service)', 'dbus-run-session', 'gnome-keyring-daemon', 'secret-tool');

describe.skipIf(!available)('KeychainSecretStore against gnome-keyring', () => {
  const keyringHome = fs.mkdtempSync(path.join(os.tmpdir(), 'icloud-sync-keyring-'));
  afterAll(() => fs.rmSync(keyringHome, { recursive: true, force: true }));

  it('stores, reads and deletes secrets in the Secret Service', () => {
    const script =
      'printf test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; ' +
      'exec node --import tsx test/support/keychain-probe.ts';
    const output = execFileSync('dbus-run-session', ['--', 'sh', '-c', script], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      // A throwaway keyring: never the developer's own, and a known password to unlock it with.
      env: { ...process.env, XDG_DATA_HOME: keyringHome, XDG_RUNTIME_DIR: keyringHome },
    });
    const result = JSON.parse(output.trim().split('\n').pop()!);
    expect(result).toEqual({
      afterSet: 'abcd-efgh-ijkl-mnop',
      platform: 'pit-secret-token',
      directMentionsAccount: true,
    });
  });

  it('adding a location from the window puts its token in the keychain under its own account; removing it deletes that one only', () => {
    const script =
      'printf test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; ' +
      'exec node --import tsx test/support/location-keychain-probe.ts';
    const output = execFileSync('dbus-run-session', ['--', 'sh', '-c', script], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_DATA_HOME: keyringHome, XDG_RUNTIME_DIR: keyringHome },
    });
    expect(JSON.parse(output.trim().split('\n').pop()!)).toEqual({
      added: { a: 'pit-emulator-token-1', b: 'pit-emulator-token-2', bHeld: true },
      refused: 'Location loc-nowhere is not connected. Connected: loc-emulator-1 (Lovelace Studio), loc-emulator-2 (Hopper Clinic).',
      removed: { a: 'pit-emulator-token-1', b: null, bHeld: false, aHeld: true },
      locations: ['loc-emulator-1'],
    });
  });
});
